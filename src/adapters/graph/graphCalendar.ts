import { GraphError, type Client } from '@microsoft/microsoft-graph-client';
import { DateTime } from 'luxon';
import * as z from 'zod';
import type { Interval } from '../../domain/calendarTime.js';
import { VoordeurError } from '../../errors.js';
import type { CalendarEvent, CalendarService, EventTimes } from '../../ports/calendar.js';
import type { Clock } from '../../ports/clock.js';
import { canonicalEvent } from '../canonical.js';
import { withCalendarRetry, type CalendarRetryOptions } from '../calendarRetry.js';
import { classifyGraphError } from './graphClient.js';

/**
 * The event id Voordeur gave an event, kept on it as a single-value extended property: Graph
 * chooses its own event ids, and this is how a booking finds its event again (a `$filter` on
 * the property, which application permissions allow). The GUID is Voordeur's own namespace.
 */
export const EVENT_ID_PROPERTY =
  'String {6b1f2d0e-7f3a-4c59-9a4e-1d2c3b4a5f60} Name VoordeurEventId';

/** getSchedule answers for at most 62 days at a time. */
const SCHEDULE_SPAN_MS = 56 * 86_400_000;

const dateTimeTimeZone = z.object({ dateTime: z.string(), timeZone: z.string() });
const scheduleResponse = z.object({
  value: z.array(
    z.object({
      scheduleId: z.string(),
      scheduleItems: z
        .array(z.object({ status: z.string(), start: dateTimeTimeZone, end: dateTimeTimeZone }))
        .default([]),
      error: z
        .object({ message: z.string().optional(), responseCode: z.string().optional() })
        .optional(),
    }),
  ),
});
const graphEvent = z.object({
  id: z.string(),
  subject: z.string().nullish(),
  body: z.object({ content: z.string().nullish() }).nullish(),
  start: dateTimeTimeZone,
  end: dateTimeTimeZone,
  location: z.object({ displayName: z.string().nullish() }).nullish(),
  /** Set on an event the organizer cancelled but that stays in the calendar until deleted. */
  isCancelled: z.boolean().nullish(),
});
type GraphEvent = z.infer<typeof graphEvent>;
const eventList = z.object({ value: z.array(graphEvent) });

/** Free and working elsewhere leave the coach able to meet; busy, tentative and away do not. */
const busyStatuses = new Set(['busy', 'tentative', 'oof']);
const utcNames = new Set(['utc', 'etc/utc', 'tzone://microsoft/utc', 'coordinated universal time']);

export interface GraphCalendarOptions {
  clock: Clock;
  retry?: CalendarRetryOptions;
}

/**
 * Coaches' Microsoft 365 calendars through Microsoft Graph (application permissions), one
 * mailbox per coach.
 *
 * - busy: `POST /users/{mailbox}/calendar/getSchedule` (Calendars.ReadBasic is enough), read
 *   in UTC (`Prefer: outlook.timezone="UTC"`).
 * - put: finds the event by its Voordeur id; none: `POST /users/{mailbox}/calendar/events` with
 *   `transactionId` = the event id, so a retry after a lost answer (or two instances writing at
 *   once) makes one event; found: `PATCH` when something changed (a move).
 * - remove: `DELETE` of every event carrying the id; gone already is fine.
 *
 * 429 and 503 honour `Retry-After` within the retry bounds; a service that stays down is
 * `VD_CALENDAR_UNAVAILABLE`, a refusal (no permission, unknown mailbox) `VD_CALENDAR_REFUSED`.
 */
export class GraphCalendar implements CalendarService {
  constructor(
    private readonly client: Client,
    private readonly options: GraphCalendarOptions,
  ) {}

