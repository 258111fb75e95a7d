import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import icalGenerator, { ICalAlarmType, ICalCalendarMethod } from 'ical-generator';
import { DateTime } from 'luxon';
import { PLANNING_ZONE } from '../domain/calendarTime.js';
import type { Booking } from '../ports/bookings.js';

export interface MeetingIcsInput {
  booking: Pick<Booking, 'id' | 'start' | 'end'>;
  /** Already in the resident's language, e.g. "Afspraak met Elke". */
  title: string;
  /** Already in the resident's language: where, how, and how to move or cancel. */
  description: string;
  location?: string;
  /** Who the invitation is from, e.g. the municipality's name. */
  organizer: string;
}

/**
 * The calendar file a resident downloads after booking: one event in Europe/Amsterdam, with
 * the zone's VTIMEZONE (so calendars show the right local time across daylight-saving
 * changes), a stable UID (the booking id: importing it twice updates rather than doubles),
 * and a reminder the evening before.
 *
 * Times are handed to ical-generator as luxon values: a JS Date would be written in the
 * process's own zone.
 */
export function meetingIcs(input: MeetingIcsInput): string {
  const calendar = icalGenerator({
    name: input.organizer,
    prodId: { company: 'Voordeur', product: 'afspraak', language: 'NL' },
    method: ICalCalendarMethod.PUBLISH,
    timezone: { name: PLANNING_ZONE, generator: getVtimezoneComponent },
  });
  const start = DateTime.fromISO(input.booking.start, { zone: PLANNING_ZONE });
  const end = DateTime.fromISO(input.booking.end, { zone: PLANNING_ZONE });
  const event = calendar.createEvent({
    id: `${input.booking.id}@voordeur`,
    start,
    end,
    timezone: PLANNING_ZONE,
    summary: input.title,
    description: input.description,
    location: input.location ?? null,
    organizer: { name: input.organizer, email: 'noreply@voordeur.invalid' },
  });
  // The evening before (18:00 for a 09:00 meeting): trigger is seconds before the start.
  event.createAlarm({
    type: ICalAlarmType.display,
    trigger: 15 * 60 * 60,
    description: input.title,
  });
  return calendar.toString();
}

/** The .ics as a data URL attachment, so every channel can offer it without a download route. */
export function icsAttachment(ics: string, name: string) {
  return {
    contentType: 'text/calendar',
    name,
    contentUrl: `data:text/calendar;charset=utf-8;base64,${Buffer.from(ics, 'utf8').toString('base64')}`,
  };
}
