import type { MeetingForm } from '../domain/coach.js';
import type { Booking } from './bookings.js';
import type { CallbackRequest } from './callbacks.js';

/** A booked first meeting, as the resident may see it back (AVG art. 15). */
export interface KeptMeeting {
  start: string;
  coachName: string;
  form: MeetingForm;
  /** The resident's answers kept for the coach (wishes, what they do, what would help). */
  answers: string[];
  /** The number kept for a phone or video meeting, with consent. */
  phone?: string;
  /** ISO date after which it is deleted. */
  keptUntil: string;
}

/** A call-back request, as the resident may see it back. */
export interface KeptCallback {
  phone: string;
  preferredTimes?: string;
  createdAt: string;
  keptUntil: string;
}

/** What Voordeur keeps about one resident outside the conversation itself. */
export interface KeptAboutResident {
  meetings: KeptMeeting[];
  callbacks: KeptCallback[];
}

/** Who asked for an erasure: the resident in the chat, or a team member (phone or letter). */
export type ErasureRequester =
  { kind: 'resident'; channel: string } | { kind: 'staff'; id: string; name: string };

/**
 * A resident's rights over their data: to see what is kept (art. 15) and to have it erased
 * (art. 17). The conversation key names the resident, as everywhere.
 *
 * Errors: a store that stays unreachable throws `VoordeurError('VD_STORE_UNAVAILABLE')`; an
 * erasure that failed half-way can be run again (every step is idempotent).
 */
export interface ResidentDataPort {
  /** The meetings and call-back requests kept about the resident right now. */
  whatIsKept(key: string): Promise<KeptAboutResident>;
  /**
   * Erases everything about the resident in every store (meetings cancelled and coaches told,
   * call-backs withdrawn), and writes an audit line without content that it happened.
   */
  erase(key: string, requester: ErasureRequester): Promise<void>;
  /** The conversation keys that kept this phone number (a request by phone or letter). */
  keysByPhone(phone: string): Promise<string[]>;
}

/** Finds a resident's documents by their conversation key, or keys by a phone number. */
export interface ResidentLookup {
  bookingsOf(key: string): Promise<Booking[]>;
  callbacksOf(key: string): Promise<CallbackRequest[]>;
  /** Keys of conversations whose booking or call-back kept `phone` (international form). */
  keysByPhone(phone: string): Promise<string[]>;
}
