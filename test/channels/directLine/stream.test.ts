import { expect } from 'chai';
import type { IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { WebSocket } from 'ws';
import {
  call,
  enc,
  read,
  send,
  startConversation,
  startDirectLine,
  texts,
  until,
  type Harness,
  type Json,
} from './harness.js';

/** An activity set as the stream sends it. */
type ActivitySet = { activities: Json[]; watermark: string };

/** A real `ws` client on a stream URL, keeping what arrives. */
class StreamClient {
  readonly sets: ActivitySet[] = [];
  /** Empty messages (keep-alives). */
  empties = 0;
  closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      if (data.length === 0) this.empties++;
      else this.sets.push(JSON.parse(data.toString()) as ActivitySet);
    });
    this.closed = new Promise((resolve) =>
      ws.once('close', (code: number, reason: Buffer) =>
        resolve({ code, reason: reason.toString() }),
      ),
    );
  }

  static open(url: string, options: { origin?: string } = {}): Promise<StreamClient> {
    return new Promise((resolve, reject) => {
      const client = new StreamClient(new WebSocket(url, options));
      client.ws.once('open', () => resolve(client));
      client.ws.once('unexpected-response', (_req, res: IncomingMessage) =>
        reject(new Error(`refused with ${res.statusCode}`)),
      );
      client.ws.once('error', reject);
    });
  }

  /** The texts of every activity received so far, in order. */
  texts(): unknown[] {
    return this.sets.flatMap((set) => set.activities.map((a) => a.text));
  }

  /** Waits until an activity passes `match`. */
  activity(what: string, match: (a: Json) => boolean): Promise<Json> {
    return until(
      async () => this.sets.flatMap((set) => set.activities).find(match),
      `${what} on the stream`,
    );
  }

  close(): Promise<{ code: number; reason: string }> {
    this.ws.close();
    return this.closed;
  }
}

/** The HTTP answer to a refused handshake (the connection never becomes a WebSocket). */
function refusal(
  url: string,
  options: { origin?: string } = {},
): Promise<{ status: number; body: Json; headers: IncomingMessage['headers'] }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, options);
    ws.once('open', () => {
      ws.close();
      reject(new Error('the stream opened'));
    });
    ws.once('unexpected-response', (_req, res: IncomingMessage) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: JSON.parse(text) as Json,
          headers: res.headers,
        }),
      );
    });
    ws.once('error', () => {});
  });
}

const streamUrl = (body: Json) => String(body.streamUrl);

/** A fresh stream URL for a conversation, from the reconnect route. */
async function reconnectUrl(
  h: Harness,
  c: { token: string; conversationId: string },
  watermark = '',
): Promise<string> {
  const res = await call(
    h,
    'GET',
    `/v3/directline/conversations/${enc(c.conversationId)}?watermark=${watermark}`,
    { token: c.token },
  );
  expect(res.status).to.equal(200);
  return streamUrl(res.body);
}

