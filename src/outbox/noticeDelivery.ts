import { pseudonym } from '../domain/pseudonym.js';
import type { Clock } from '../ports/clock.js';
import type { OutboxJob } from '../ports/outbox.js';
import type { NoticeOutcome, ResidentNotice, ResidentNotifier } from '../ports/residentNotices.js';
import type { Checkpoint } from './leasedWorker.js';

/**
 * How often a message from the outbox reaches the resident when an instance dies mid-send.
 *
 * A notice job stores `sendingAt` (ETag-guarded, over its claim) right before the channel is
 * called, and is marked done right after the channel answered. An instance that dies in between
 * leaves a job whose lease runs out with `sendingAt` set: nobody can know whether the resident
 * got the message (WhatsApp and Direct Line take no idempotency key). The next instance then
 * sends again only what is worse lost than read twice:
 *
 * - `lateConflict`, `coachCancelled`: sent again (at least once). Lost, the resident travels to
 *   a meeting that is not there.
 * - `reminder`, `calendarDelayed`: not sent again (at most once); the job ends as `maybeSent`.
 *   The booking stands without them, and a second reminder template costs money and annoys.
 *
 * A send that throws counts as not sent, so it is tried again; only a timeout after the channel
 * had accepted the message can still make that a repeat. Every message carries the job as a
 * trace (WhatsApp: `biz_opaque_callback_data`), so a repeat can be found in Meta's callbacks.
 */
const resendWhenUnsure: ReadonlySet<ResidentNotice['kind']> = new Set([
  'lateConflict',
  'coachCancelled',
]);

/** What the outbox says of a message it did not send again; see {@link deliverNotice}. */
export const MAYBE_SENT = 'maybeSent';

/** The job's trace on the message: its booking as a pseudonym and its id; no personal data. */
export function traceOf(job: Pick<OutboxJob, 'pk' | 'id'>): string {
  return `${pseudonym(job.pk)}/${job.id}`;
}

/**
 * Sends `notice` for `job` under the rule above: marks the job `sendingAt` through
 * `checkpoint`, sends, and clears the mark again when the send throws (then rethrows).
 * Resolves to the channel's outcome, or {@link MAYBE_SENT}.
 */
export async function deliverNotice(
  deps: { notifier: ResidentNotifier; clock: Clock },
  job: OutboxJob,
  checkpoint: Checkpoint<OutboxJob>,
  language: string,
  notice: ResidentNotice,
): Promise<NoticeOutcome | typeof MAYBE_SENT> {
  if (job.sendingAt !== undefined && !resendWhenUnsure.has(notice.kind)) return MAYBE_SENT;
  await checkpoint((stored) => ({ ...stored, sendingAt: deps.clock.now().getTime() }));
  try {
    return await deps.notifier.send(job.residentKey, language, notice, traceOf(job));
  } catch (error) {
    // Not sent: the next try is no repeat. (Should this write fail too, the next try is unsure.)
    await checkpoint(withoutSending).catch(() => undefined);
    throw error;
  }
}

function withoutSending(job: OutboxJob): OutboxJob {
  const copy = { ...job };
  delete copy.sendingAt;
  return copy;
}
