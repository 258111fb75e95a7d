import type { Coach } from '../domain/coach.js';
import type { HandoffSummary } from '../domain/handoff.js';
import { redactPersonalData } from '../domain/redaction.js';
import type { Booking } from '../ports/bookings.js';
import type { CalendarEvent } from '../ports/calendar.js';

/** The calendar event's text for the coach: the handoff summary in words (Dutch). */
export type DescribeHandoff = (
  summary: HandoffSummary,
  coach: Coach,
) => { title: string; description: string };

/** Forms of meeting where the coach calls the resident (or sends them the link). */
const callForms: ReadonlySet<string> = new Set(['phone', 'video']);

/**
 * The summary as it may stand in a coach's calendar: free text without BSN, IBAN, other phone
 * numbers, e-mail addresses or dates of birth, and the phone number only when the resident
 * agreed to a phone or video meeting (calendars are shared and synced to phones).
 */
export function summaryForCalendar(summary: HandoffSummary, now: Date): HandoffSummary {
  const keepPhone = callForms.has(summary.form) ? summary.phone : undefined;
  const clean = (text: string | undefined) =>
    text === undefined ? undefined : redactPersonalData(text, { now, keepPhone }).text;
  const copy: HandoffSummary = { ...summary };
  delete copy.phone;
  for (const field of ['wishes', 'doesAlready', 'wouldHelp', 'preferredTimes'] as const) {
    const text = clean(summary[field]);
    if (text === undefined) delete copy[field];
    else copy[field] = text;
  }
  return keepPhone ? { ...copy, phone: keepPhone } : copy;
}

/**
 * The event a booking puts in its coach's calendar: id = booking id (writing it twice makes
 * one event), the place for meetings on location, and the handoff summary made safe for a
 * calendar ({@link summaryForCalendar}).
 */
export function calendarEventOf(
  booking: Booking,
  coach: Coach,
  describe: DescribeHandoff,
  now: Date,
): CalendarEvent {
  const place = coach.places.find((p) => p.id === booking.placeId);
  return {
    id: booking.id,
    coachId: coach.id,
    start: booking.start,
    end: booking.end,
    ...describe(summaryForCalendar(booking.summary, now), coach),
    ...(place ? { location: `${place.name}, ${place.address}` } : {}),
  };
}
