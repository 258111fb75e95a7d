import { expect } from 'chai';
import {
  CALLBACK_PARTITION,
  CosmosCallbackStore,
  type CallbackDocument,
} from '../../../src/adapters/cosmos/cosmosCallbacks.js';
import { callbackStoreContract } from '../../ports/callbackStore.contract.js';
import { useTestCosmos } from './cosmosTestServer.js';

const ttlSeconds = 30 * 24 * 3600;

describe('CosmosCallbackStore', () => {
  const db = useTestCosmos('callbacks');

  callbackStoreContract('CosmosCallbackStore on the embedded Cosmos server', async () => {
    // `list()` sees the whole container, so each test gets an empty one shaped like the real one.
    const container = await db().emptyContainer('callbacks');
    return {
      store: new CosmosCallbackStore(container, { ttlSeconds }),
      cleanup: async () => {
        await container.delete();
      },
    };
  });

  it('stores each request in the callbacks partition with the retention ttl', async () => {
    const { callbacks } = db().cosmos.containers;
    const store = new CosmosCallbackStore(callbacks, { ttlSeconds: 1234 });
    await store.put({
      id: 'cb-1',
      residentKey: 'conversation-1',
      phone: '+31 6 12345678',
      consentAt: '2031-03-04T09:00:00.000Z',
      language: 'nl',
      channel: 'webchat',
      createdAt: '2031-03-04T09:00:00.000Z',
    });
    const { resource } = await callbacks.item('cb-1', CALLBACK_PARTITION).read<CallbackDocument>();
    expect(resource?.ttl).to.equal(1234);
    expect(resource?.pk).to.equal('callback');
  });

  it('refuses a ttl that Cosmos would not honour', () => {
    const { callbacks } = db().cosmos.containers;
    expect(() => new CosmosCallbackStore(callbacks, { ttlSeconds: -5 })).to.throw(RangeError);
  });
});