  async busy(mailbox: string, from: Date, to: Date): Promise<Interval[]> {
    const [start, end] = [from.getTime(), to.getTime()];
    const intervals: Interval[] = [];
    for (let chunk = start; chunk < end; chunk += SCHEDULE_SPAN_MS) {
      const items = await this.schedule(mailbox, chunk, Math.min(end, chunk + SCHEDULE_SPAN_MS));
      // An item across a chunk's start was already reported by the chunk before.
      intervals.push(...items.filter((i) => chunk === start || i.start >= chunk));
    }
    return intervals
      .filter((i) => i.start < end && i.end > start)
      .sort((a, b) => a.start - b.start || a.end - b.end);
  }

  async put(mailbox: string, event: CalendarEvent): Promise<void> {
    const canonical = canonicalEvent(event);
    const [current, ...doubles] = await this.find(mailbox, canonical.id);
    if (!current) {
      await this.call('create', (signal) =>
        this.client
          .api(`${userPath(mailbox)}/calendar/events`)
          .options({ signal })
          .post({
            ...fieldsOf(canonical),
            transactionId: canonical.id,
            singleValueExtendedProperties: [{ id: EVENT_ID_PROPERTY, value: canonical.id }],
          }),
      );
      return;
    }
    if (!sameEvent(toCalendarEvent(current, canonical.coachId, canonical.id), canonical)) {
      await this.call('move', (signal) =>
        this.client
          .api(`${userPath(mailbox)}/events/${encodeURIComponent(current.id)}`)
          .options({ signal })
          .patch(fieldsOf(canonical)),
      );
    }
    // Never expected (creates carry a transactionId), but a double would hold the coach's time.
    for (const double of doubles) await this.delete(mailbox, double.id);
  }

  async remove(mailbox: string, eventId: string): Promise<void> {
    for (const found of await this.find(mailbox, eventId)) await this.delete(mailbox, found.id);
  }

  /**
   * Found by its Voordeur id as for a move (a `$filter` on the extended property, so it is
   * found wherever the coach dragged it); one that is cancelled (`isCancelled`) counts as gone.
   */
  async eventTimes(mailbox: string, eventId: string): Promise<EventTimes | undefined> {
    const found = (await this.find(mailbox, eventId)).find((event) => !event.isCancelled);
    return found
      ? {
          start: new Date(instant(found.start)).toISOString(),
          end: new Date(instant(found.end)).toISOString(),
        }
      : undefined;
  }

  /** The event as the coach's calendar holds it (for tests and checks), or `undefined`. */
  async event(
    mailbox: string,
    coachId: string,
    eventId: string,
  ): Promise<CalendarEvent | undefined> {
    const [found] = await this.find(mailbox, eventId);
    return found ? toCalendarEvent(found, coachId, eventId) : undefined;
  }

  private async schedule(mailbox: string, from: number, to: number): Promise<Interval[]> {
    const answer = await this.call('getSchedule', (signal) =>
      this.client
        .api(`${userPath(mailbox)}/calendar/getSchedule`)
        .header('Prefer', 'outlook.timezone="UTC"')
        .options({ signal })
        .post({
          schedules: [mailbox],
          startTime: utcDateTime(from),
          endTime: utcDateTime(to),
          availabilityViewInterval: 15,
        }),
    );
    const parsed = scheduleResponse.safeParse(answer);
    if (!parsed.success) throw refused('getSchedule', 'an answer of an unexpected shape');
    const schedule =
      parsed.data.value.find((s) => s.scheduleId.toLowerCase() === mailbox.toLowerCase()) ??
      parsed.data.value[0];
    if (!schedule) throw refused('getSchedule', 'no schedule for the mailbox');
    if (schedule.error) {
      throw refused('getSchedule', `${schedule.error.responseCode ?? 'an error'} for the mailbox`);
    }
    return schedule.scheduleItems
      .filter((item) => busyStatuses.has(item.status.toLowerCase()))
      .map((item) => ({ start: instant(item.start), end: instant(item.end) }))
      .filter((i) => i.end > i.start);
  }

