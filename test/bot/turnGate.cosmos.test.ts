import { expect } from 'chai';
import type { Activity, TestAdapter } from 'botbuilder';
import { connectCosmos, type CosmosConnection } from '../../src/adapters/cosmos/cosmosClient.js';
import { CosmosConversationStore } from '../../src/adapters/cosmos/cosmosConversationStore.js';
import { createLogger } from '../../src/log.js';
import { CountingStore, instance } from './turnGateHarness.js';

const log = createLogger('silent');

describe('the turn gate on Cosmos DB, two instances sharing one database', () => {
  let first: CosmosConnection;
  let second: CosmosConnection;

  before(async () => {
    first = await connectCosmos({ kind: 'embedded', database: 'turn-gate' }, log);
    // The second instance reaches the same server over HTTP, as a second App Service instance would.
    second = await connectCosmos(
      {
        kind: 'azure',
        endpoint: first.embedded!.endpoint,
        key: first.embedded!.key,
        database: 'turn-gate',
      },
      log,
    );
  });
  after(async () => {
    await second.close();
    await first.close();
  });

  it('loses no update and sends every reply once when both handle one conversation at once', async () => {
    const stores = [first, second].map(
      (c) =>
        new CountingStore(
          new CosmosConversationStore(c.containers.conversations, { ttlSeconds: 3600 }),
        ),
    );
    const a = instance(stores[0]!);
    const b = instance(stores[1]!);
    const message = (n: number): Partial<Activity> => ({ type: 'message', text: `bericht ${n}` });
    const send = (
      target: { adapter: TestAdapter; bot: { run: Parameters<TestAdapter['processActivity']>[1] } },
      n: number,
    ) => target.adapter.processActivity(message(n), target.bot.run);

    const turns = 12;
    await Promise.all(Array.from({ length: turns }, (_, n) => send(n % 2 ? a : b, n)));

    const texts = [...a.adapter.activeQueue, ...b.adapter.activeQueue].map((reply) => reply.text);
    const expected = Array.from({ length: turns }, (_, n) => `count ${n + 1}`);
    expect([...texts].sort()).to.deep.equal([...expected].sort());
    const writes = stores.reduce((sum, store) => sum + store.writes, 0);
    expect(writes, 'some turns lost a race and ran again').to.be.greaterThan(turns);
  });
});
