import type { Activity } from 'botbuilder';
import { pino } from 'pino';
import restify, { type Server } from 'restify';
import {
  createDirectLine,
  registerDirectLine,
  type DirectLineLimits,
} from '../../../src/channels/directLine/directLine.js';
import type { Method } from '../../../src/http/jsonRoute.js';
import type { Clock } from '../../../src/ports/clock.js';

export type Mode = 'socket' | 'in process';
let mode: Mode = 'socket';

/**
 * Declares the tests twice: over a socket (restify, the shared body reader) and in process (the
 * route handlers as plain request → result functions), which must answer alike.
 */
export function inEachMode(title: string, tests: (mode: Mode) => void): void {
  for (const each of ['socket', 'in process'] as const) {
    describe(`${title} (${each})`, () => {
      before(() => {
        mode = each;
      });
      tests(each);
    });
  }
}

/** Stands in for the bot: records what it gets and answers through the bot routes, as CloudAdapter does. */
export interface Harness {
  base: string;
  /** One HTTP exchange, over the socket or in process. */
  fetch(
    path: string,
    init: { method: string; headers?: Record<string, string>; body?: string },
  ): Promise<{ status: number; text: string; headers: Record<string, string> }>;
  delivered: Partial<Activity>[];
  /** Ids the bot routes handed back to the fake bot. */
  botIds: string[];
  logLines: Record<string, unknown>[];
  clock: Clock & { advanceMinutes(minutes: number): void };
  /** WebSocket streams open now (0 in process). */
  openStreams(): number;
  close(): Promise<void>;
}

export type Json = Record<string, unknown> & { activities?: Record<string, unknown>[] };

export async function startDirectLine(
  options: {
    limits?: Partial<DirectLineLimits>;
    /** Over a socket or in process; by default as `inEachMode` says. */
    mode?: Mode;
    deliver?: (activity: Partial<Activity>, harness: Harness) => Promise<void>;
  } = {},
): Promise<Harness> {
  let time = Date.parse('2026-03-02T09:00:00Z');
  const logLines: Record<string, unknown>[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => logLines.push(JSON.parse(line)) });
  const harness: Harness = {
    base: '',
    fetch: async () => ({ status: 0, text: '', headers: {} }),
    delivered: [],
    botIds: [],
    logLines,
    clock: {
      now: () => new Date(time),
      advanceMinutes: (minutes) => {
        time += minutes * 60_000;
      },
    },
    openStreams: () => 0,
    close: async () => {},
  };
  const options_ = {
    log,
    limits: options.limits,
    clock: harness.clock,
    // Rate limits refill as the test's clock moves, not as the machine's does.
    elapsedMs: () => harness.clock.now().getTime(),
    serviceUrl: () => harness.base,
    deliver: async (activity: Partial<Activity>) => {
      harness.delivered.push(activity);
      await (options.deliver ?? fakeBot)(activity, harness);
    },
  };
  if ((options.mode ?? mode) === 'in process') {
    const directLine = createDirectLine(options_);
    harness.base = 'http://in-process';
    harness.fetch = async (path, init) => {
      const result = await directLine.request(init.method as Method, path, {
        headers: init.headers ?? {},
        body: init.body,
      });
      return {
        status: result.status,
        text: JSON.stringify(result.body),
        headers: { ...result.headers },
      };
    };
    return harness;
  }
  const server: Server = restify.createServer({ handleUncaughtExceptions: false });
  const directLine = registerDirectLine(server, options_);
  harness.openStreams = () => directLine.openStreams;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  harness.base = `http://127.0.0.1:${server.address().port}`;
  harness.fetch = async (path, init) => {
    const res = await fetch(harness.base + path, init);
    const headers: Record<string, string> = {};
    res.headers.forEach((value, name) => {
      headers[name] = value;
    });
    return { status: res.status, text: await res.text(), headers };
  };
  harness.close = () => {
    directLine.close();
    return new Promise((resolve) => server.close(() => resolve()));
  };
  return harness;
}

async function fakeBot(activity: Partial<Activity>, h: Harness): Promise<void> {
  const replyTo = async (body: object) => {
    const res = await bot(h, 'POST', activity, body);
    const { id } = JSON.parse(res.text) as { id: string };
    h.botIds.push(id);
    return id;
  };
  if (activity.type === 'conversationUpdate') {
    await replyTo({ type: 'message', text: 'Hallo! Ik ben een computer.', locale: 'nl-NL' });
  } else if (activity.type === 'message' && activity.text === 'wijzig') {
    const id = await replyTo({ type: 'message', text: 'eerste versie' });
    await h.fetch(`/v3/conversations/${enc(activity.conversation?.id)}/activities/${enc(id)}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'tweede versie', id }),
    });
  } else if (activity.type === 'message') {
    await replyTo({ type: 'message', text: `ontvangen (${activity.text?.length ?? 0} tekens)` });
  }
}

function bot(h: Harness, method: string, to: Partial<Activity>, body: object) {
  return h.fetch(`/v3/conversations/${enc(to.conversation?.id)}/activities/${enc(to.id)}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

export const enc = (value: string | undefined) => encodeURIComponent(value ?? '');

export async function call(
  h: Harness,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; raw?: string; authorization?: string } = {},
): Promise<{ status: number; body: Json; headers: Record<string, string> }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const authorization =
    options.authorization ?? (options.token ? `Bearer ${options.token}` : undefined);
  if (authorization) headers.authorization = authorization;
  const body =
    options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const res = await h.fetch(path, { method, headers, ...(body === undefined ? {} : { body }) });
  return {
    status: res.status,
    body: res.text ? (JSON.parse(res.text) as Json) : {},
    headers: res.headers,
  };
}

export async function startConversation(h: Harness, userId?: string) {
  const generated = await call(h, 'POST', '/v3/directline/tokens/generate', {
    body: userId ? { user: { id: userId } } : undefined,
  });
  const token = String(generated.body.token);
  const started = await call(h, 'POST', '/v3/directline/conversations', { token });
  return { token, conversationId: String(started.body.conversationId), generated, started };
}

export const send = (h: Harness, c: { token: string; conversationId: string }, activity: object) =>
  call(h, 'POST', `/v3/directline/conversations/${c.conversationId}/activities`, {
    token: c.token,
    body: activity,
  });

export const read = (
  h: Harness,
  c: { token: string; conversationId: string },
  watermark?: string,
) =>
  call(
    h,
    'GET',
    `/v3/directline/conversations/${c.conversationId}/activities${watermark === undefined ? '' : `?watermark=${watermark}`}`,
    { token: c.token },
  );

export async function until<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  const deadline = performance.now() + 3000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const texts = (body: Json) => (body.activities ?? []).map((a) => a.text);