describe('local Direct Line streams (WebSocket)', () => {
  let h: Harness;
  const clients: StreamClient[] = [];
  const open = async (url: string, options: { origin?: string } = {}) => {
    const client = await StreamClient.open(url, options);
    clients.push(client);
    return client;
  };
  afterEach(async () => {
    for (const client of clients.splice(0)) client.ws.terminate();
    await h?.close();
  });

  describe('streaming', () => {
    beforeEach(async () => {
      h = await startDirectLine({ mode: 'socket' });
    });

    it('answers a streamUrl on the same origin when a conversation starts and when reconnecting', async () => {
      const c = await startConversation(h);
      const url = new URL(streamUrl(c.started.body));
      expect(url.origin).to.equal(h.base.replace('http:', 'ws:'));
      expect(url.pathname).to.equal(`/v3/directline/conversations/${c.conversationId}/stream`);
      expect(url.searchParams.get('t')).to.match(/^[\w-]{43}$/);
      // The stream token is not the conversation's token.
      expect(url.searchParams.get('t')).to.not.equal(c.token);
      expect(url.searchParams.has('watermark')).to.equal(false);
      const again = new URL(await reconnectUrl(h, c, '3'));
      expect(again.searchParams.get('watermark')).to.equal('3');
      expect(again.searchParams.get('t')).to.not.equal(url.searchParams.get('t'));
      const bad = await call(
        h,
        'GET',
        `/v3/directline/conversations/${c.conversationId}?watermark=x`,
        {
          token: c.token,
        },
      );
      expect(bad.status).to.equal(400);
    });

    it('sends the history on connect, then each activity as soon as it is posted', async () => {
      const c = await startConversation(h);
      await until(async () => (h.botIds.length > 0 ? true : undefined), 'the greeting');
      const client = await open(streamUrl(c.started.body));
      // The greeting was posted before the socket opened: it comes as the history.
      const greeting = await client.activity(
        'the greeting',
        (a) => a.text === 'Hallo! Ik ben een computer.',
      );
      expect(client.sets[0]?.watermark).to.be.a('string');

      const sent = await send(h, c, { type: 'message', from: { id: 'x' }, text: 'hoi' });
      expect(sent.status).to.equal(200);
      // The resident's own message comes back (Web Chat waits for it), then the bot's reply.
      await client.activity('the echo', (a) => a.id === sent.body.id);
      const reply = await client.activity('the reply', (a) => a.replyToId === sent.body.id);
      expect(reply.text).to.equal('ontvangen (3 tekens)');
      expect(client.texts()).to.deep.equal([greeting.text, 'hoi', 'ontvangen (3 tekens)']);
      // Each set's watermark is the one polling would answer after it.
      const last = client.sets.at(-1);
      expect(last?.watermark).to.equal((await read(h, c)).body.watermark);
      // Polling keeps working beside the stream.
      expect(texts((await read(h, c)).body)).to.deep.equal(client.texts());
    });

    it('starts after the watermark of the stream URL, and pushes updates again', async () => {
      const c = await startConversation(h);
      await until(async () => (h.botIds.length > 0 ? true : undefined), 'the greeting');
      const { watermark } = (await read(h, c)).body;
      await send(h, c, { type: 'message', text: 'een' });
      await until(async () => (h.botIds.length > 1 ? true : undefined), 'the reply');
      const client = await open(await reconnectUrl(h, c, String(watermark)));
      await client.activity('the reply', (a) => a.text === 'ontvangen (3 tekens)');
      expect(client.texts()).to.deep.equal(['een', 'ontvangen (3 tekens)']);

      // A bot's update comes again with the same id.
      await send(h, c, { type: 'message', text: 'wijzig' });
      await client.activity('the update', (a) => a.text === 'tweede versie');
      const versions = client.sets
        .flatMap((s) => s.activities)
        .filter((a) => /versie/.test(String(a.text)));
      expect(versions.map((a) => a.text)).to.deep.equal(['eerste versie', 'tweede versie']);
      expect(versions[0]?.id).to.equal(versions[1]?.id);
    });

    it('keeps an idle stream open with empty messages and answers pings', async () => {
      await h.close();
      h = await startDirectLine({ mode: 'socket', limits: { keepAliveSeconds: 0.05 } });
      const c = await startConversation(h);
      const client = await open(streamUrl(c.started.body));
      const pong = new Promise<void>((resolve) => client.ws.once('pong', () => resolve()));
      client.ws.ping();
      await pong;
      // botframework-directlinejs sends empty messages as its own keep-alive.
      client.ws.send('');
      await until(async () => (client.empties >= 3 ? true : undefined), 'keep-alives');
      expect(client.ws.readyState).to.equal(WebSocket.OPEN);
      // Nothing but empty messages and activity sets arrives.
      expect(client.sets.every((s) => Array.isArray(s.activities))).to.equal(true);
    });

    it('closing a stream ends nothing else', async () => {
      const c = await startConversation(h);
      const client = await open(streamUrl(c.started.body));
      expect(h.openStreams()).to.equal(1);
      await client.close();
      await until(async () => (h.openStreams() === 0 ? true : undefined), 'the stream forgotten');
      const sent = await send(h, c, { type: 'message', text: 'nog' });
      expect(sent.status).to.equal(200);
      const again = await open(await reconnectUrl(h, c));
      await again.activity('the reply', (a) => a.text === 'ontvangen (3 tekens)');
    });

    it('never logs a token or a stream URL', async () => {
      const c = await startConversation(h);
      const url = streamUrl(c.started.body);
      await (await open(url)).close();
      await refusal(url);
      const logged = JSON.stringify(h.logLines);
      expect(logged).to.not.contain(c.token);
      expect(logged).to.not.contain(new URL(url).searchParams.get('t'));
    });
  });

  describe('refused before the upgrade, with a reason', () => {
    let c: Awaited<ReturnType<typeof startConversation>>;
    beforeEach(async () => {
      h = await startDirectLine({
        mode: 'socket',
        limits: { maxSocketsPerConversation: 2, maxSocketsPerAddress: 3 },
      });
      c = await startConversation(h);
    });

    const withToken = (url: string, token: string | undefined) => {
      const u = new URL(url);
      if (token === undefined) u.searchParams.delete('t');
      else u.searchParams.set('t', token);
      return u.toString();
    };

    it('401 without a stream token, 403 for an unknown or a used one', async () => {
      const url = streamUrl(c.started.body);
      const none = await refusal(withToken(url, undefined));
      expect(none.status).to.equal(401);
      expect(none.body.error).to.deep.include({ code: 'MissingToken' });
      const unknown = await refusal(withToken(url, 'nep'));
      expect(unknown.status).to.equal(403);
      expect(unknown.body.error).to.deep.equal({
        code: 'Forbidden',
        message: 'the token is not valid',
      });
      expect(unknown.headers['cache-control']).to.equal('no-store');
      // The conversation's own token does not open a stream.
      expect((await refusal(withToken(url, c.token))).status).to.equal(403);
      await (await open(url)).close();
      const used = await refusal(url);
      expect(used.status).to.equal(403);
    });

    it("403 for a page of another site (its Origin), not for the server's own pages", async () => {
      const url = streamUrl(c.started.body);
      const port = new URL(url).port;
      const from = (origin: string) => refusal(url, { origin });
      for (const origin of [
        'https://gemeente.example',
        `http://attacker.example:${port}`,
        `https://127.0.0.1:${port}`,
        'http://127.0.0.1:1',
        'null',
      ]) {
        const refused = await from(origin);
        expect(refused.status, origin).to.equal(403);
        expect(refused.body.error).to.deep.include({ code: 'Forbidden' });
      }
      // The token was not used up by the refusals: the server's own page opens the stream.
      await (await open(url, { origin: `http://localhost:${port}` })).close();
    });

    it('403 once the stream token or the conversation token has expired', async () => {
      const url = streamUrl(c.started.body);
      h.clock.advanceMinutes(2);
      const late = await refusal(url);
      expect(late.status).to.equal(403);
      expect(late.body.error).to.deep.include({ code: 'TokenExpired' });
      // A fresh stream URL, but the conversation's token expires before it is used.
      const fresh = await reconnectUrl(h, c);
      h.clock.advanceMinutes(29);
      expect((await refusal(fresh)).body.error).to.deep.include({ code: 'TokenExpired' });
    });

    it('403 for another conversation, 404 for an unknown one, 400 for a bad watermark', async () => {
      const other = await startConversation(h);
      const foreign = new URL(streamUrl(other.started.body));
      foreign.pathname = `/v3/directline/conversations/${c.conversationId}/stream`;
      const cross = await refusal(foreign.toString());
      expect(cross.status).to.equal(403);
      expect(cross.body.error).to.deep.include({
        message: 'the token belongs to another conversation',
      });

      const unknown = new URL(await reconnectUrl(h, c));
      unknown.pathname = '/v3/directline/conversations/bestaat-niet/stream';
      expect((await refusal(unknown.toString())).status).to.equal(404);
      const elsewhere = new URL(await reconnectUrl(h, c));
      elsewhere.pathname = '/v3/directline/elders';
      expect((await refusal(elsewhere.toString())).status).to.equal(404);

      const badWatermark = new URL(await reconnectUrl(h, c));
      badWatermark.searchParams.set('watermark', '-1');
      const bad = await refusal(badWatermark.toString());
      expect(bad.status).to.equal(400);
      expect(bad.body.error).to.deep.include({ code: 'BadArgument' });
      // No internals in any refusal.
      for (const res of [cross, bad])
        expect(JSON.stringify(res.body)).to.not.match(/at .*\.ts|Error:/);
    });

    it('answers odd handshakes with a status line, never a crash or a hanging socket', async () => {
      const { port, pathname, search } = new URL(streamUrl(c.started.body));
      const raw = (requestLine: string, upgrade = 'websocket') =>
        new Promise<string>((resolve, reject) => {
          const socket = connect(Number(port), '127.0.0.1', () =>
            socket.write(
              `${requestLine}\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: ${upgrade}\r\n` +
                'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
            ),
          );
          let answer = '';
          socket.on('data', (chunk) => (answer += chunk.toString()));
          socket.on('end', () => resolve(answer.split('\r\n')[0] ?? ''));
          socket.on('error', reject);
        });
      expect(await raw('GET http://[ HTTP/1.1')).to.equal('HTTP/1.1 404 Not Found');
      expect(await raw(`GET ${pathname}${search} HTTP/1.1`, 'h2c')).to.equal(
        'HTTP/1.1 400 Bad Request',
      );
      expect(await raw(`POST ${pathname}${search}?x HTTP/1.1`)).to.equal(
        'HTTP/1.1 400 Bad Request',
      );
      // The server still streams.
      await open(await reconnectUrl(h, c));
    });

    it('429 with Retry-After once an address has used up its requests', async () => {
      await h.close();
      h = await startDirectLine({
        mode: 'socket',
        limits: { conversationRate: { burst: 2, perMinute: 1 } },
      });
      const fresh = await startConversation(h);
      const url = streamUrl(fresh.started.body);
      await open(url);
      expect((await refusal(url)).status).to.equal(403);
      const flooded = await refusal(url);
      expect(flooded.status).to.equal(429);
      expect(flooded.body.error).to.deep.include({ code: 'TooManyRequests' });
      expect(Number(flooded.headers['retry-after'])).to.be.above(0);
    });

    it('426 for a plain GET of a stream URL', async () => {
      const res = await fetch(streamUrl(c.started.body).replace(/^ws:/, 'http:'));
      expect(res.status).to.equal(426);
      expect(((await res.json()) as Json).error).to.deep.include({ code: 'UpgradeRequired' });
    });

    it('429 for too many streams of one conversation or one address; a closed one makes room', async () => {
      const first = await open(streamUrl(c.started.body));
      await open(await reconnectUrl(h, c));
      const third = await refusal(await reconnectUrl(h, c));
      expect(third.status).to.equal(429);
      expect(third.body.error).to.deep.include({
        message: 'this conversation has too many open streams',
      });
      expect(third.headers['retry-after']).to.match(/^\d+$/);

      const other = await startConversation(h);
      await open(streamUrl(other.started.body));
      const fourth = await refusal(await reconnectUrl(h, other));
      expect(fourth.status).to.equal(429);
      expect(fourth.body.error).to.deep.include({
        message: 'too many open streams from this address',
      });

      await first.close();
      await until(async () => (h.openStreams() === 2 ? true : undefined), 'the stream forgotten');
      await open(await reconnectUrl(h, other));
      expect(h.openStreams()).to.equal(3);
    });
  });

  describe('closed by the server', () => {
    it('closes a stream that sends a message over the size limit', async () => {
      h = await startDirectLine({ mode: 'socket', limits: { maxSocketMessageBytes: 64 } });
      const c = await startConversation(h);
      const client = await open(streamUrl(c.started.body));
      client.ws.send('x'.repeat(65));
      expect((await client.closed).code).to.equal(1009);
      await until(async () => (h.openStreams() === 0 ? true : undefined), 'the stream forgotten');
    });

    it('closes a stream once its token expired; reconnecting is refused as polling is', async () => {
      h = await startDirectLine({ mode: 'socket', limits: { keepAliveSeconds: 0.05 } });
      const c = await startConversation(h);
      const client = await open(streamUrl(c.started.body));
      h.clock.advanceMinutes(31);
      expect(await client.closed).to.deep.equal({ code: 1008, reason: 'token expired' });
      const reconnect = await call(h, 'GET', `/v3/directline/conversations/${c.conversationId}`, {
        token: c.token,
      });
      expect(reconnect.status).to.equal(403);
    });

    it('closes the streams of a conversation dropped to make room: it has ended', async () => {
      h = await startDirectLine({ mode: 'socket', limits: { maxConversations: 1 } });
      const c = await startConversation(h);
      const client = await open(streamUrl(c.started.body));
      // Expired (its stream would close at the next keep-alive), then dropped for a new one.
      h.clock.advanceMinutes(31);
      expect((await call(h, 'POST', '/v3/directline/tokens/generate')).status).to.equal(200);
      expect(await client.closed).to.deep.equal({ code: 1000, reason: 'conversation ended' });
    });
  });
});
