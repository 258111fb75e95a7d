import { expect } from 'chai';
import { gzipSync } from 'node:zlib';
import { request } from 'node:http';
import { buildApp, type App } from '../../src/app.js';
import { signatureOf } from '../../src/channels/whatsapp/signature.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { fixedClock } from '../clocks.js';

const appSecret = 'app-secret-for-every-route';

let client = 0;

/**
 * One raw exchange, so the headers and framing are exactly what the test says. Each from its
 * own loopback address (127.0.1.x), so the Direct Line's per-client rate limits stay out of it.
 */
function send(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  chunks: (string | Buffer)[],
): Promise<{ status: number; text: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const localAddress = `127.0.1.${(client++ % 250) + 1}`;
    const req = request(new URL(path, base), { method, headers, localAddress }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text, headers: res.headers }));
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

const activity = JSON.stringify({
  type: 'message',
  channelId: 'test',
  serviceUrl: 'http://127.0.0.1:9/',
  conversation: { id: 'c1' },
  from: { id: 'resident-1' },
  deliveryMode: 'expectReplies',
  text: 'hallo',
});

/** Every route that reads a body (the Direct Line ones with a conversation that exists). */
const routes = (conversationId: string): [string, string][] => [
  ['POST', '/api/messages'],
  ['POST', '/api/whatsapp'],
  ['POST', '/v3/directline/tokens/generate'],
  ['POST', '/v3/directline/conversations'],
  ['POST', `/v3/directline/conversations/${conversationId}/activities`],
  ['POST', `/v3/conversations/${conversationId}/activities`],
  ['POST', `/v3/conversations/${conversationId}/activities/x`],
  ['PUT', `/v3/conversations/${conversationId}/activities/x`],
];

describe('every route that reads a body', () => {
  let app: App;
  let base: string;
  let conversationId: string;
  const json = { 'content-type': 'application/json' };

  before(async () => {
    app = await buildApp(
      loadConfig({
        PORT: '0',
        LOG_LEVEL: 'silent',
        WHATSAPP_PHONE_NUMBER_ID: '106540352242922',
        WHATSAPP_ACCESS_TOKEN: 'token',
        WHATSAPP_APP_SECRET: appSecret,
        WHATSAPP_VERIFY_TOKEN: 'verify',
        WHATSAPP_GRAPH_URL: 'http://127.0.0.1:9',
      }),
      { clock: fixedClock(), log: createLogger('silent') },
    );
    base = await app.listen();
    const token = JSON.parse(
      (await send(base, 'POST', '/v3/directline/tokens/generate', json, [])).text,
    ) as { token: string };
    const started = await send(
      base,
      'POST',
      '/v3/directline/conversations',
      { ...json, authorization: `Bearer ${token.token}` },
      [],
    );
    conversationId = (JSON.parse(started.text) as { conversationId: string }).conversationId;
  });
  after(() => app.close());

  const alive = async () => {
    expect((await send(base, 'GET', '/healthz', {}, [])).status, 'still alive').to.equal(200);
  };

  it('refuses every Content-Encoding but identity with 415, real gzip included', async () => {
    const encodings = [
      'gzip',
      'deflate',
      'br',
      'gzip, identity',
      'identity, gzip',
      'GZIP',
      'Br',
      'x-gzip',
      'compress',
    ];
    for (const [method, path] of routes(conversationId)) {
      for (const encoding of encodings) {
        const res = await send(base, method, path, { ...json, 'content-encoding': encoding }, [
          activity,
        ]);
        expect(res.status, `${method} ${path} ${encoding}`).to.equal(415);
        expect(res.headers['connection'], `${path} ${encoding}`).to.equal('close');
      }
      const real = await send(base, method, path, { ...json, 'content-encoding': 'gzip' }, [
        gzipSync(activity),
      ]);
      expect(real.status, `${path} real gzip`).to.equal(415);
    }
    await alive();
  });

  it('accepts identity, in any case', async () => {
    for (const encoding of ['identity', 'Identity', ' IDENTITY ']) {
      const res = await send(
        base,
        'POST',
        '/api/messages',
        {
          ...json,
          'content-encoding': encoding,
        },
        [activity],
      );
      expect(res.status, encoding).to.equal(200);
    }
  });

  it('counts the size on the bytes read, without a Content-Length too: 413', async () => {
    const big = `{"type":"message","text":"${'x'.repeat(4 * 1024 * 1024)}"}`;
    for (const [method, path] of routes(conversationId)) {
      const res = await send(base, method, path, { ...json, 'transfer-encoding': 'chunked' }, [
        big.slice(0, 1000),
        big.slice(1000),
      ]);
      expect(res.status, `${method} ${path}`).to.equal(413);
    }
    await alive();
  });

  it('refuses JSON nested 5 000 levels deep with 400 (WhatsApp: 401 unsigned, acknowledged signed)', async () => {
    const deep = `{"type":"message","value":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    for (const [method, path] of routes(conversationId)) {
      const res = await send(base, method, path, json, [deep]);
      const expected = path === '/api/whatsapp' ? 401 : 400;
      expect(res.status, `${method} ${path}`).to.equal(expected);
      expect(res.text, path).not.to.match(/RangeError|stack/i);
    }
    const signed = await send(
      base,
      'POST',
      '/api/whatsapp',
      { ...json, 'x-hub-signature-256': signatureOf(appSecret, deep) },
      [deep],
    );
    expect(signed.status, 'signed: acknowledged, so Meta does not retry').to.equal(200);
    await alive();
  });
});
