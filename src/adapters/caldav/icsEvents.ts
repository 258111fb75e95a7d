import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import icalGenerator, { ICalEventStatus, ICalEventTransparency } from 'ical-generator';
import IcalExpander from 'ical-expander';
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { PLANNING_ZONE, type Interval } from '../../domain/calendarTime.js';
import type { CalendarEvent, EventTimes } from '../../ports/calendar.js';

/**
 * Calendar objects (RFC 5545) as CalDAV servers keep them: written for Voordeur's events with
 * ical-generator, read back — any client's events, recurring ones included — with ical.js
 * through ical-expander. A zone is what the object's own VTIMEZONE says (ical.js reads it;
 * Outlook's "W. Europe Standard Time" works too), else one of the IANA zones ical-expander
 * knows. ical.js 1.x ships no types, so the few parts used are typed here.
 */

interface IcalTime {
  isDate: boolean;
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  zone?: { tzid?: string };
  toUnixTime(): number;
}
interface IcalComponent {
  name: string;
  getFirstPropertyValue(name: string): unknown;
  getAllSubcomponents(name: string): IcalComponent[];
}
interface IcalEvent {
  uid: string;
  summary: string | null;
  description: string | null;
  location: string | null;
  startDate: IcalTime;
  endDate: IcalTime;
  component: IcalComponent;
  recurrenceId: IcalTime | null;
  isRecurrenceException(): boolean;
}
interface Occurrence {
  item: IcalEvent;
  startDate: IcalTime;
  endDate: IcalTime;
}
interface Expander {
  component: IcalComponent;
  events: IcalEvent[];
  between(after: Date, before: Date): { events: IcalEvent[]; occurrences: Occurrence[] };
}
interface IcalModule {
  parse(text: string): unknown;
  Component: new (jcal: unknown) => IcalComponent;
  Event: new (component: IcalComponent) => IcalEvent;
}
const Ical = ICAL as unknown as IcalModule;
const Expand = IcalExpander as unknown as new (options: {
  ics: string;
  maxIterations: number;
}) => Expander;

/** The UID Voordeur gives an event: unique beyond one coach's calendar, readable back. */
export const uidOf = (eventId: string) => `${eventId}@voordeur`;
const idOfUid = (uid: string) => (uid.endsWith('@voordeur') ? uid.slice(0, -9) : uid);

/**
 * One event in Europe/Amsterdam with its VTIMEZONE, so the coach's calendar shows the local
 * time across daylight-saving changes. `sequence` grows with every update (RFC 5545 3.8.7.4).
 */
export function eventIcs(event: CalendarEvent, options: { stamp: Date; sequence: number }): string {
  const calendar = icalGenerator({
    prodId: { company: 'Voordeur', product: 'coach-calendar', language: 'NL' },
    timezone: { name: PLANNING_ZONE, generator: getVtimezoneComponent },
  });
  calendar.createEvent({
    id: uidOf(event.id),
    // luxon values: a JS Date would be written in the process's own zone.
    start: DateTime.fromISO(event.start, { zone: PLANNING_ZONE }),
    end: DateTime.fromISO(event.end, { zone: PLANNING_ZONE }),
    timezone: PLANNING_ZONE,

    sequence: options.sequence,
    summary: event.title,
    description: event.description,
    location: event.location ?? null,
    transparency: ICalEventTransparency.OPAQUE,
    status: ICalEventStatus.CONFIRMED,
  });
  // ical-generator writes DTSTAMP in the calendar's zone without a TZID; RFC 5545 wants UTC.
  const stamp = DateTime.fromJSDate(options.stamp, { zone: 'utc' });
  return calendar
    .toString()
    .replace(/^DTSTAMP:.*$/m, `DTSTAMP:${stamp.toFormat("yyyyMMdd'T'HHmmss'Z'")}`);
}

/**
 * An instant in epoch milliseconds. All-day dates and floating times (no zone) are read in
 * Europe/Amsterdam, where the coaches work — never in the server's own zone.
 */
