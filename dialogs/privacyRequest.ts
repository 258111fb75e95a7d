import type { TurnContext } from 'botbuilder';
import { DateTime } from 'luxon';
import type { KeptAboutResident } from '../src/ports/residentData.js';
import type { DialogDeps } from './deps.js';
import { PLANNING_ZONE } from '../src/domain/calendarTime.js';
import { formatMeetingTime } from './meetingTime.js';
import { explainPrivacyFully } from './privacy.js';
import { replyFor, type Reply } from './reply.js';
import { residentKeyOf } from './resident.js';

/** What is kept outside the conversation; nothing when the stores cannot say (no port). */
export async function keptAbout(
  deps: DialogDeps,
  context: TurnContext,
): Promise<KeptAboutResident | undefined> {
  return deps.residentData?.whatIsKept(residentKeyOf(context));
}

/** "op donderdag 3 december om 13:30" in the resident's language. */
export function whenOf(reply: Reply, start: string): string {
  return formatMeetingTime(new Date(start), reply.lng);
}

/** "3 december 2026": when something is deleted, in the resident's language. */
function dateOf(reply: Reply, iso: string): string {
  return DateTime.fromISO(iso)
    .setZone(PLANNING_ZONE)
    .reconfigure({ locale: reply.lng, numberingSystem: 'latn' })
    .toLocaleString(DateTime.DATE_FULL);
}

/**
 * "Wat weten jullie van mij?": what is kept about this resident right now — this conversation,
 * the meeting with the answers for the coach and the number, a call-back request — for how
 * long each, and how to have it removed (AVG art. 15).
 */
export async function tellWhatIsKept(deps: DialogDeps, context: TurnContext): Promise<void> {
  const reply = await replyFor(deps, context);
  const kept = await keptAbout(deps, context);
  if (!kept) {
    await explainPrivacyFully(deps, reply);
    return;
  }
  const lines = [
    reply.text('residentData.kept.intro'),
    reply.text('residentData.kept.conversation', {
      days: reply.text('common.days', { count: deps.retentionDays }),
    }),
  ];
  const until = (iso: string) => dateOf(reply, iso);
  for (const meeting of kept.meetings) {
    lines.push(
      reply.text('residentData.kept.meeting', {
        coach: meeting.coachName,
        when: whenOf(reply, meeting.start),
        until: until(meeting.keptUntil),
      }),
    );
    if (meeting.answers.length > 0) {
      lines.push(reply.text('residentData.kept.answers', { answers: meeting.answers.join('; ') }));
    }
    if (meeting.phone) lines.push(reply.text('residentData.kept.phone', { number: meeting.phone }));
  }
  for (const callback of kept.callbacks) {
    lines.push(
      reply.text('residentData.kept.callback', {
        number: callback.phone,
        until: until(callback.keptUntil),
      }),
    );
  }
  lines.push(reply.text('residentData.kept.never'));
  lines.push(reply.text('residentData.kept.howToErase'));
  await reply.sendText(lines.join('\n\n'));
}
