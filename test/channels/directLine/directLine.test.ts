import { expect } from 'chai';
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

/**
 * Every test runs twice: over a socket (restify, the shared body reader) and in process (the
 * route handlers as plain request → result functions), which must answer alike.
 */
type Mode = 'socket' | 'in process';
let mode: Mode = 'socket';

/** Stands in for the bot: records what it gets and answers through the bot routes, as CloudAdapter does. */
interface Harness {
  base: string;
  /** One HTTP exchange, over the socket or in process. */
  fetch(
    path: string,
    init: { method: string; headers?: Record<string, string>; body?: string },
  ): Promise<{ status: number; text: string }>;
  delivered: Partial<Activity>[];
  /** Ids the bot routes handed back to the fake bot. */
  botIds: string[];
  logLines: Record<string, unknown>[];
  clock: Clock & { advanceMinutes(minutes: number): void };
  close(): Promise<void>;
}

type Json = Record<string, unknown> & { activities?: Record<string, unknown>[] };

async function startDirectLine(
  options: {
    limits?: Partial<DirectLineLimits>;
    deliver?: (activity: Partial<Activity>, harness: Harness) => Promise<void>;
  } = {},
): Promise<Harness> {
  let time = Date.parse('2026-03-02T09:00:00Z');
  const logLines: Record<string, unknown>[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => logLines.push(JSON.parse(line)) });
  const harness: Harness = {
    base: '',
    fetch: async () => ({ status: 0, text: '' }),
    delivered: [],
    botIds: [],
    logLines,
    clock: {
      now: () => new Date(time),
      advanceMinutes: (minutes) => {
        time += minutes * 60_000;
      },
    },
    close: async () => {},
  };
  const options_ = {
    log,
    limits: options.limits,
    clock: harness.clock,
    serviceUrl: () => harness.base,
    deliver: async (activity: Partial<Activity>) => {
      harness.delivered.push(activity);
      await (options.deliver ?? fakeBot)(activity, harness);
    },
  };
  if (mode === 'in process') {
    const directLine = createDirectLine(options_);
    harness.base = 'http://in-process';
    harness.fetch = async (path, init) => {
      const result = await directLine.request(init.method as Method, path, {
        headers: init.headers ?? {},
        body: init.body,
      });
      return { status: result.status, text: JSON.stringify(result.body) };
    };
    return harness;
  }
  const server: Server = restify.createServer({ handleUncaughtExceptions: false });
  registerDirectLine(server, options_);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  harness.base = `http://127.0.0.1:${server.address().port}`;
  harness.fetch = async (path, init) => {
    const res = await fetch(harness.base + path, init);
    return { status: res.status, text: await res.text() };
  };
  harness.close = () => new Promise((resolve) => server.close(() => resolve()));
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

const enc = (value: string | undefined) => encodeURIComponent(value ?? '');

async function call(
  h: Harness,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; raw?: string; authorization?: string } = {},
): Promise<{ status: number; body: Json }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const authorization =
    options.authorization ?? (options.token ? `Bearer ${options.token}` : undefined);
  if (authorization) headers.authorization = authorization;
  const body =
    options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const res = await h.fetch(path, { method, headers, ...(body === undefined ? {} : { body }) });
  return { status: res.status, body: res.text ? (JSON.parse(res.text) as Json) : {} };
}

async function startConversation(h: Harness, userId?: string) {
  const generated = await call(h, 'POST', '/v3/directline/tokens/generate', {
    body: userId ? { user: { id: userId } } : undefined,
  });
  const token = String(generated.body.token);
  const started = await call(h, 'POST', '/v3/directline/conversations', { token });
  return { token, conversationId: String(started.body.conversationId), generated, started };
}

const send = (h: Harness, c: { token: string; conversationId: string }, activity: object) =>
  call(h, 'POST', `/v3/directline/conversations/${c.conversationId}/activities`, {
    token: c.token,
    body: activity,
  });

const read = (h: Harness, c: { token: string; conversationId: string }, watermark?: string) =>
  call(
    h,
    'GET',
    `/v3/directline/conversations/${c.conversationId}/activities${watermark === undefined ? '' : `?watermark=${watermark}`}`,
    { token: c.token },
  );

async function until<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  const deadline = performance.now() + 3000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const texts = (body: Json) => (body.activities ?? []).map((a) => a.text);

