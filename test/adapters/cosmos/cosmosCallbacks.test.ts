import { randomUUID } from 'node:crypto';
import type { Container } from '@azure/cosmos';
import { expect } from 'chai';
import { pino } from 'pino';
import {
  CALLBACK_PARTITION,
  CosmosCallbackStore,
  type CallbackDocument,
} from '../../../src/adapters/cosmos/cosmosCallbacks.js';
import {
  connectCosmos,
  containerSpecs,
  type CosmosConnection,
} from '../../../src/adapters/cosmos/cosmosClient.js';
import { callbackStoreContract } from '../../ports/callbackStore.contract.js';

const silent = pino({ level: 'silent' });
const ttlSeconds = 30 * 24 * 3600;

describe('CosmosCallbackStore', () => {
  let cosmos: CosmosConnection;

  before(async () => {
    cosmos = await connectCosmos(
      { kind: 'embedded', database: `vd-callbacks-${randomUUID()}` },
      silent,
    );
  });
  after(async () => {
    await cosmos.close();
  });

  /** `list()` sees the whole container, so each test gets an empty one shaped like the real one. */
  async function emptyContainer(): Promise<Container> {
    const { container } = await cosmos.database.containers.createIfNotExists({
      id: `callbacks-${randomUUID()}`,
      partitionKey: { paths: [containerSpecs.callbacks.partitionKeyPath] },
      defaultTtl: containerSpecs.callbacks.defaultTtl,
    });
    return container;
  }

  callbackStoreContract('CosmosCallbackStore on the embedded Cosmos server', async () => {
    const container = await emptyContainer();
    return {
      store: new CosmosCallbackStore(container, { ttlSeconds }),
      cleanup: async () => {
        await container.delete();
      },
    };
  });

  it('stores each request in the callbacks partition with the retention ttl', async () => {
    const store = new CosmosCallbackStore(cosmos.containers.callbacks, { ttlSeconds: 1234 });
    await store.put({
      id: 'cb-1',
      residentKey: 'conversation-1',
      phone: '+31 6 12345678',
      consentAt: '2031-03-04T09:00:00.000Z',
      language: 'nl',
      channel: 'webchat',
      createdAt: '2031-03-04T09:00:00.000Z',
    });
    const { resource } = await cosmos.containers.callbacks
      .item('cb-1', CALLBACK_PARTITION)
      .read<CallbackDocument>();
    expect(resource?.ttl).to.equal(1234);
    expect(resource?.pk).to.equal('callback');
  });

  it('refuses a ttl that Cosmos would not honour', () => {
    expect(() => new CosmosCallbackStore(cosmos.containers.callbacks, { ttlSeconds: -5 })).to.throw(
      RangeError,
    );
  });
});
