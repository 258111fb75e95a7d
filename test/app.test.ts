import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { buildApp, type App } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/log.js';
import { fixedClock } from './clocks.js';

const log = createLogger('silent');

interface Reply {
  type: string;
  text?: string;
  locale?: string;
}

/** A turn posted the way Azure Bot Service posts it, with the replies returned in the response. */
function turn(conversationId: string, fields: Record<string, unknown>) {
  return {
    type: 'message',
    id: randomUUID(),
    channelId: 'test',
    serviceUrl: 'http://127.0.0.1:9/',
    conversation: { id: conversationId },
    from: { id: 'resident-1' },
    recipient: { id: 'voordeur' },
    locale: 'nl-NL',
    deliveryMode: 'expectReplies',
    ...fields,
  };
}

async function post(url: string, body: unknown): Promise<{ status: number; replies: Reply[] }> {
  const response = await fetch(`${url}api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const parsed = (await response.json().catch(() => ({}))) as { activities?: Reply[] };
  return { status: response.status, replies: parsed.activities ?? [] };
}

describe('the Voordeur server', () => {
  let app: App;
  let url: string;

  beforeEach(async () => {
    app = await buildApp(
      loadConfig({ PORT: '0', LOG_LEVEL: 'silent', MUNICIPALITY_PHONE: '14 0411' }),
      { clock: fixedClock(), log },
    );
    url = await app.listen();
  });
  afterEach(() => app.close());

  it('greets a new resident, saying it is a computer', async () => {
    const { status, replies } = await post(url, turn(randomUUID(), { text: 'Hallo' }));
    expect(status).to.equal(200);
    expect(replies.map((r) => r.text).join(' ')).to.match(/computer/i);
    expect(replies.every((r) => r.locale === 'nl-NL')).to.equal(true);
  });

  it('costs one Cosmos write per turn once the conversation is known, and nothing when nothing changed', async () => {
    const requests = app.cosmos.embedded!.requests;
    const conversation = randomUUID();

    requests.reset();
    await post(url, turn(conversation, { text: 'Hallo' }));
    // State: read (missing) + create. The staff recorder gathers turns and writes them a moment
    // later, many conversations in one request (test/staff/recorder.test.ts).
    expect(requests.byKind(), 'first turn: read (missing) + create').to.deep.equal({
      'GET docs': 1,
      'POST docs': 1,
    });

    requests.reset();
    await post(url, turn(conversation, { text: 'menu' }));
    const second = requests.byKind();
    // The instance remembers the document and ETag it wrote: no read (a 412 would reload).
    expect(second['GET docs'], 'second turn: no point read').to.equal(undefined);
    expect(requests.count(), 'second turn: at most one write').to.be.at.most(2);

    requests.reset();
    await post(url, turn(conversation, { type: 'typing', text: undefined }));
    expect(requests.byKind(), 'a typing indicator changes nothing').to.deep.equal({});
  });

  it('answers /healthz and /readyz', async () => {
    expect((await fetch(`${url}healthz`)).status).to.equal(200);
    const ready = await fetch(`${url}readyz`);
    expect(ready.status).to.equal(200);
    expect(await ready.json()).to.deep.equal({ status: 'ready' });
  });

  it('tells the resident plainly when Cosmos DB is down, and reports not ready', async () => {
    await app.cosmos.embedded!.stop();
    const { status, replies } = await post(url, turn(randomUUID(), { text: 'Hallo' }));
    expect(status).to.equal(200);
    expect(replies).to.have.length(1);
    expect(replies[0]!.text).to.include('14 0411');
    expect(replies[0]!.text).not.to.match(/computer/i);
    const ready = await fetch(`${url}readyz`);
    expect(ready.status).to.equal(503);
    expect((await fetch(`${url}healthz`)).status, 'still alive').to.equal(200);
  });

  it('refuses malformed JSON with 400 and a reason', async () => {
    const response = await fetch(`${url}api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"type": "message",',
    });
    expect(response.status).to.equal(400);
    expect(((await response.json()) as { message: string }).message).to.match(/json/i);
  });

  it('refuses bodies over the size limit with 413', async () => {
    const response = await fetch(`${url}api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(turn(randomUUID(), { text: 'x'.repeat(300 * 1024) })),
    });
    expect(response.status).to.equal(413);
  });

  it('answers unknown routes with 404', async () => {
    expect((await fetch(`${url}nothing-here`)).status).to.equal(404);
  });
});

describe('the Voordeur server with a Microsoft app id', () => {
  it('refuses unauthenticated Bot Framework requests with 401', async () => {
    const app = await buildApp(
      loadConfig({
        PORT: '0',
        LOG_LEVEL: 'silent',
        MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
        MicrosoftAppPassword: 'not-a-real-secret',
      }),
      { clock: fixedClock(), log },
    );
    const url = await app.listen();
    try {
      const { status } = await post(url, turn(randomUUID(), { text: 'Hallo' }));
      expect(status).to.equal(401);
      expect((await fetch(url)).status, 'no local web chat with Azure auth').to.equal(404);
    } finally {
      await app.close();
    }
  });
});
