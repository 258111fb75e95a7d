import type { Interval } from '../domain/calendarTime.js';

/** A meeting in a coach's calendar, written by Voordeur. */
export interface CalendarEvent {
  /** Stable id (the booking id): writing the same event twice never makes two. */
  id: string;
  coachId: string;
  /** ISO instants. */
  start: string;
  end: string;
  title: string;
  /** The handoff summary, as text for the coach. */
  description: string;
  location?: string;
}

/** When an event is, as the coach's calendar holds it now: ISO instants. */
export interface EventTimes {
  start: string;
  end: string;
}

/**
 * A coach's calendar: Voordeur's own (Cosmos DB), Microsoft 365 through Graph, or a CalDAV
 * server, chosen per coach by the coaches file.
 *
 * Every write is idempotent by event id (the booking id), so a retried turn — or a queued job
 * run twice — never books twice:
 * - `put` creates the event, or brings an existing one with that id up to date (a move is a
 *   `put` with new times: the coach's calendar keeps one event and shows it moved);
 * - `remove` deletes it, and is done when it is already gone.
 *
 * Errors: `VoordeurError('VD_CALENDAR_UNAVAILABLE')` when the calendar service stays
 * unreachable or busy after a few bounded retries (worth trying again later; the error may carry
 * `retryAfterMs`), `VD_CALENDAR_REFUSED` when it refuses for good (no permission, no such
 * mailbox or collection: someone must fix the configuration). Bad input is a `RangeError`.
 */
export interface Calendar {
  /** Busy intervals of the coach overlapping [from, to): their own appointments and Voordeur's. */
  busy(coachId: string, from: Date, to: Date): Promise<Interval[]>;
  /** Creates the event, or updates the one with the same id. */
  put(event: CalendarEvent): Promise<void>;
  /** Removing an event that is gone is not an error. */
  remove(coachId: string, eventId: string): Promise<void>;
  /**
   * Reads Voordeur's event back: its times as the coach's calendar holds them now (the coach
   * may have moved it), or `undefined` when it is gone — deleted, or cancelled (a cancelled
   * event that a calendar keeps, such as CalDAV's `STATUS:CANCELLED` or Graph's `isCancelled`,
   * counts as gone). One read per event; errors as for every call here.
   */
  eventTimes(coachId: string, eventId: string): Promise<EventTimes | undefined>;
}

/**
 * One calendar service (Microsoft 365, a CalDAV server) in which each coach's calendar has an
 * address: a mailbox, a collection URL. Same semantics as {@link Calendar}; {@link calendarAt}
 * turns it into one by looking the address up per coach.
 */
export interface CalendarService {
  busy(address: string, from: Date, to: Date): Promise<Interval[]>;
  put(address: string, event: CalendarEvent): Promise<void>;
  remove(address: string, eventId: string): Promise<void>;
  eventTimes(address: string, eventId: string): Promise<EventTimes | undefined>;
}

/** The {@link Calendar} of a service whose coaches' addresses `addressOf` knows. */
export function calendarAt(
  service: CalendarService,
  addressOf: (coachId: string) => Promise<string> | string,
): Calendar {
  return {
    busy: async (coachId, from, to) => service.busy(await addressOf(coachId), from, to),
    put: async (event) => service.put(await addressOf(event.coachId), event),
    remove: async (coachId, eventId) => service.remove(await addressOf(coachId), eventId),
    eventTimes: async (coachId, eventId) => service.eventTimes(await addressOf(coachId), eventId),
  };
}
