import { expect } from 'chai';
import { request } from 'node:http';
import type { Server } from 'restify';
import { createBotFrameworkTurns } from '../../../src/channels/botFramework/botFrameworkAdapter.js';
import { registerBotFramework } from '../../../src/channels/botFramework/botFrameworkChannel.js';
import { baseUrl, createServer } from '../../../src/http/server.js';
import { createLogger } from '../../../src/log.js';
import { testMunicipality } from '../../dialogs/harness.js';

/** One raw HTTP exchange, so headers and framing are exactly what the test says. */
function send(
  url: string,
  headers: Record<string, string>,
  chunks: (string | Buffer)[],
): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL('api/messages', url), { method: 'POST', headers }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : {} }),
      );
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

const activity = (fields: object = {}) =>
  JSON.stringify({
    type: 'message',
    id: 'a1',
    channelId: 'test',
    serviceUrl: 'http://127.0.0.1:9/',
    conversation: { id: 'c1' },
    from: { id: 'resident-1' },
    recipient: { id: 'voordeur' },
    deliveryMode: 'expectReplies',
    text: 'hallo',
    ...fields,
  });

describe('POST /api/messages', () => {
  let server: Server;
  let url: string;
  const json = { 'content-type': 'application/json' };

  before(async () => {
    const log = createLogger('silent');
    server = createServer({
      config: { directLineLocal: false, municipality: testMunicipality },
      readiness: { isReady: async () => true },
      i18n: { t: (_lng, key) => key },
      log,
    });
    registerBotFramework(server, {
      adapter: createBotFrameworkTurns({
        auth: undefined,
        baseUrl: () => url,
        nowSeconds: () => Date.now() / 1000,
        log,
      }),
      log,
      bot: async (context) => {
        await context.sendActivity(`echo ${context.activity.text ?? ''}`);
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = baseUrl(server);
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('runs a turn from an uncompressed body', async () => {
    const { status, body } = await send(url, json, [activity()]);
    expect(status).to.equal(200);
    expect((body['activities'] as { text: string }[])[0]?.text).to.equal('echo hallo');
  });

  it('refuses a gzip-labelled body that is not gzip with 415, and keeps running', async () => {
    const gzip = await send(url, { ...json, 'content-encoding': 'gzip' }, [activity()]);
    expect(gzip.status).to.equal(415);
    expect(gzip.body['code']).to.equal('UnsupportedMediaType');
    expect((await send(url, json, [activity()])).status, 'the process is still up').to.equal(200);
  });

  it('counts the size limit on the bytes read, also without a Content-Length', async () => {
    const big = activity({ text: 'x'.repeat(300 * 1024) });
    const chunked = await send(url, { ...json, 'transfer-encoding': 'chunked' }, [
      big.slice(0, 1000),
      big.slice(1000),
    ]);
    expect(chunked.status).to.equal(413);
    expect(chunked.body['message']).to.equal('the body is larger than 262144 bytes');
  });

  it('refuses JSON nested deeper than 64 levels with 400', async () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const { status, body } = await send(url, json, [activity({ value: '§' }).replace('"§"', deep)]);
    expect(status).to.equal(400);
    expect(body).to.deep.equal({
      code: 'InvalidContent',
      message: 'the body is nested deeper than 64 levels',
    });
  });

  it('answers malformed JSON with 400 and a reason, no internals', async () => {
    const { status, body } = await send(url, json, ['{"type": "message",']);
    expect(status).to.equal(400);
    expect(body).to.deep.equal({ code: 'InvalidContent', message: 'the body is not valid JSON' });
  });
});
