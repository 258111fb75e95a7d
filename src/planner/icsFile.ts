import { createHash } from 'node:crypto';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import icalGenerator, { ICalAlarmType, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import { PLANNING_ZONE } from '../domain/calendarTime.js';
import type { Booking } from '../ports/bookings.js';

export interface MeetingIcsInput {
  /** `residentKey` makes the UID, `createdAt` the SEQUENCE and DTSTAMP: see {@link meetingIcs}. */
  booking: Pick<Booking, 'start' | 'end' | 'residentKey' | 'createdAt'>;
  /** Already in the resident's language, e.g. "Afspraak met Elke". */
  title: string;
  /** Already in the resident's language: where, how, and how to move or cancel. */
  description: string;
  location?: string;
  /** Who the invitation is from, e.g. the municipality's name. */
  organizer: string;
  /** When the meeting was cancelled: the file then takes it out of the resident's calendar. */
  cancelledAt?: Date;
}

/** The reminder: an hour before, time to set out (not the evening before at a random hour). */
const ALARM_SECONDS_BEFORE = 60 * 60;
/**
 * SEQUENCE counts seconds from here: every move is a later booking, so a larger number. Seconds,
 * not minutes: a resident who books and moves within one minute must still get a higher number.
 * Seconds since 2026 stay within a signed 32-bit integer (what calendar apps store) until 2094.
 */
const SEQUENCE_EPOCH = Date.parse('2026-01-01T00:00:00Z');

/**
 * The meeting's UID in the resident's calendar. A move books a new slot (a new booking id), so
 * the UID comes from the conversation instead — one resident has one meeting at a time — and a
 * moved meeting replaces the old one instead of standing beside it. Hashed: the conversation
 * key itself never leaves Voordeur.
 */
export function meetingUid(residentKey: string): string {
  return `${createHash('sha256').update(`meeting|${residentKey}`).digest('hex').slice(0, 32)}@voordeur`;
}

/** Seconds since 2026 at `at`: grows with every later booking or cancellation. */
function sequenceAt(at: Date | string): number {
  const ms = typeof at === 'string' ? Date.parse(at) : at.getTime();
  return Number.isNaN(ms) ? 0 : Math.max(0, Math.floor((ms - SEQUENCE_EPOCH) / 1000));
}

/** `20270329T113000Z`: DTSTAMP is UTC (RFC 5545 3.8.7.2). */
function utcStamp(at: Date | string): string {
  const time =
    typeof at === 'string' ? DateTime.fromISO(at, { zone: 'utc' }) : DateTime.fromJSDate(at);
  return time.toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'");
}

/**
 * The calendar file a resident downloads after booking, moving or cancelling: one event in
 * Europe/Amsterdam with the zone's VTIMEZONE (so calendars show the right local time across
 * daylight-saving changes) and a reminder an hour before.
 *
 * - UID: the same for every version of the resident's meeting ({@link meetingUid}); SEQUENCE:
 *   seconds since 2026 at the booking (or the cancellation), so each move outranks the one
 *   before and a calendar app updates the meeting instead of adding a second.
 * - Cancelled (`cancelledAt`): METHOD:CANCEL and STATUS:CANCELLED, which removes it; its
 *   SEQUENCE is always above the booking's, even when cancelled in the same second.
 * - DTSTAMP: when this version was made, in UTC.
 *
 * Times are handed to ical-generator as luxon values: a JS Date would be written in the
 * process's own zone.
 */
export function meetingIcs(input: MeetingIcsInput): string {
  const cancelled = input.cancelledAt !== undefined;
  const madeAt = input.cancelledAt ?? input.booking.createdAt;
  const calendar = icalGenerator({
    name: input.organizer,
    prodId: { company: 'Voordeur', product: 'afspraak', language: 'NL' },
    method: cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.PUBLISH,
    timezone: { name: PLANNING_ZONE, generator: getVtimezoneComponent },
  });
  const event = calendar.createEvent({
    id: meetingUid(input.booking.residentKey),
    sequence: cancelled
      ? Math.max(sequenceAt(madeAt), sequenceAt(input.booking.createdAt) + 1)
      : sequenceAt(madeAt),
    start: DateTime.fromISO(input.booking.start, { zone: PLANNING_ZONE }),
    end: DateTime.fromISO(input.booking.end, { zone: PLANNING_ZONE }),
    timezone: PLANNING_ZONE,
    summary: input.title,
    description: input.description,
    location: input.location ?? null,
    organizer: { name: input.organizer, email: 'noreply@voordeur.invalid' },
    status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  if (!cancelled) {
    event.createAlarm({
      type: ICalAlarmType.display,
      trigger: ALARM_SECONDS_BEFORE,
      description: input.title,
    });
  }
  // ical-generator writes DTSTAMP in the calendar's zone without a TZID; it must be UTC.
  return calendar.toString().replace(/^DTSTAMP:.*$/m, `DTSTAMP:${utcStamp(madeAt)}`);
}

/**
 * A file name a resident recognises, in their language: the meeting's title ("Afspraak met
 * Elke.ics", "Appointment with Elke.ics"), without characters file systems refuse or
 * direction marks, and never empty (`fallback`, e.g. "afspraak.ics", when nothing is left).
 */
export function icsFileName(title: string, fallback = 'afspraak'): string {
  const cleaned = title
    // Bidirectional isolates and marks (the Arabic texts wrap names in them), controls.
    .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069\p{Cc}]/gu, '')
    .replace(/[\\/:*?"<>|]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
    .slice(0, 80)
    .trim();
  return `${cleaned || fallback.replace(/\.ics$/, '')}.ics`;
}

/** The .ics as a data URL attachment, so every channel can offer it without a download route. */
export function icsAttachment(ics: string, name: string) {
  return {
    contentType: 'text/calendar',
    name,
    contentUrl: `data:text/calendar;charset=utf-8;base64,${Buffer.from(ics, 'utf8').toString('base64')}`,
  };
}
