import { createHmac, randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import { hit, json, type Answer } from './processes.js';

/** The bad input of the load test: one function per kind, each one request. */

export const appSecret = 'load-test-app-secret';

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
export const activity = (fields: Record<string, unknown> = {}) =>
  JSON.stringify({
    type: 'message',
    channelId: 'test',
    serviceUrl: 'http://127.0.0.1:9/',
    conversation: { id: randomUUID() },
    from: { id: 'flood' },
    deliveryMode: 'expectReplies',
    text: 'hallo',
    ...fields,
  });
const deep = `{"type":"message","value":${'['.repeat(5000)}${']'.repeat(5000)}}`;
const bomb = gzipSync(Buffer.from(`{"type":"message","text":"${'a'.repeat(20 * 1024 * 1024)}"}`));
const big = activity({ text: 'x'.repeat(1024 * 1024) });
const sign = (body: string) =>
  `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
const replay = () => {
  const body = JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '1',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { phone_number_id: '106540352242922' },
              messages: [
                {
                  from: '31612345678',
                  id: `wamid.replay.${randomUUID()}`,
                  timestamp: String(Math.floor(Date.now() / 1000) - 10 * 86400),
                  type: 'text',
                  text: { body: 'replayed' },
                },
              ],
            },
          },
        ],
      },
    ],
  });
  return { body, signature: sign(body) };
};

export type Attack = (base: string, client: string) => Promise<Answer>;
const bodyRoutes = [
  ['POST', '/api/messages'],
  ['POST', '/v3/directline/tokens/generate'],
  ['POST', '/v3/directline/conversations'],
  ['POST', '/v3/directline/conversations/x/activities'],
  ['POST', '/v3/conversations/x/activities'],
  ['PUT', '/v3/conversations/x/activities/y'],
  ['POST', '/api/whatsapp'],
] as const;
const anyRoute = () => bodyRoutes[Math.floor(Math.random() * bodyRoutes.length)]!;

export const localAttacks: Record<string, Attack> = {
  'gzip label, not gzip': (base, client) => {
    const [method, path] = anyRoute();
    return hit(base, method, path, {
      headers: { ...json, 'content-encoding': 'gzip' },
      chunks: [activity()],
      localAddress: client,
    });
  },
  'gzip bomb (20 MiB inflated)': (base, client) => {
    const [method, path] = anyRoute();
    return hit(base, method, path, {
      headers: { ...json, 'content-encoding': 'gzip', 'content-length': String(bomb.length) },
      chunks: [bomb],
      localAddress: client,
    });
  },
  'deflate/br/mixed case': (base, client) => {
    const [method, path] = anyRoute();
    const encoding = ['deflate', 'br', 'GZip, identity'][Math.floor(Math.random() * 3)]!;
    return hit(base, method, path, {
      headers: { ...json, 'content-encoding': encoding },
      chunks: [activity()],
      localAddress: client,
    });
  },
  'JSON 5 000 deep': (base, client) => {
    const [method, path] = anyRoute();
    return hit(base, method, path, { headers: json, chunks: [deep], localAddress: client });
  },
  '1 MiB chunked, no length': (base, client) => {
    const [method, path] = anyRoute();
    return hit(base, method, path, {
      headers: { ...json, 'transfer-encoding': 'chunked' },
      chunks: [big.slice(0, 1000), big.slice(1000)],
      localAddress: client,
    });
  },
  'malformed activities': (base, client) => {
    const bodies = [
      activity({ type: undefined }),
      activity({ type: 42 }),
      activity({ conversation: { id: 42 } }),
      activity({ conversation: undefined }),
      activity({ conversation: { id: '..' }, deliveryMode: undefined }),
      activity({ serviceUrl: 'http://127.0.0.1:1/', deliveryMode: undefined }),
      '<activity><type>message</type></activity>',
      '{"type":',
      'null',
    ];
    return hit(base, 'POST', '/api/messages', {
      headers: json,
      chunks: [bodies[Math.floor(Math.random() * bodies.length)]!],
      localAddress: client,
    });
  },
  'token flood, many addresses': (base, client) =>
    hit(base, 'POST', '/v3/directline/tokens/generate', { localAddress: client }),
  'token flood, one address': (base) =>
    hit(base, 'POST', '/v3/directline/tokens/generate', { localAddress: '127.0.30.1' }),
  'polling flood, one address': (base) =>
    hit(base, 'GET', '/v3/directline/conversations/abc/activities', {
      headers: { authorization: 'Bearer guess' },
      localAddress: '127.0.30.2',
    }),
  'forged Direct Line tokens': (base, client) =>
    hit(base, 'GET', '/v3/directline/conversations/abc/activities?watermark=0', {
      headers: { authorization: `Bearer ${b64({ alg: 'none' })}.${b64({ conv: 'abc' })}.` },
      localAddress: client,
    }),
  'bot routes, unknown conversations': (base, client) =>
    hit(base, 'POST', `/v3/conversations/${encodeURIComponent('..')}/activities`, {
      headers: json,
      chunks: ['{"type":"message","text":"x"}'],
      localAddress: client,
    }),
  'WhatsApp unsigned / wrong signature': (base, client) =>
    hit(base, 'POST', '/api/whatsapp', {
      headers: { ...json, 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` },
      chunks: [replay().body],
      localAddress: client,
    }),
  'WhatsApp signed replay, 10 days old': (base, client) => {
    const { body, signature } = replay();
    return hit(base, 'POST', '/api/whatsapp', {
      headers: { ...json, 'x-hub-signature-256': signature },
      chunks: [body],
      localAddress: client,
    });
  },
};

export const authAttacks: Record<string, Attack> = {
  'no token': (base, client) =>
    hit(base, 'POST', '/api/messages', {
      headers: json,
      chunks: [activity()],
      localAddress: client,
    }),
  'alg none / HS256 / unknown kid': (base, client) => {
    const alg = ['none', 'HS256', 'RS256'][Math.floor(Math.random() * 3)]!;
    const token = `${b64({ alg, kid: randomUUID() })}.${b64({
      iss: 'https://api.botframework.com',
      aud: '00000000-0000-0000-0000-000000000001',
      exp: Math.floor(Date.now() / 1000) + 600,
      serviceurl: 'https://smba.trafficmanager.net/emea/',
    })}.${'A'.repeat(alg === 'none' ? 0 : 342)}`;
    return hit(base, 'POST', '/api/messages', {
      headers: { ...json, authorization: `Bearer ${token}` },
      chunks: [activity({ serviceUrl: 'https://smba.trafficmanager.net/emea/' })],
      localAddress: client,
      timeoutMs: 20_000,
    });
  },
};

/** Slow clients: a body of 100 bytes, one byte per second; the server must cut them off. */
export function slowloris(base: string, client: string): Promise<Answer> {
  const url = new URL(base);
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = connect({ port: Number(url.port), host: url.hostname, localAddress: client });
    let answer = '';
    const drip = setInterval(() => socket.writable && socket.write('a'), 1000);
    socket.on('connect', () =>
      socket.write('POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"'),
    );
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    socket.on('error', () => {});
    socket.on('close', () => {
      clearInterval(drip);
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0) || 'error';
      resolve({ status, ms: performance.now() - started, text: '' });
    });
    setTimeout(() => socket.destroy(), 60_000);
  });
}