function instant(time: IcalTime): number {
  const zone = time.zone?.tzid;
  if (time.isDate || !zone || zone === 'floating') {
    const local = DateTime.fromObject(
      time.isDate
        ? { year: time.year, month: time.month, day: time.day }
        : {
            year: time.year,
            month: time.month,
            day: time.day,
            hour: time.hour,
            minute: time.minute,
            second: time.second,
          },
      { zone: PLANNING_ZONE },
    );
    return local.toMillis();
  }
  return time.toUnixTime() * 1000;
}

/** Cancelled and "show as free" events take no time. */
function takesTime(event: IcalEvent): boolean {
  const status = String(event.component.getFirstPropertyValue('status') ?? '').toUpperCase();
  const transp = String(event.component.getFirstPropertyValue('transp') ?? '').toUpperCase();
  return status !== 'CANCELLED' && transp !== 'TRANSPARENT';
}

const exceptionKey = (event: IcalEvent) =>
  `${event.uid}|${event.recurrenceId ? instant(event.recurrenceId) : ''}`;

/** Wide enough to catch an all-day date whatever zone ical-expander reads it in. */
const MARGIN = 2 * 86_400_000;

/**
 * The busy intervals of one calendar object overlapping [from, to), recurrences expanded:
 * RRULE and RDATE, EXDATE, and exceptions (RECURRENCE-ID) at their own time — also one moved
 * into the window from an occurrence outside it.
 */
export function busyIntervals(ics: string, from: number, to: number): Interval[] {
  const expander = new Expand({ ics, maxIterations: 100_000 });
  const found = expander.between(new Date(from - MARGIN), new Date(to + MARGIN));
  const spans: { item: IcalEvent; start: IcalTime; end: IcalTime }[] = [
    ...found.occurrences.map((o) => ({ item: o.item, start: o.startDate, end: o.endDate })),
  ];
  // ical.js relates exceptions to their master: an occurrence may already be the exception.
  const seen = new Set<string>(
    found.occurrences
      .filter((o) => o.item.isRecurrenceException())
      .map((o) => exceptionKey(o.item)),
  );
  for (const event of [
    ...found.events,
    ...expander.events.filter((e) => e.isRecurrenceException()),
  ]) {
    if (event.isRecurrenceException()) {
      if (seen.has(exceptionKey(event))) continue;
      seen.add(exceptionKey(event));
    }
    spans.push({ item: event, start: event.startDate, end: event.endDate });
  }
  return spans
    .filter((span) => takesTime(span.item))
    .map((span) => ({ start: instant(span.start), end: instant(span.end) }))
    .filter((span) => span.end > span.start && span.start < to && span.end > from);
}

/** The event with this id in a calendar object, as {@link CalendarEvent}; the master if recurring. */
export function readEvent(ics: string, coachId: string): CalendarEvent | undefined {
  const root = new Ical.Component(Ical.parse(ics));
  const vevent = root
    .getAllSubcomponents('vevent')
    .find((component) => !component.getFirstPropertyValue('recurrence-id'));
  if (!vevent) return undefined;
  const event = new Ical.Event(vevent);
  return {
    id: idOfUid(event.uid),
    coachId,
    start: new Date(instant(event.startDate)).toISOString(),
    end: new Date(instant(event.endDate)).toISOString(),
    title: event.summary ?? '',
    description: event.description ?? '',
    ...(event.location ? { location: event.location } : {}),
  };
}

/** The times of the object's event (not an exception), or `undefined` when it is cancelled or unreadable. */
export function eventTimesOf(ics: string): EventTimes | undefined {
  const root = new Ical.Component(Ical.parse(ics));
  const vevent = root
    .getAllSubcomponents('vevent')
    .find((component) => !component.getFirstPropertyValue('recurrence-id'));
  if (!vevent) return undefined;
  const status = String(vevent.getFirstPropertyValue('status') ?? '').toUpperCase();
  if (status === 'CANCELLED') return undefined;
  const event = new Ical.Event(vevent);
  return {
    start: new Date(instant(event.startDate)).toISOString(),
    end: new Date(instant(event.endDate)).toISOString(),
  };
}

/** The SEQUENCE of an object's first event (0 when absent or unreadable). */
export function sequenceOf(ics: string): number {
  const match = /^SEQUENCE:(\d+)\s*$/m.exec(ics);
  return match ? Number(match[1]) : 0;
}
