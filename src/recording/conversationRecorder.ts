import {
  startReview,
  updateReview,
  withStep,
  type ConversationReview,
  type StepCode,
} from '../domain/conversationReview.js';
import type { FunnelEvent, FunnelStage } from '../domain/funnel.js';
import { isoWeekOf } from '../domain/isoWeek.js';
import type { MeetingOutcome } from '../domain/meetingOutcome.js';
import { pseudonym } from '../domain/pseudonym.js';
import type { Logger } from '../log.js';
import type { Booking } from '../ports/bookings.js';
import type { CallbackRequest } from '../ports/callbacks.js';
import type { Clock } from '../ports/clock.js';
import type { ConversationReviewStore } from '../ports/conversationReviews.js';
import type { FunnelEventStore } from '../ports/funnelEvents.js';
import type { MeetingNote, MeetingNoteStore } from '../ports/meetingNotes.js';
import { PendingTurns } from './pendingTurns.js';

export interface RecorderDeps {
  reviews: ConversationReviewStore;
  funnel: FunnelEventStore;
  notes: MeetingNoteStore;
  clock: Clock;
  log: Logger;
  /**
   * Turns are gathered this long, then written together: each conversation's review once, in
   * one bulk request, and the contacts counted in one batch per week. Unset or 0: each turn is
   * written before `turn` returns. Readers in this process call {@link ConversationRecorder.flush}
   * first (see freshStores.ts); other instances see a turn at most this much later.
   */
  batchMs?: number;
}

/** Who the event is about, as the chat side knows them. */
export interface RecordedResident {
  /** The conversation key. Only its pseudonyms are stored. */
  key: string;
  channel: string;
  language: string;
  postcode?: string;
  place?: string;
}

/** The review's id: a pseudonym of the conversation key. */
export function reviewIdOf(conversationKey: string): string {
  return pseudonym(`review|${conversationKey}`);
}

/** A funnel event's key: the stage and a pseudonym of what it counts (never the key itself). */
export function funnelKey(stage: 'contact' | 'asked' | 'booked' | 'outcome', of: string): string {
  return `${stage}-${pseudonym(`funnel|${of}`)}`;
}

/**
 * Records, as they happen, what the staff pages show: the conversation's review document,
 * the anonymous funnel events, and the meeting note beside each booking. Called from
 * decorators at the edges of the bot (turns, planner, call-back store), so the dialogs know
 * nothing of it. A failure here is logged and swallowed: the resident's conversation comes
 * first, and a missed count is better than a failed turn.
 */
