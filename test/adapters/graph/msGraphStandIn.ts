import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for Microsoft Graph's calendar endpoints, because Microsoft 365 cannot be
 * reached here. It speaks the documented request and response shapes of the calls Voordeur
 * makes (v1.0), and nothing else:
 *
 * - `POST /v1.0/users/{id}/calendar/getSchedule` → `{ value: [{ scheduleId, availabilityView,
 *   scheduleItems: [{ status, start, end, … }], workingHours }] }`, times as
 *   `dateTimeTimeZone` in UTC (the caller sends `Prefer: outlook.timezone="UTC"`); an unknown
 *   mailbox answers with an `error` inside its schedule, as Graph does.
 * - `POST /v1.0/users/{id}/calendar/events` → 201 with the event. A `transactionId` seen before
 *   in that mailbox returns the event it created instead of a second one (what the property is
 *   documented for: "to avoid redundant POST operations in case of client retries").
 * - `GET /v1.0/users/{id}/events?$filter=singleValueExtendedProperties/Any(ep: ep/id eq '…' and
 *   ep/value eq '…')` → `{ value: [events] }`.
 *   With `$select`, only the named properties come back, plus `id` (as Graph does).
 * - `PATCH` / `DELETE /v1.0/users/{id}/events/{event-id}` → 200 with the event / 204; an unknown
 *   event 404 `ErrorItemNotFound`.
 * - Events carry `isCancelled` (false when created): an event whose organizer cancelled the
 *   meeting stays in the calendar with `isCancelled: true` until it is deleted.
 *
 * Errors use Graph's shape `{ error: { code, message } }`. Requests without a bearer token get
 * 401. `failNext` scripts throttling (429 + Retry-After) and outages (503, 500).
 */

interface DateTimeTimeZone {
  dateTime: string;
  timeZone: string;
}
export interface StandInEvent {
  id: string;
  subject: string;
  body: { contentType: string; content: string };
  start: DateTimeTimeZone;
  end: DateTimeTimeZone;
  location: { displayName: string };
  showAs: string;
  isCancelled: boolean;
  transactionId?: string;
  singleValueExtendedProperties?: { id: string; value: string }[];
}

export interface ScriptedFailure {
  /** An HTTP error status; or `'lostAnswer'`: do the work, then drop the connection unanswered. */
  status: number | 'lostAnswer';
  retryAfterSeconds?: number;
  /** Only for requests with this method (others pass); default: the next request of any kind. */
  method?: string;
}

export interface MsGraphStandIn {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Events per mailbox (lower case), as Graph would hold them. */
  mailboxes: Map<string, StandInEvent[]>;
  /** Mailboxes Graph does not know. */
  unknown: Set<string>;
  /** `METHOD path` of every request, failed ones included. */
  requests: string[];
  /** The `Prefer` header of each of those requests ('' when absent). */
  prefers: string[];
  failNext(...failures: ScriptedFailure[]): void;
  /** The events in `mailbox` that carry Voordeur's event id `eventId` (to change as Outlook would). */
  voordeurEvents(mailbox: string, eventId: string): StandInEvent[];
  /** Adds an event as another client (Outlook itself) would. */
  addEvent(
    mailbox: string,
    event: Partial<StandInEvent> & Pick<StandInEvent, 'start' | 'end'>,
  ): void;
  close(): Promise<void>;
}

