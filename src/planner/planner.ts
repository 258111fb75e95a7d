import type { Coach, MeetingForm } from '../domain/coach.js';
import type { Reason } from '../domain/coachChoice.js';
import type { HandoffSummary } from '../domain/handoff.js';
import type { NotPossibleReason, Relaxation } from '../domain/availability.js';
import type { TimePreference } from '../domain/calendarTime.js';
import type { Booking } from '../ports/bookings.js';

/** Who is planning: enough to choose a coach and to own the booking. */
export interface ResidentContext {
  /** The conversation key: owner of the booking. */
  key: string;
  /** ISO 639-1 language the resident uses. */
  language: string;
  channel: string;
  postcode?: string;
  place?: string;
  /** The coach of an earlier booking: a returning resident keeps their coach. */
  previousCoachId?: string;
}

/** One concrete offer: a named coach at a time. */
export interface Proposal {
  coach: Coach;
  start: Date;
  end: Date;
  /** Why this coach, for "Elke werkt in Haaren en spreekt Engels". */
  reasons: Reason[];
}

export type ProposalResult =
  | { kind: 'matches'; proposals: Proposal[] }
  /** Nothing matched the preference; these are the nearest, after relaxing `relaxed`. */
  | { kind: 'alternatives'; relaxed: Relaxation; proposals: Proposal[]; why?: NotPossibleReason }
  /** No coach has any free time within the horizon. */
  | { kind: 'none' };

export interface BookRequest {
  coachId: string;
  /** ISO start of the chosen slot, as carried by the button. */
  start: string;
  resident: ResidentContext;
  form: MeetingForm;
  placeId?: string;
  summary: HandoffSummary;
  /** The resident's time preference, so fresh options (when the slot is gone) still fit it. */
  preference?: TimePreference;
}

export type BookResult =
  | { kind: 'booked'; booking: Booking; coach: Coach }
  /**
   * The slot cannot be had: another resident took it, it is in the past or too soon, or it
   * was never a free slot of that coach (an old or forged button). Fresh options come along.
   */
  | {
      kind: 'unavailable';
      reason: 'taken' | 'expired' | 'notOffered';
      alternatives: ProposalResult;
    };

/**
 * Planning a first meeting: the application service between dialogs and the domain. It reads
 * coaches, calendars and bookings through ports and leaves the rules to `src/domain/`.
 */
export interface Planner {
  /** Up to `count` (default 3) slots that match the preference, or the nearest alternatives. */
  propose(
    resident: ResidentContext,
    preference: TimePreference,
    count?: number,
  ): Promise<ProposalResult>;
  /** Books the slot atomically and writes the coach's calendar with the handoff summary. */
  book(request: BookRequest): Promise<BookResult>;
  /** Books the new slot first, then frees the old one; idempotent. */
  move(current: { coachId: string; bookingId: string }, request: BookRequest): Promise<BookResult>;
  /** Frees the slot and removes the calendar event; idempotent. */
  cancel(resident: ResidentContext, current: { coachId: string; bookingId: string }): Promise<void>;
  /** A booking with its coach, if it still exists. */
  find(current: {
    coachId: string;
    bookingId: string;
  }): Promise<{ booking: Booking; coach: Coach } | undefined>;
}