export class ConversationRecorder {
  private readonly pending = new PendingTurns();
  private flushing: Promise<void> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly deps: RecorderDeps) {}

  /**
   * A resident's message was handled; `step` is what the conversation is now doing. `first`:
   * the conversation has nothing recorded yet (its state says so), so the review is created
   * without a read, and the contact counted. Gathered with other turns (see `batchMs`).
   */
  async turn(resident: RecordedResident, step: StepCode | undefined, first = false): Promise<void> {
    this.pending.add(reviewIdOf(resident.key), resident, step, first, this.now());
    if (!this.deps.batchMs) {
      await this.flush();
      return;
    }
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.deps.batchMs);
    this.timer.unref?.();
  }

  /** Writes the gathered turns now; resolves when they (and any write under way) are stored. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.safely('turn', () => this.writePending()));
    return this.flushing;
  }

  /** Writes what is gathered and stops the timer (the app is closing). */
  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  private async writePending(): Promise<void> {
    const pending = this.pending.take();
    if (pending.size === 0) return;
    const changes = [...pending].map(([id, turns]) => ({
      id,
      expectNew: turns.first,
      change: (current: ConversationReview | undefined) => {
        const base =
          current ??
          startReview({
            id,
            week: isoWeekOf(new Date(turns.firstAt)),
            at: turns.firstAt,
            channel: turns.resident.channel,
            language: turns.resident.language,
          });
        return updateReview(base, turns.lastAt, (facts) => ({
          ...facts,
          language: turns.resident.language || facts.language,
          steps: turns.steps.reduce(withStep, facts.steps),
        }));
      },
    }));
    const results = await this.deps.reviews.updateMany(changes);
    const contacts = [...pending].flatMap(([, turns], i) => {
      const { review, created } = results[i] ?? {};
      return created && review ? [this.funnelEvent('contact', turns.resident.key, review)] : [];
    });
    if (contacts.length > 0) await this.deps.funnel.recordMany(contacts);
  }

  /** Slots were proposed: the resident asked for a meeting. */
  async asked(resident: RecordedResident): Promise<void> {
    await this.safely('asked', async () => {
      let first = false;
      const review = await this.change(resident, (current) => {
        first = !current.steps.includes('offered');
        return { ...current, steps: withStep(current.steps, 'offered') };
      });
      if (first && review) await this.count('asked', resident.key, review);
    });
  }

  async booked(resident: RecordedResident, booking: Booking): Promise<void> {
    await this.safely('booked', async () => {
      const review = await this.change(resident, (current) => ({
        ...current,
        steps: withStep(current.steps, 'booked'),
        booking: { coachId: booking.coachId, bookingId: booking.id, start: booking.start },
        coachId: booking.coachId,
        cancelled: false,
        intent: booking.summary.intent,
        form: booking.form,
      }));
      if (!review) return;
      await this.count('booked', resident.key, review);
      await this.note(resident, booking, review);
    });
  }

  async moved(resident: RecordedResident, booking: Booking): Promise<void> {
    await this.safely('moved', async () => {
      const review = await this.change(resident, (current) => ({
        ...current,
        steps: withStep(current.steps, 'moved'),
        booking: { coachId: booking.coachId, bookingId: booking.id, start: booking.start },
        coachId: booking.coachId,
        form: booking.form,
      }));
      if (review) await this.note(resident, booking, review);
    });
  }

  async cancelled(resident: RecordedResident): Promise<void> {
    await this.safely('cancelled', async () => {
      await this.change(resident, (current) => {
        const { booking: _booking, ...rest } = current;
        void _booking;
        return { ...rest, steps: withStep(current.steps, 'cancelled'), cancelled: true };
      });
    });
  }

  async callback(request: CallbackRequest): Promise<void> {
    await this.safely('callback', async () => {
      const resident = {
        key: request.residentKey,
        channel: request.channel,
        language: request.language,
      };
      await this.change(resident, (current) => ({
        ...current,
        steps: withStep(current.steps, 'callbackStored'),
        callbackId: request.id,
      }));
    });
  }

  /**
   * The coach said what happened. Counted in the funnel week of the conversation (from the
   * meeting note); `moved` takes a held or no-show count back out.
   */
  async outcome(note: MeetingNote, outcome: MeetingOutcome): Promise<void> {
    const key = funnelKey('outcome', note.bookingId);
    if (outcome === 'moved') {
      await this.deps.funnel.remove(key, note.week);
      return;
    }
    await this.deps.funnel.record(key, {
      stage: outcome,
      week: note.week,
      channel: note.channel,
      language: note.language,
    });
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  /** Changes the review (starting it if needed); `undefined` from `edit` leaves it. */
  private async change(
    resident: RecordedResident,
    edit: (current: Omit<ConversationReview, 'stored'>) => Omit<ConversationReview, 'stored'>,
    at = this.now(),
  ): Promise<ConversationReview | undefined> {
    // The conversation's gathered turns first, so its steps stay in order and its contact counts.
    if (this.pending.has(reviewIdOf(resident.key))) await this.flush();
    return this.deps.reviews.update(reviewIdOf(resident.key), (current) => {
      const base =
        current ??
        startReview({
          id: reviewIdOf(resident.key),
          week: isoWeekOf(new Date(at)),
          at,
          channel: resident.channel,
          language: resident.language,
        });
      const next = updateReview(base, at, (facts) =>
        edit({ ...facts, language: resident.language || facts.language }),
      );
      if (current && sameFacts(current, next)) return undefined;
      return next;
    });
  }

  private async count(
    stage: Exclude<FunnelStage, 'held' | 'noShow'>,
    key: string,
    review: ConversationReview,
  ): Promise<void> {
    const { key: eventKey, event } = this.funnelEvent(stage, key, review);
    await this.deps.funnel.record(eventKey, event);
  }

  private funnelEvent(
    stage: Exclude<FunnelStage, 'held' | 'noShow'>,
    key: string,
    review: ConversationReview,
  ): { key: string; event: FunnelEvent } {
    return {
      key: funnelKey(stage, key),
      event: { stage, week: review.week, channel: review.channel, language: review.language },
    };
  }

  private async note(
    resident: RecordedResident,
    booking: Booking,
    review: ConversationReview,
  ): Promise<void> {
    const residence =
      resident.postcode || resident.place
        ? {
            ...(resident.postcode ? { postcode: resident.postcode } : {}),
            ...(resident.place ? { place: resident.place } : {}),
          }
        : undefined;
    await this.deps.notes.put(
      {
        bookingId: booking.id,
        coachId: booking.coachId,
        week: review.week,
        channel: review.channel,
        language: review.language,
        ...(residence ? { residence } : {}),
      },
      booking.end,
    );
  }

  private async safely(what: string, run: () => Promise<void>): Promise<void> {
    try {
      await run();
    } catch (error) {
      this.deps.log.warn(
        {
          err: error instanceof Error ? { name: error.name, message: error.message } : undefined,
          what,
        },
        'could not record for the staff pages; the conversation goes on',
      );
    }
  }
}

/** Whether a change would store nothing new (so a turn in the same step costs no write). */
function sameFacts(a: ConversationReview, b: ConversationReview): boolean {
  const { lastAt: _a, ...restA } = a;
  const { lastAt: _b, ...restB } = b;
  void _a;
  void _b;
  return JSON.stringify(restA) === JSON.stringify(restB);
}