for (const each of ['socket', 'in process'] as const)
  describe(`local Direct Line (${each})`, () => {
    before(() => {
      mode = each;
    });
    let h: Harness;
    afterEach(async () => h?.close());

    describe('tokens and starting a conversation', () => {
      beforeEach(async () => {
        h = await startDirectLine();
      });

      it('binds a generated token to one new conversation for the user id asked for', async () => {
        const c = await startConversation(h, 'inwoner-1');
        expect(c.generated.status).to.equal(200);
        expect(c.generated.body).to.include.keys('conversationId', 'token', 'expires_in');
        expect(c.generated.body.expires_in).to.equal(1800);
        expect(c.started.status).to.equal(201);
        expect(c.conversationId).to.equal(c.generated.body.conversationId);
        expect(c.started.body.token).to.equal(c.token);
      });

      it('puts the user id in the token, where Web Chat reads it', async () => {
        const { token } = await startConversation(h, 'inwoner-1');
        const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString());
        expect(payload.user).to.equal('inwoner-1');
      });

      it('gives a random dl_ user id when none is asked for', async () => {
        await startConversation(h);
        await until(async () => h.delivered[0], 'the conversationUpdate');
        expect(h.delivered[0]?.from?.id).to.match(/^dl_[0-9a-f-]{36}$/);
      });

      it('tells the bot about bot and user first, so the bot greets before the resident types', async () => {
        const c = await startConversation(h, 'inwoner-1');
        const update = await until(async () => h.delivered[0], 'the conversationUpdate');
        expect(update.type).to.equal('conversationUpdate');
        expect(update.membersAdded?.map((m) => m.id)).to.deep.equal(['bot', 'inwoner-1']);
        expect(update.conversation?.id).to.equal(c.conversationId);
        expect(update.channelId).to.equal('webchat');
        expect(update.serviceUrl).to.equal(h.base);
        const first = await until(
          async () => (await read(h, c)).body.activities?.[0],
          'the greeting',
        );
        expect(first.text).to.contain('computer');
        expect(first.from).to.deep.include({ id: 'bot', role: 'bot' });
      });

      it('greets once when the same conversation is started again', async () => {
        const c = await startConversation(h);
        const again = await call(h, 'POST', '/v3/directline/conversations', { token: c.token });
        expect(again.status).to.equal(200);
        expect(again.body.conversationId).to.equal(c.conversationId);
        await until(
          async () => ((await read(h, c)).body.activities?.length ? true : undefined),
          'greeting',
        );
        expect(h.delivered.filter((a) => a.type === 'conversationUpdate')).to.have.length(1);
      });

      it('starts a new conversation without a token, as botframework-directlinejs does with a user and locale', async () => {
        const res = await call(h, 'POST', '/v3/directline/conversations', {
          body: { user: { id: 'inwoner-2' }, locale: 'en-US' },
        });
        expect(res.status).to.equal(201);
        const update = await until(async () => h.delivered[0], 'the conversationUpdate');
        expect(update.from?.id).to.equal('inwoner-2');
        expect(update.locale).to.equal('en-US');
        const info = await call(
          h,
          'GET',
          `/v3/directline/conversations/${String(res.body.conversationId)}`,
          {
            token: String(res.body.token),
          },
        );
        expect(info.status).to.equal(200);
        expect(info.body.conversationId).to.equal(res.body.conversationId);
      });

      it('extends a token on refresh and refuses it once it has expired', async () => {
        const c = await startConversation(h);
        h.clock.advanceMinutes(20);
        const refreshed = await call(h, 'POST', '/v3/directline/tokens/refresh', {
          token: c.token,
        });
        expect(refreshed.status).to.equal(200);
        expect(refreshed.body).to.deep.include({
          conversationId: c.conversationId,
          expires_in: 1800,
        });
        h.clock.advanceMinutes(29);
        expect((await read(h, c)).status).to.equal(200);
        h.clock.advanceMinutes(2);
        const expired = await read(h, c);
        expect(expired.status).to.equal(403);
        expect(expired.body.error).to.deep.equal({
          code: 'TokenExpired',
          message: 'the token has expired',
        });
        expect(
          (await call(h, 'POST', '/v3/directline/tokens/refresh', { token: c.token })).status,
        ).to.equal(403);
      });
    });

    describe('messages', () => {
      beforeEach(async () => {
        h = await startDirectLine();
      });

      it('echoes the message stamped by the server, delivers it and shows the reply', async () => {
        const c = await startConversation(h, 'inwoner-1');
        const sent = await send(h, c, {
          type: 'message',
          text: 'Ik zoek werk',
          locale: 'nl-NL',
          from: { id: 'iemand-anders', name: 'Anna' },
          channelData: { clientActivityID: 'abc' },
          conversation: { id: 'andere' },
          serviceUrl: 'http://elders.example',
        });
        expect(sent.status).to.equal(200);
        expect(sent.body.id).to.match(new RegExp(`^${c.conversationId}\\|\\d{7}$`));
        const all = await until(async () => {
          const res = await read(h, c);
          return (res.body.activities?.length ?? 0) >= 3 ? res.body : undefined;
        }, 'echo and reply');
        expect(texts(all)).to.deep.equal([
          'Hallo! Ik ben een computer.',
          'Ik zoek werk',
          'ontvangen (12 tekens)',
        ]);
        const echo = all.activities?.[1] ?? {};
        expect(echo).to.deep.include({
          id: sent.body.id,
          channelId: 'webchat',
          conversation: { id: c.conversationId },
          from: { id: 'inwoner-1', name: 'Anna', role: 'user' },
          recipient: { id: 'bot', role: 'bot' },
          channelData: { clientActivityID: 'abc' },
          timestamp: '2026-03-02T09:00:00.000Z',
        });
        expect(echo).not.to.have.property('serviceUrl');
        const message = h.delivered.find((a) => a.type === 'message');
        expect(message?.from?.id).to.equal('inwoner-1');
        expect(message?.serviceUrl).to.equal(h.base);
        expect(message?.conversation?.id).to.equal(c.conversationId);
      });

      it('pages with the watermark: each poll returns only what is new', async () => {
        const c = await startConversation(h);
        const first = await until(async () => {
          const res = await read(h, c);
          return res.body.activities?.length === 1 ? res.body : undefined;
        }, 'greeting');
        const watermark = String(first.watermark);
        const nothingNew = await read(h, c, watermark);
        expect(nothingNew.body).to.deep.equal({ activities: [], watermark });
        await send(h, c, { type: 'message', text: 'een' });
        const next = await until(async () => {
          const res = await read(h, c, watermark);
          return res.body.activities?.length === 2 ? res.body : undefined;
        }, 'echo and reply');
        expect(texts(next)).to.deep.equal(['een', 'ontvangen (3 tekens)']);
        expect(Number(next.watermark)).to.be.greaterThan(Number(watermark));
        expect((await read(h, c, String(next.watermark))).body.activities).to.deep.equal([]);
        expect((await read(h, c, '')).body.activities).to.have.length(3);
      });

      it('answers the client before the bot has finished its turn', async () => {
        let release = () => {};
        const botBusy = new Promise<void>((resolve) => (release = resolve));
        h = await startDirectLine({
          deliver: (a) => (a.type === 'message' ? botBusy : Promise.resolve()),
        });
        const c = await startConversation(h);
        const sent = await send(h, c, { type: 'message', text: 'hallo' });
        expect(sent.status).to.equal(200);
        expect(texts((await read(h, c)).body)).to.deep.equal(['hallo']);
        release();
      });

      it('hands the bot one activity at a time per conversation, in order', async () => {
        const seen: string[] = [];
        let running = 0;
        let mostAtOnce = 0;
        h = await startDirectLine({
          deliver: async (a) => {
            running += 1;
            mostAtOnce = Math.max(mostAtOnce, running);
            await new Promise((resolve) => setTimeout(resolve, 5));
            seen.push(a.text ?? a.type ?? '');
            running -= 1;
          },
        });
        const c = await startConversation(h);
        await Promise.all(['a', 'b', 'c'].map((text) => send(h, c, { type: 'message', text })));
        await until(async () => (seen.length === 4 ? true : undefined), 'four deliveries');
        expect(mostAtOnce).to.equal(1);
        expect(seen[0]).to.equal('conversationUpdate');
        expect([...seen.slice(1)].sort()).to.deep.equal(['a', 'b', 'c']);
      });

      it('logs a failed delivery with ids only, and keeps delivering', async () => {
        h = await startDirectLine({
          deliver: async (a) => {
            if (a.text === 'geheim 0612345678') throw new Error(`bot failed on "${a.text}"`);
          },
        });
        const c = await startConversation(h);
        await send(h, c, { type: 'message', text: 'geheim 0612345678' });
        await send(h, c, { type: 'message', text: 'daarna' });
        await until(async () => (h.delivered.length === 3 ? true : undefined), 'three deliveries');
        const failure = await until(
          async () => h.logLines.find((l) => l.msg === 'delivering an activity to the bot failed'),
          'the error log',
        );
        expect(failure).to.deep.include({
          level: 50,
          conversationId: c.conversationId,
          activityType: 'message',
        });
        expect(JSON.stringify(h.logLines)).not.to.contain('0612345678');
      });

      it("shows a bot's update in place of the original", async () => {
        const c = await startConversation(h);
        const greeting = await until(async () => {
          const res = await read(h, c);
          return res.body.activities?.length === 1 ? res.body : undefined;
        }, 'greeting');
        await send(h, c, { type: 'message', text: 'wijzig' });
        const after = await until(async () => {
          const res = await read(h, c, String(greeting.watermark));
          return texts(res.body).includes('tweede versie') ? res.body : undefined;
        }, 'the update');
        expect(texts(after)).to.deep.equal(['wijzig', 'tweede versie']);
        const everything = (await read(h, c)).body.activities ?? [];
        expect(everything.map((a) => a.text)).to.deep.equal([
          'Hallo! Ik ben een computer.',
          'wijzig',
          'tweede versie',
        ]);
        expect(everything[2]?.id).to.equal(h.botIds[1]);
      });

      it('lets the bot send without replying to anything, and delete what it sent', async () => {
        const c = await startConversation(h);
        const path = `/v3/conversations/${enc(c.conversationId)}/activities`;
        const sent = await call(h, 'POST', path, {
          body: { type: 'message', text: 'los bericht' },
        });
        expect(sent.status).to.equal(200);
        expect(texts((await read(h, c)).body)).to.include('los bericht');
        const deleted = await call(h, 'DELETE', `${path}/${enc(String(sent.body.id))}`);
        expect(deleted.status).to.equal(200);
        expect(texts((await read(h, c)).body)).not.to.include('los bericht');
      });

      if (each === 'socket') {
        it('reads a body sent without a length itself, counting the bytes as they come', async () => {
          const c = await startConversation(h, 'inwoner-3');
          const chunked = (json: object) =>
            fetch(`${h.base}/v3/directline/conversations/${c.conversationId}/activities`, {
              method: 'POST',
              headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/json' },
              body: new Blob([JSON.stringify(json)]).stream(),
              duplex: 'half',
            } as RequestInit);
          const small = await chunked({ type: 'message', text: 'hoi' });
          expect(small.status).to.equal(200);
          const big = await chunked({ type: 'message', value: 'y'.repeat(70 * 1024) });
          expect(big.status).to.equal(413);
          expect(await big.json()).to.deep.include({
            error: { code: 'MessageSizeTooBig', message: 'the body is larger than 65536 bytes' },
          });
        });
      }
    });

    describe('refusals, with a reason', () => {
      let c: { token: string; conversationId: string };
      beforeEach(async () => {
        h = await startDirectLine();
        c = await startConversation(h);
      });

      it('401 without a bearer token', async () => {
        const none = await call(
          h,
          'GET',
          `/v3/directline/conversations/${c.conversationId}/activities`,
        );
        expect(none.status).to.equal(401);
        expect(none.body.error).to.deep.include({ code: 'MissingToken' });
        const basic = await call(h, 'POST', '/v3/directline/tokens/refresh', {
          authorization: 'Basic abc',
        });
        expect(basic.status).to.equal(401);
        expect(String((basic.body.error as Json).message)).to.contain('Bearer');
      });

      it('403 for an unknown token or a token for another conversation', async () => {
        const wrong = await read(h, { ...c, token: 'not-a-token' });
        expect(wrong.status).to.equal(403);
        expect(wrong.body.error).to.deep.equal({
          code: 'Forbidden',
          message: 'the token is not valid',
        });
        const other = await startConversation(h);
        const cross = await send(h, { ...c, token: other.token }, { type: 'message', text: 'hoi' });
        expect(cross.status).to.equal(403);
        expect(cross.body.error).to.deep.include({
          message: 'the token belongs to another conversation',
        });
        const crossRead = await read(h, { ...c, token: other.token });
        expect(crossRead.status).to.equal(403);
      });

      it('404 for an unknown conversation', async () => {
        const res = await read(h, { ...c, conversationId: 'bestaat-niet' });
        expect(res.status).to.equal(404);
        expect(res.body.error).to.deep.include({ code: 'NotFound' });
        const botSide = await call(h, 'POST', '/v3/conversations/bestaat-niet/activities', {
          body: { type: 'message', text: 'x' },
        });
        expect(botSide.status).to.equal(404);
      });

      it('400 for a malformed body or watermark', async () => {
        const cases: [object | string, string][] = [
          ['{not json', 'the body is not valid JSON'],
          [{ text: 'geen type' }, 'type:'],
          [{ type: 'message', text: 'x'.repeat(10_001) }, 'text:'],
          [{ type: 'message', text: 42 }, 'text:'],
          [{ type: 'message', locale: 'nl NL' }, 'locale: must be a BCP 47 tag'],
          [
            { type: 'message', attachments: [{ contentType: 'image/png' }] },
            'attachments: attachments are not supported',
          ],
        ];
        for (const [body, reason] of cases) {
          const res = await call(
            h,
            'POST',
            `/v3/directline/conversations/${c.conversationId}/activities`,
            {
              token: c.token,
              ...(typeof body === 'string' ? { raw: body } : { body }),
            },
          );
          expect(res.status, JSON.stringify(body).slice(0, 60)).to.equal(400);
          expect(String((res.body.error as Json).message)).to.contain(reason);
        }
        expect((await send(h, c, { type: 'message', text: 'x'.repeat(10_000) })).status).to.equal(
          200,
        );
        const watermark = await read(h, c, 'abc');
        expect(watermark.status).to.equal(400);
        expect(watermark.body.error).to.deep.include({
          message: 'watermark must be a whole number',
        });
        const badUser = await call(h, 'POST', '/v3/directline/tokens/generate', {
          body: { user: { id: '<b>' } },
        });
        expect(badUser.status).to.equal(400);
        expect(String((badUser.body.error as Json).message)).to.contain('user.id');
      });

      it('413 for a body over the limit', async () => {
        const res = await send(h, c, { type: 'message', text: 'x', value: 'y'.repeat(70 * 1024) });
        expect(res.status).to.equal(413);
        expect(res.body.error).to.deep.include({ code: 'MessageSizeTooBig' });
      });
    });

    describe('memory bounds', () => {
      it('keeps at most maxConversations, dropping the least recently active', async () => {
        h = await startDirectLine({ limits: { maxConversations: 2 } });
        const first = await startConversation(h);
        const second = await startConversation(h);
        await send(h, first, { type: 'message', text: 'nog actief' });
        const third = await startConversation(h);
        expect((await read(h, first)).status).to.equal(200);
        expect((await read(h, third)).status).to.equal(200);
        const dropped = await read(h, second);
        expect(dropped.status).to.equal(403);
      });

      it('keeps at most maxActivitiesPerConversation, dropping the oldest', async () => {
        h = await startDirectLine({
          limits: { maxActivitiesPerConversation: 3 },
          deliver: async () => {},
        });
        const c = await startConversation(h);
        for (const text of ['1', '2', '3', '4', '5']) await send(h, c, { type: 'message', text });
        const res = await read(h, c);
        expect(texts(res.body)).to.deep.equal(['3', '4', '5']);
      });

      it('keeps at most maxBytesPerConversation, but always the newest activity', async () => {
        h = await startDirectLine({
          limits: { maxBytesPerConversation: 2000 },
          deliver: async () => {},
        });
        const c = await startConversation(h);
        for (const text of ['a', 'b', 'c'].map((x) => x.repeat(800)))
          await send(h, c, { type: 'message', text });
        expect(texts((await read(h, c)).body).map((t) => String(t)[0])).to.deep.equal(['c']);
        await send(h, c, { type: 'message', text: 'd'.repeat(5000) });
        expect(texts((await read(h, c)).body).map((t) => String(t)[0])).to.deep.equal(['d']);
      });
    });
  });
