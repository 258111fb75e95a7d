import { DateTime } from 'luxon';
import type { Request, Response, Server } from 'restify';
import { isoWeekOf } from '../../domain/isoWeek.js';
import {
  maxNoteLength,
  meetingOutcomes,
  type MeetingOutcome,
} from '../../domain/meetingOutcome.js';
import type { BookingStore } from '../../ports/bookings.js';
import type { CoachDirectory } from '../../ports/coaches.js';
import type { MeetingNote, MeetingNoteStore } from '../../ports/meetingNotes.js';
import type { ConversationRecorder } from '../../recording/conversationRecorder.js';
import { BadRequest, guarded, type GuardDeps } from '../guard.js';
import { redirect, sendHtml } from '../http/respond.js';
import { htmlDocument } from '../pages/layout.js';
import { MeetingsPage, type MeetingGroups } from '../pages/meetingsPage.js';
import type { Booking } from '../../ports/bookings.js';

export interface MeetingDeps extends GuardDeps {
  bookings: BookingStore;
  coaches: CoachDirectory;
  notes: MeetingNoteStore;
  recorder: ConversationRecorder;
}

/** `bookingId(coach, start)`: the coach id, `_`, and the start with `:` and `.` as `-`. */
const bookingIdPattern = /^[a-z0-9-]{1,64}_\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z$/;
const zone = 'Europe/Amsterdam';
/** Past meetings stay on the page this long, to say how they went. */
const pastDays = 14;
/** Upcoming meetings shown: beyond the planning horizon, so none is missed. */
const aheadDays = 63;

/** Today, the rest of this week, and later, in Amsterdam; meetings that ended are "past". */
export function groupMeetings(bookings: Booking[], now: Date): MeetingGroups {
  const local = DateTime.fromJSDate(now, { zone });
  const endOfToday = local.endOf('day').toMillis();
  const endOfWeek = local.endOf('week').toMillis();
  const groups: MeetingGroups = { past: [], today: [], thisWeek: [], later: [] };
  for (const booking of bookings) {
    const start = Date.parse(booking.start);
    if (Date.parse(booking.end) <= now.getTime()) groups.past.push(booking);
    else if (start <= endOfToday) groups.today.push(booking);
    else if (start <= endOfWeek) groups.thisWeek.push(booking);
    else groups.later.push(booking);
  }
  groups.past.reverse();
  return groups;
}

/**
 * The coach's own page. Everything is read in the coach's own partition (their bookings and
 * notes), from the coach id linked to their login: there is no parameter that could name
 * another coach, and a booking id of another coach is simply not found.
 */
export function registerMeetingRoutes(server: Server, deps: MeetingDeps): void {
  server.get(
    '/staff/afspraken',
    guarded(deps, 'ownMeetings', async (ctx, req: Request, res: Response) => {
      const coachId = ctx.user.coachId;
      const coach = coachId ? await deps.coaches.get(coachId) : undefined;
      let groups: MeetingGroups = { past: [], today: [], thisWeek: [], later: [] };
      let notes = new Map<string, MeetingNote>();
      if (coach) {
        const from = new Date(ctx.now.getTime() - pastDays * 86_400_000);
        const to = new Date(ctx.now.getTime() + aheadDays * 86_400_000);
        const [bookings, found] = await Promise.all([
          deps.bookings.forCoach(coach.id, from, to),
          deps.notes.forCoach(coach.id),
        ]);
        groups = groupMeetings(bookings, ctx.now);
        notes = found;
        await ctx.audit('viewMeetings', coach.id);
      }
      const saved = typeof req.query?.opgeslagen === 'string' ? req.query.opgeslagen : undefined;
      sendHtml(
        res,
        200,
        htmlDocument(
          <MeetingsPage
            viewer={ctx.viewer}
            coach={coach}
            groups={groups}
            notes={notes}
            savedId={saved}
          />,
        ),
      );
    }),
  );

  server.post(
    '/staff/afspraken/:bookingId',
    guarded(deps, 'ownMeetings', async (ctx, req: Request, res: Response, form) => {
      const bookingId = String(req.params?.bookingId ?? '');
      if (!bookingIdPattern.test(bookingId)) throw new BadRequest('geen geldige afspraak');
      const outcomeValue = form.get('uitkomst') ?? '';
      if (outcomeValue !== '' && !meetingOutcomes.includes(outcomeValue as MeetingOutcome)) {
        throw new BadRequest('uitkomst onbekend');
      }
      const noteText = (form.get('notitie') ?? '').trim();
      if (noteText.length > maxNoteLength)
        throw new BadRequest(`notitie langer dan ${maxNoteLength} tekens`);
      const coachId = ctx.user.coachId;
      const booking = coachId ? await deps.bookings.get(coachId, bookingId) : undefined;
      if (!coachId || !booking) {
        sendHtml(
          res,
          404,
          htmlDocument(
            <MeetingsPage
              viewer={ctx.viewer}
              coach={undefined}
              groups={{ past: [], today: [], thisWeek: [], later: [] }}
              notes={new Map()}
              savedId={undefined}
            />,
          ),
        );
        return;
      }
      const outcome = outcomeValue === '' ? undefined : (outcomeValue as MeetingOutcome);
      if (outcome && outcome !== 'moved' && Date.parse(booking.end) > ctx.now.getTime()) {
        throw new BadRequest('een afspraak die nog moet komen is niet gehouden of gemist');
      }
      const current: MeetingNote = (await deps.notes.get(coachId, bookingId)) ?? {
        bookingId,
        coachId,
        week: isoWeekOf(new Date(booking.createdAt)),
        channel: booking.summary.channel,
        language: booking.summary.language,
      };
      const { outcome: _old, note: _oldNote, ...rest } = current;
      void _old;
      void _oldNote;
      const next: MeetingNote = {
        ...rest,
        ...(outcome ? { outcome } : {}),
        ...(noteText ? { note: noteText } : {}),
        updatedBy: ctx.session.userId,
        updatedAt: ctx.now.toISOString(),
      };
      await deps.notes.put(next, booking.end);
      if (outcome !== current.outcome) {
        await deps.recorder.outcome(next, outcome ?? 'moved');
      }
      await ctx.audit('recordOutcome', bookingId);
      redirect(
        res,
        `/staff/afspraken?opgeslagen=${encodeURIComponent(bookingId)}#afspraak-${bookingId}`,
        303,
      );
    }),
  );
}
