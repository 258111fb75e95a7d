import { calendarQuery, createCalendarObject, getBasicAuthHeaders } from 'tsdav';
import type { Interval } from '../../domain/calendarTime.js';
import { VoordeurError } from '../../errors.js';
import type { CalendarEvent, CalendarService, EventTimes } from '../../ports/calendar.js';
import type { Clock } from '../../ports/clock.js';
import { canonicalEvent } from '../canonical.js';
import {
  parseRetryAfter,
  withCalendarRetry,
  type CalendarFailure,
  type CalendarRetryOptions,
} from '../calendarRetry.js';
import { busyIntervals, eventIcs, eventTimesOf, readEvent, sequenceOf } from './icsEvents.js';

export interface CalDavOptions {
  /** Basic auth for every CalDAV server; unset: requests without credentials. */
  credentials?: { username: string; password: string };
  clock: Clock;
  retry?: CalendarRetryOptions;
}

/** An HTTP answer that is a failure of the service, not of the request (thrown from `fetch`). */
class CalDavHttpError extends Error {
  constructor(
    readonly status: number,
    readonly retryAfterMs: number | undefined,
  ) {
    super(`CalDAV server answered ${status}`);
    this.name = 'CalDavHttpError';
  }
}

/** Collection methods: a 404 there means the coach's calendar URL is wrong. */
const collectionMethods = new Set(['REPORT', 'PROPFIND']);

/**
 * Coaches' calendars on CalDAV servers (Nextcloud, SOGo, Radicale…), one collection per coach,
 * through tsdav. Each Voordeur event is one object `<event id>.ics` with UID `<event id>@voordeur`.
 *
 * - `put` creates with `If-None-Match: *`: a second create of the same event is refused (412),
 *   which is the sign it was written before; it is then brought up to date with `If-Match` on
 *   the ETag just read (and SEQUENCE + 1), or left alone when it already says the same.
 * - `busy` fetches the objects in the range (a calendar-query with a time-range) and expands
 *   recurring events itself: servers such as Radicale neither expand nor answer free-busy.
 */
export class CalDavCalendar implements CalendarService {
  private readonly headers: Record<string, string>;

  constructor(private readonly options: CalDavOptions) {
    this.headers = options.credentials ? getBasicAuthHeaders(options.credentials) : {};
  }

  async busy(collection: string, from: Date, to: Date): Promise<Interval[]> {
    // One REPORT that returns the objects' data too (tsdav's fetchCalendarObjects makes two).
    const answers = await this.call('busy', (fetch) =>
      calendarQuery({
        url: collection,
        props: { 'd:getetag': {}, 'c:calendar-data': {} },
        filters: {
          'comp-filter': {
            _attributes: { name: 'VCALENDAR' },
            'comp-filter': {
              _attributes: { name: 'VEVENT' },
              'time-range': { _attributes: { start: davTime(from), end: davTime(to) } },
            },
          },
        },
        depth: '1',
        headers: this.headers,
        fetch,
      }),
    );
    const [start, end] = [from.getTime(), to.getTime()];
    return answers
      .flatMap((answer) => {
        const data = calendarData(answer.props?.calendarData);
        return data ? busyIntervals(data, start, end) : [];
      })
      .sort((a, b) => a.start - b.start || a.end - b.end);
  }

  async put(collection: string, event: CalendarEvent): Promise<void> {
    await this.write(collection, canonicalEvent(event), 0);
  }

  private async write(collection: string, canonical: CalendarEvent, depth: number): Promise<void> {
    const filename = objectName(canonical.id);
    const stamp = this.options.clock.now();
    const created = await this.call('create', (fetch) =>
      createCalendarObject({
        calendar: { url: collection },
        filename,
        iCalString: eventIcs(canonical, { stamp, sequence: 0 }),
        headers: this.headers,
        fetch,
      }),
    );
    // Read to the end, so the connection is free for the next request.
    await created.arrayBuffer().catch(() => undefined);
    if (created.ok) return;
    if (created.status !== 412) throw refused('create', created.status);
    // Written before: update it, unless it already says this. Another writer may update in
    // between (412 again): read again, a few times.
    const url = new URL(filename, collection).href;
    for (let round = 0; round < 3; round += 1) {
      const current = await this.read(url);
      if (!current) {
        // Removed in between: create again (If-None-Match still guards against a double).
        if (depth < 2) return this.write(collection, canonical, depth + 1);
        break;
      }
      const stored = readEvent(current.data, canonical.coachId);
      if (stored && sameEvent(stored, canonical)) return;
      const ics = eventIcs(canonical, { stamp, sequence: sequenceOf(current.data) + 1 });
      const updated = await this.call('update', (fetch) =>
        fetch(url, {
          method: 'PUT',
          headers: {
            ...this.headers,
            'content-type': 'text/calendar; charset=utf-8',
            ...(current.etag ? { 'if-match': current.etag } : {}),
          },
          body: ics,
        }),
      );
      await updated.arrayBuffer();
      if (updated.ok) return;
      if (updated.status !== 412) throw refused('update', updated.status);
    }
    throw new VoordeurError('VD_CALENDAR_UNAVAILABLE', 'CalDAV update kept conflicting');
  }