const codes: Record<number, string> = {
  400: 'BadRequest',
  401: 'InvalidAuthenticationToken',
  404: 'ErrorItemNotFound',
  429: 'TooManyRequests',
  500: 'InternalServerError',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

/** `2031-03-04T09:00:00.0000000`, as Graph writes UTC date-times. */
const graphUtc = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}.0000000`;
const parseUtc = (value: DateTimeTimeZone) => {
  if (value.timeZone !== 'UTC') throw new Error(`stand-in reads UTC only, got ${value.timeZone}`);
  return Date.parse(`${value.dateTime.replace(/(\.\d{3})\d*$/, '$1')}Z`);
};

export async function startMsGraphStandIn(): Promise<MsGraphStandIn> {
  const mailboxes = new Map<string, StandInEvent[]>();
  const unknown = new Set<string>();
  const requests: string[] = [];
  const prefers: string[] = [];
  const failures: ScriptedFailure[] = [];
  const eventsOf = (mailbox: string) => {
    const key = mailbox.toLowerCase();
    if (!mailboxes.has(key)) mailboxes.set(key, []);
    return mailboxes.get(key)!;
  };

  function send(
    res: ServerResponse,
    status: number,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    res.writeHead(status, {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    });
    res.end(body === undefined ? undefined : JSON.stringify(body));
  }
  const error = (
    res: ServerResponse,
    status: number,
    message: string,
    headers?: Record<string, string>,
  ) => send(res, status, { error: { code: codes[status] ?? 'Error', message } }, headers);

  async function bodyOf(req: IncomingMessage): Promise<Record<string, unknown>> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const method = req.method ?? 'GET';
    requests.push(`${method} ${url.pathname}`);
    prefers.push(String(req.headers.prefer ?? ''));
    if (!/^Bearer .+/.test(req.headers.authorization ?? '')) {
      return error(res, 401, 'Access token is empty.');
    }
    const index = failures.findIndex((f) => !f.method || f.method === method);
    const failure = index < 0 ? undefined : failures.splice(index, 1)[0];
    if (failure?.status === 'lostAnswer') {
      // The work is done; the answer never arrives (a time-out or a reset on the way back).
      res.end = (() => {
        req.socket.destroy();
        return res;
      }) as typeof res.end;
    } else if (failure) {
      await bodyOf(req);
      return error(res, failure.status, 'Scripted failure', {
        ...(failure.retryAfterSeconds !== undefined
          ? { 'Retry-After': String(failure.retryAfterSeconds) }
          : {}),
      });
    }
    const match =
      /^\/v1\.0\/users\/([^/]+)\/(calendar\/getSchedule|calendar\/events|events)(?:\/([^/]+))?$/.exec(
        url.pathname,
      );
    if (!match) return error(res, 400, `Resource not found for the segment '${url.pathname}'.`);
    const mailbox = decodeURIComponent(match[1]!);
    const [resource, eventId] = [match[2]!, match[3] ? decodeURIComponent(match[3]) : undefined];
    if (unknown.has(mailbox.toLowerCase()) && resource !== 'calendar/getSchedule') {
      return error(res, 404, 'The requested user is invalid.');
    }
    const events = eventsOf(mailbox);

    if (method === 'POST' && resource === 'calendar/getSchedule') {
      const body = (await bodyOf(req)) as {
        schedules: string[];
        startTime: DateTimeTimeZone;
        endTime: DateTimeTimeZone;
      };
      const [from, to] = [parseUtc(body.startTime), parseUtc(body.endTime)];
      return send(res, 200, {
        value: body.schedules.map((scheduleId) =>
          unknown.has(scheduleId.toLowerCase())
            ? {
                scheduleId,
                error: {
                  message: 'The specified mailbox could not be found.',
                  responseCode: 'ErrorMailRecipientNotFound',
                },
              }
            : {
                scheduleId,
                availabilityView: '',
                scheduleItems: eventsOf(scheduleId)
                  .filter((e) => parseUtc(e.start) < to && parseUtc(e.end) > from)
                  .map((e) => ({
                    isPrivate: false,
                    status: e.showAs,
                    subject: e.subject,
                    location: e.location.displayName,
                    start: e.start,
                    end: e.end,
                  })),
                workingHours: {},
              },
        ),
      });
    }
    if (method === 'POST' && resource === 'calendar/events' && !eventId) {
      const body = (await bodyOf(req)) as Omit<StandInEvent, 'id'>;
      const earlier = body.transactionId
        ? events.find((e) => e.transactionId === body.transactionId)
        : undefined;
      if (earlier) return send(res, 201, earlier);
      const created: StandInEvent = {
        ...body,
        isCancelled: false,
        id: `AAMk${randomUUID().replace(/-/g, '')}`,
        start: { dateTime: graphUtc(parseUtc(body.start)), timeZone: 'UTC' },
        end: { dateTime: graphUtc(parseUtc(body.end)), timeZone: 'UTC' },
      };
      events.push(created);
      return send(res, 201, created);
    }
    if (method === 'GET' && resource === 'events' && !eventId) {
      const filter = url.searchParams.get('$filter') ?? '';
      const wanted =
        /^singleValueExtendedProperties\/Any\(ep: ep\/id eq '((?:[^']|'')+)' and ep\/value eq '((?:[^']|'')*)'\)$/.exec(
          filter,
        );
      if (!wanted) return error(res, 400, `Unsupported $filter in the stand-in: ${filter}`);
      const [property, value] = [wanted[1]!.replace(/''/g, "'"), wanted[2]!.replace(/''/g, "'")];
      const select = url.searchParams.get('$select');
      const fields = select ? ['id', ...select.split(',').map((f) => f.trim())] : undefined;
      return send(res, 200, {
        value: events
          .filter((e) =>
            e.singleValueExtendedProperties?.some((p) => p.id === property && p.value === value),
          )
          .map((e) =>
            fields
              ? Object.fromEntries(Object.entries(e).filter(([field]) => fields.includes(field)))
              : e,
          ),
      });
    }
    if (resource === 'events' && eventId) {
      const index = events.findIndex((e) => e.id === eventId);
      if (index < 0) return error(res, 404, 'The specified object was not found in the store.');
      if (method === 'DELETE') {
        events.splice(index, 1);
        return send(res, 204);
      }
      if (method === 'PATCH') {
        const patch = (await bodyOf(req)) as Partial<StandInEvent>;
        const updated = { ...events[index]!, ...patch };
        if (patch.start)
          updated.start = { dateTime: graphUtc(parseUtc(patch.start)), timeZone: 'UTC' };
        if (patch.end) updated.end = { dateTime: graphUtc(parseUtc(patch.end)), timeZone: 'UTC' };
        events[index] = updated;
        return send(res, 200, updated);
      }
    }
    return error(res, 400, `The stand-in does not serve ${method} ${url.pathname}`);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => error(res, 500, String(e)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    mailboxes,
    unknown,
    requests,
    prefers,
    failNext: (...next) => failures.push(...next),
    voordeurEvents: (mailbox, eventId) =>
      eventsOf(mailbox).filter((e) =>
        e.singleValueExtendedProperties?.some((p) => p.value === eventId),
      ),
    addEvent(mailbox, event) {
      eventsOf(mailbox).push({
        id: `AAMk${randomUUID().replace(/-/g, '')}`,
        subject: '',
        body: { contentType: 'text', content: '' },
        location: { displayName: '' },
        showAs: 'busy',
        isCancelled: false,
        ...event,
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
