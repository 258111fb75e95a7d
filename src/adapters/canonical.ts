import { coachIdPattern } from '../domain/coach.js';
import { bookingId, type Booking } from '../ports/bookings.js';
import type { CalendarEvent } from '../ports/calendar.js';
import type { CallbackRequest } from '../ports/callbacks.js';

/**
 * Checks shared by the memory and Cosmos adapters of bookings, calendars and call-backs.
 * Instants are stored in one spelling (`Date.prototype.toISOString`:
 * `2026-03-02T09:00:00.000Z`) because overlap queries compare them as strings; `…T09:00:00Z`
 * and `…T09:00:00.000Z` would otherwise sort apart. A violation is a programming error, so it
 * is a `RangeError`, not a domain error.
 */

const forbiddenInId = /[/\\?#]/;

/** An ISO date-time WITH its offset: without one, `Date.parse` would use the server's zone. */
const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function canonicalInstant(value: string, field: string): string {
  const ms = typeof value === 'string' && isoInstant.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) {
    throw new RangeError(
      `${field} must be an ISO instant with Z or an offset, got ${JSON.stringify(value)}`,
    );
  }
  return new Date(ms).toISOString();
}

function canonicalSpan(start: string, end: string): { start: string; end: string } {
  const span = { start: canonicalInstant(start, 'start'), end: canonicalInstant(end, 'end') };
  if (span.end <= span.start) throw new RangeError('end must be after start');
  return span;
}

/**
 * The booking with canonical instants, after checking that its id is the slot's id
 * ({@link bookingId}): only then does a second booking of the slot collide.
 */
export function canonicalBooking(booking: Booking): Booking {
  if (!coachIdPattern.test(booking.coachId)) throw new RangeError('coachId is not a coach id');
  const span = canonicalSpan(booking.start, booking.end);
  const expected = bookingId(booking.coachId, span.start);
  if (booking.id !== expected) {
    throw new RangeError(`booking id must be bookingId(coachId, start) = ${expected}`);
  }
  return { ...booking, ...span };
}

/** The event with canonical instants. */
export function canonicalEvent(event: CalendarEvent): CalendarEvent {
  if (!coachIdPattern.test(event.coachId)) throw new RangeError('coachId is not a coach id');
  checkDocumentId(event.id);
  return { ...event, ...canonicalSpan(event.start, event.end) };
}

/** Throws unless `id` can be a document id everywhere: 1-255 characters, none of '/', '\\', '?', '#'. */
export function checkDocumentId(id: string): void {
  if (typeof id !== 'string' || !id || id.length > 255 || forbiddenInId.test(id)) {
    throw new RangeError("an id has 1-255 characters and no '/', '\\', '?' or '#'");
  }
}

/** Call-back requests by creation time, then id, so one millisecond's requests keep an order. */
export function oldestFirst(a: CallbackRequest, b: CallbackRequest): number {
  const byTime = Date.parse(a.createdAt) - Date.parse(b.createdAt);
  return byTime || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