  async remove(collection: string, eventId: string): Promise<void> {
    const url = new URL(objectName(eventId), collection).href;
    const response = await this.call('remove', (fetch) =>
      fetch(url, { method: 'DELETE', headers: this.headers }),
    );
    await response.arrayBuffer();
    if (!response.ok && response.status !== 404) throw refused('remove', response.status);
  }

  /**
   * A GET of the event's object: 404 is gone, and so is an event the coach's client kept with
   * `STATUS:CANCELLED` (some clients cancel rather than delete).
   */
  async eventTimes(collection: string, eventId: string): Promise<EventTimes | undefined> {
    const found = await this.read(new URL(objectName(eventId), collection).href);
    return found ? eventTimesOf(found.data) : undefined;
  }

  /** One event as the coach's calendar holds it (for tests and checks), or `undefined`. */
  async event(
    collection: string,
    coachId: string,
    eventId: string,
  ): Promise<CalendarEvent | undefined> {
    const found = await this.read(new URL(objectName(eventId), collection).href);
    return found ? readEvent(found.data, coachId) : undefined;
  }

  private async read(url: string): Promise<{ data: string; etag: string | null } | undefined> {
    return this.call('read', async (fetch) => {
      const response = await fetch(url, { method: 'GET', headers: this.headers });
      const data = await response.text();
      if (response.status === 404) return undefined;
      if (!response.ok) throw refused('read', response.status);
      return { data, etag: response.headers.get('etag') };
    });
  }

  /**
   * One operation with retries. It gets a `fetch` bound to the attempt's time limit that
   * throws for answers meaning "the service, not the request": 429/5xx (retried), 401/403 and
   * a missing collection (refused).
   */
  private async call<T>(what: string, run: (fetch: typeof globalThis.fetch) => Promise<T>) {
    try {
      return await withCalendarRetry(
        `CalDAV ${what}`,
        (signal) =>
          run(async (input, init) => {
            const response = await globalThis.fetch(input, { ...init, signal });
            const method = (init?.method ?? 'GET').toUpperCase();
            const { status } = response;
            if (
              status === 401 ||
              status === 403 ||
              status === 408 ||
              status === 429 ||
              status >= 500 ||
              (status === 404 && collectionMethods.has(method))
            ) {
              await response.arrayBuffer().catch(() => undefined);
              const after = parseRetryAfter(
                response.headers.get('retry-after'),
                this.options.clock.now().getTime(),
              );
              throw new CalDavHttpError(status, after);
            }
            return response;
          }),
        classify,
        this.options.retry,
      );
    } catch (error) {
      if (error instanceof CalDavHttpError) throw refused(what, error.status, error);
      throw error;
    }
  }
}

function classify(error: unknown): CalendarFailure | undefined {
  if (error instanceof CalDavHttpError) {
    return {
      status: error.status,
      reason: `status ${error.status}`,
      ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
    };
  }
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError')
    return { status: undefined, reason: 'time-out' };
  if (error instanceof TypeError && /fetch failed/i.test(error.message)) {
    return { status: undefined, reason: 'connection failed' };
  }
  return undefined;
}

function refused(what: string, status: number, cause?: unknown): VoordeurError {
  const why =
    status === 401 || status === 403
      ? 'check CALDAV_USERNAME / CALDAV_PASSWORD and the rights on the collection'
      : status === 404
        ? "check the coach's calendar URL in the coaches file"
        : 'unexpected answer';
  return new VoordeurError('VD_CALENDAR_REFUSED', `CalDAV ${what}: ${status} (${why})`, { cause });
}

/** `20310304T090000Z`, as a CalDAV time-range wants it. */
function davTime(at: Date): string {
  return `${at.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
}

/** tsdav hands calendar-data over as text, or as `{ _cdata }` when the server used CDATA. */
function calendarData(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  const cdata = (value as { _cdata?: unknown } | null | undefined)?._cdata;
  return typeof cdata === 'string' ? cdata : undefined;
}

/** The object's name in the collection; ids may hold characters a path may not. */
function objectName(eventId: string): string {
  return `${encodeURIComponent(eventId)}.ics`;
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
