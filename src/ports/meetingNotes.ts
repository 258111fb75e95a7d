import type { MeetingOutcome } from '../domain/meetingOutcome.js';

/**
 * What belongs to a booked first meeting beyond the booking: where the resident lives (for the
 * coach), the week, channel and language it counts in, and what the coach said happened.
 * Partitioned by coach, like the bookings, so a coach's page reads only their own.
 */
export interface MeetingNote {
  bookingId: string;
  coachId: string;
  /** The week the conversation started: the funnel week its outcome counts in. */
  week: string;
  channel: string;
  language: string;
  /** Where the resident lives, as they said it (postcode or place), if they did. */
  residence?: { postcode?: string; place?: string };
  outcome?: MeetingOutcome;
  /** The coach's short note for the team. */
  note?: string;
  /** Staff id of whoever set the outcome or note, and when. */
  updatedBy?: string;
  updatedAt?: string;
}

export interface MeetingNoteStore {
  /** Stores the note (last write wins), kept for the retention period after `meetingEnd`. */
  put(note: MeetingNote, meetingEnd: string): Promise<void>;
  get(coachId: string, bookingId: string): Promise<MeetingNote | undefined>;
  /** The coach's notes, by booking id. */
  forCoach(coachId: string): Promise<Map<string, MeetingNote>>;
}