  private async find(mailbox: string, eventId: string): Promise<GraphEvent[]> {
    const answer = await this.call('find', (signal) =>
      this.client
        .api(`${userPath(mailbox)}/events`)
        .header('Prefer', 'outlook.timezone="UTC", outlook.body-content-type="text"')
        .filter(
          `singleValueExtendedProperties/Any(ep: ep/id eq '${EVENT_ID_PROPERTY}' and ep/value eq '${eventId.replace(/'/g, "''")}')`,
        )
        .select('id,subject,body,start,end,location,isCancelled')
        .top(10)
        .options({ signal })
        .get(),
    );
    const parsed = eventList.safeParse(answer);
    if (!parsed.success) throw refused('find', 'an answer of an unexpected shape');
    return parsed.data.value;
  }

  private async delete(mailbox: string, graphId: string): Promise<void> {
    await this.call('remove', async (signal) => {
      try {
        await this.client
          .api(`${userPath(mailbox)}/events/${encodeURIComponent(graphId)}`)
          .options({ signal })
          .delete();
      } catch (error) {
        if (!(error instanceof GraphError && error.statusCode === 404)) throw error;
      }
    });
  }

  private async call<T>(what: string, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    try {
      return await withCalendarRetry(
        `Microsoft Graph ${what}`,
        run,
        (error) => classifyGraphError(error, this.options.clock.now().getTime()),
        this.options.retry,
      );
    } catch (error) {
      if (error instanceof GraphError) {
        throw refused(what, `${error.statusCode}${error.code ? ` ${error.code}` : ''}`, error);
      }
      throw error;
    }
  }
}

function refused(what: string, detail: string, cause?: unknown): VoordeurError {
  return new VoordeurError(
    'VD_CALENDAR_REFUSED',
    `Microsoft Graph ${what}: ${detail} (check the app's calendar permission, its Exchange scope, and the coach's mailbox in the coaches file)`,
    { cause },
  );
}

const userPath = (mailbox: string) => `/users/${encodeURIComponent(mailbox)}`;

/** Graph's dateTimeTimeZone in UTC: `2031-03-04T09:00:00.000`, zone `UTC`. */
function utcDateTime(ms: number) {
  return { dateTime: new Date(ms).toISOString().slice(0, -1), timeZone: 'UTC' };
}

/** Graph writes seven fractional digits and the zone apart; asked for UTC, it answers in UTC. */
function instant(value: { dateTime: string; timeZone: string }): number {
  const local = value.dateTime.replace(/(\.\d{3})\d*$/, '$1').replace(/Z$/, '');
  const zone = utcNames.has(value.timeZone.toLowerCase()) ? 'utc' : value.timeZone;
  const time = DateTime.fromISO(local, { zone });
  if (!time.isValid) throw refused('read', `a time in an unknown zone (${value.timeZone})`);
  return time.toMillis();
}

function fieldsOf(event: CalendarEvent) {
  return {
    subject: event.title,
    body: { contentType: 'text', content: event.description },
    start: utcDateTime(Date.parse(event.start)),
    end: utcDateTime(Date.parse(event.end)),
    location: { displayName: event.location ?? '' },
    showAs: 'busy',
  };
}

/** As Voordeur wrote it: the Graph event found by Voordeur's event id `id`. */
function toCalendarEvent(event: GraphEvent, coachId: string, id: string): CalendarEvent {
  return {
    id,
    coachId,
    start: new Date(instant(event.start)).toISOString(),
    end: new Date(instant(event.end)).toISOString(),
    title: event.subject ?? '',
    description: event.body?.content ?? '',
    ...(event.location?.displayName ? { location: event.location.displayName } : {}),
  };
}

function sameEvent(a: CalendarEvent, b: CalendarEvent): boolean {
  return (
    a.start === b.start &&
    a.end === b.end &&
    a.title === b.title &&
    a.description === b.description &&
    (a.location ?? '') === (b.location ?? '')
  );
}
