import net from 'node:net';
import { CosmosClient } from '@azure/cosmos';
import { expect } from 'chai';
import { CosmosReadiness } from '../../../src/adapters/cosmos/cosmosReadiness.js';
import { useTestCosmos } from './cosmosTestServer.js';

describe('CosmosReadiness', () => {
  // One server per test: a test stops it.
  const db = useTestCosmos('ready', { per: 'test' });

  it('is ready while the store answers', async () => {
    expect(await new CosmosReadiness(db().cosmos.database).isReady()).to.equal(true);
  });

  it('is not ready once the store has gone, without throwing', async () => {
    const readiness = new CosmosReadiness(db().cosmos.database, { cacheMs: 0 });
    expect(await readiness.isReady()).to.equal(true);
    await db().embedded.stop();
    const started = performance.now();
    expect(await readiness.isReady()).to.equal(false);
    expect(performance.now() - started).to.be.below(3_000);
  });

  it('answers polls from a short cache, sharing one check between concurrent polls', async () => {
    let now = 0;
    const { cosmos, embedded } = db();
    const readiness = new CosmosReadiness(cosmos.database, { cacheMs: 2_000, now: () => now });
    embedded.requests.reset();
    await Promise.all([readiness.isReady(), readiness.isReady(), readiness.isReady()]);
    now = 1_999;
    await readiness.isReady();
    expect(embedded.requests.count()).to.equal(1);
    now = 2_000;
    await readiness.isReady();
    expect(embedded.requests.count()).to.equal(2);
  });

  it('gives up on a store that accepts connections but never answers', async () => {
    const sockets = new Set<net.Socket>();
    const blackHole = net.createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
    const { port } = blackHole.address() as net.AddressInfo;
    const client = new CosmosClient({
      endpoint: `http://127.0.0.1:${port}`,
      key: 'any',
      connectionPolicy: { enableEndpointDiscovery: false },
    });
    try {
      const started = performance.now();
      expect(
        await new CosmosReadiness(client.database('x'), { timeoutMs: 200 }).isReady(),
      ).to.equal(false);
      expect(performance.now() - started).to.be.below(3_000);
    } finally {
      client.dispose();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => blackHole.close(() => resolve()));
    }
  });
});
