import type { ResidentNoticeKind } from './outbox.js';

/** One time offered to the resident in a notice. */
export interface OfferedTime {
  coachName: string;
  /** ISO instants. */
  start: string;
  end: string;
}

/** A message to a resident outside their own turn, as the outbox sends it. */
export type ResidentNotice =
  | {
      kind: Exclude<ResidentNoticeKind, 'lateConflict'>;
      coachName: string;
      /** ISO start of the booked meeting. */
      start: string;
      /**
       * `coachCancelled`: what the meeting was for (`work`, `meaningful`, `talk`), so the button
       * plans a new one for the same; without it the button is "Afspraak verzetten".
       */
      intent?: string;
      /**
       * `coachCancelled`: the meeting as the resident's calendar file had it, so a cancellation
       * file (same UID, METHOD:CANCEL) can take it out of their own calendar too. ISO instants;
       * `bookedAt` is the booking's `createdAt`, `cancelledAt` when the cancel was noticed.
       */
      calendarFile?: { end: string; bookedAt: string; cancelledAt: string };
    }
  | {
      kind: 'lateConflict';
      coachName: string;
      start: string;
      /** New times to choose from (may be empty: then the resident is asked to choose again). */
      offers: OfferedTime[];
    }
  | {
      /** The WhatsApp reminder the day before, with "Ik kom", "Andere tijd", "Bel mij". */
      kind: 'reminder';
      coachName: string;
      start: string;
      /** Where, in words ("Dorpshuis Den Domp, Kerkstraat 2"), or the meeting form. */
      place: string;
    };

/** What became of a notice. */
export type NoticeOutcome =
  | 'sent'
  /** Nothing to send it through (no conversation reference kept, the channel gone). */
  | 'unreachable'
  /** The resident said "stop" (WhatsApp): nothing is sent. */
  | 'optedOut';

/**
 * Sends a resident a message outside their turn, through the channel they used: a proactive
 * message in web chat and Direct Line (the stored conversation reference), WhatsApp within 24
 * hours or a template after that. Transient failures throw (the outbox tries again later).
 */
export interface ResidentNotifier {
  /**
   * `trace` names the outbox job behind the notice (no personal data): WhatsApp carries it as
   * `biz_opaque_callback_data`, so Meta's status callbacks can be matched to the job.
   */
  send(
    residentKey: string,
    language: string,
    notice: ResidentNotice,
    trace?: string,
  ): Promise<NoticeOutcome>;
}
