import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { containerSpecs } from '../src/adapters/cosmos/cosmosClient.js';
import { COACH_PARTITION } from '../src/adapters/cosmos/cosmosCoaches.js';
import { buildApp, type App } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createTranslator, type Translator } from '../src/i18n.js';
import { createLogger } from '../src/log.js';
import { fixedClock } from './clocks.js';

/**
 * The whole app (restify, CloudAdapter, turn gate, dialogs) on the real Cosmos SDK and the
 * embedded server, whose database or containers disappear while it runs — as when an emulator
 * restarts or a container is deleted by mistake. No restart of the app anywhere.
 */

const log = createLogger('silent');
const phone = '14 0411';

interface Reply {
  type: string;
  text?: string;
}

function turn(conversationId: string, text: string) {
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
    text,
  };
}

async function say(url: string, conversationId: string, text: string): Promise<string[]> {
  const response = await fetch(`${url}api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(turn(conversationId, text)),
  });
  expect(response.status).to.equal(200);
  const { activities } = (await response.json()) as { activities?: Reply[] };
  return (activities ?? []).map((reply) => reply.text ?? '');
}

async function readyz(url: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${url}readyz`);
  return { status: response.status, body: await response.json() };
}

async function coachCount(app: App): Promise<number> {
  const { resources } = await app.cosmos.containers.coaches.items
    .query<number>({
      query: 'SELECT VALUE COUNT(1) FROM c WHERE c.pk = @pk',
      parameters: [{ name: '@pk', value: COACH_PARTITION }],
    })
    .fetchAll();
  return resources[0] ?? 0;
}

describe('Voordeur when its Cosmos database or a container goes missing', () => {
  let app: App;
  let url: string;
  let i18n: Translator;
  let storeDown: string;
  let apology: string;

  before(async () => {
    i18n = await createTranslator();
    storeDown = i18n.t('nl', 'error.storeDown', { phone });
    apology = i18n.t('nl', 'error.apology', { phone });
  });

  beforeEach(async () => {
    app = await buildApp(
      loadConfig({ PORT: '0', LOG_LEVEL: 'silent', MUNICIPALITY_PHONE: phone }),
      { clock: fixedClock(), log },
    );
    url = await app.listen();
  });
  afterEach(() => app.close());

  it('tells the resident the store is down, then works again on the next message, without a restart', async () => {
    const coaches = await coachCount(app);
    expect(coaches).to.be.above(0);
    expect((await say(url, randomUUID(), 'Hallo')).join(' ')).to.match(/computer/i);

    await app.cosmos.database.delete();

    const conversation = randomUUID();
    const failed = await say(url, conversation, 'Hallo');
    expect(failed).to.deep.equal([storeDown]);
    expect(failed).not.to.include(apology);

    const next = await say(url, conversation, 'Hallo');
    expect(next.join(' ')).to.match(/computer/i);
    expect(await readyz(url)).to.deep.equal({ status: 200, body: { status: 'ready' } });
    expect(await coachCount(app), 'the coaches are written back').to.equal(coaches);
  });

  it('gives every resident writing at that moment the store-down message and creates the database once', async () => {
    await app.cosmos.database.delete();
    const requests = app.cosmos.embedded!.requests;
    requests.reset();
    const replies = await Promise.all(
      Array.from({ length: 4 }, () => say(url, randomUUID(), 'Hallo')),
    );
    for (const reply of replies) {
      expect(reply).not.to.include(apology);
      // Each either failed while the database was missing, or came after it was back.
      if (reply.includes(storeDown)) expect(reply).to.have.length(1);
      else expect(reply.join(' ')).to.match(/computer/i);
    }
    expect(replies.filter((reply) => reply.includes(storeDown))).to.have.length.above(0);
    expect(requests.byKind()['POST dbs'], 'the database created once').to.equal(1);
  });

  it('reports not ready with a reason when a container is gone, and is ready again by itself', async () => {
    await app.cosmos.database.container(containerSpecs.conversations.id).delete();
    expect(await readyz(url)).to.deep.equal({
      status: 503,
      body: { status: 'not ready', reason: 'store missing' },
    });
    // The probe itself had the container created again; no turn, no restart.
    const started = performance.now();
    while ((await readyz(url)).status !== 200) {
      expect(performance.now() - started, 'ready again within 5 s').to.be.below(5_000);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect((await say(url, randomUUID(), 'Hallo')).join(' ')).to.match(/computer/i);
  });

  it('still reports an unreachable store as such', async () => {
    await app.cosmos.embedded!.stop();
    expect(await readyz(url)).to.deep.equal({
      status: 503,
      body: { status: 'not ready', reason: 'store unreachable' },
    });
  });
});
