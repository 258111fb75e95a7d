import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { CosmosClient, type Container } from '@azure/cosmos';
import { expect } from 'chai';
import {
  CosmosConversationStore,
  documentId,
  type ConversationDocument,
} from '../../../src/adapters/cosmos/cosmosConversationStore.js';
import type { EmbeddedCosmos } from '../../../src/adapters/cosmos/embeddedCosmos.js';
import type { RetryOptions } from '../../../src/adapters/cosmos/retry.js';
import { isVoordeurError } from '../../../src/errors.js';
import { conversationStoreContract } from '../../ports/conversationStore.contract.js';
import { startTestCosmos, useTestCosmos } from './cosmosTestServer.js';

const tinyRetry: RetryOptions = { attempts: 4, baseDelayMs: 1, maxDelayMs: 5, maxTotalMs: 2_000 };
const ttlSeconds = 30 * 24 * 3600;

/**
 * A loopback proxy in front of the embedded server that answers the next `failNext` document
 * requests itself with `status` (429 carries `x-ms-retry-after-ms: 1`), and forwards the rest.
 */
async function startFlakyProxy(target: string) {
  const targetUrl = new URL(target);
  const state = { failNext: 0, status: 503, seen: 0 };
  const server = http.createServer((req, res) => {
    state.seen += 1;
    if (state.failNext > 0 && req.url?.includes('/docs')) {
      state.failNext -= 1;
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (state.status === 429) headers['x-ms-retry-after-ms'] = '1';
      res.writeHead(state.status, headers);
      res.end(
        JSON.stringify({
          code: state.status === 429 ? 'TooManyRequests' : 'ServiceUnavailable',
          message: '',
        }),
      );
      return;
    }
    const upstream = http.request(
      {
        host: targetUrl.hostname,
        port: targetUrl.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    state,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('CosmosConversationStore', () => {
  const db = useTestCosmos('store');
  let embedded: EmbeddedCosmos;
  let container: Container;

  before(() => {
    embedded = db().embedded;
    container = db().cosmos.containers.conversations;
  });

  conversationStoreContract('CosmosConversationStore on the embedded Cosmos server', async () => ({
    store: new CosmosConversationStore(container, { ttlSeconds, retry: tinyRetry }),
    cleanup: async () => {},
  }));

  describe('cost per operation', () => {
    let store: CosmosConversationStore;
    beforeEach(() => {
      store = new CosmosConversationStore(container, { ttlSeconds, retry: tinyRetry });
      embedded.requests.reset();
    });

    it('creates with exactly one request, even as the first write after connecting', async () => {
      const fresh = await startTestCosmos('first');
      try {
        const firstStore = new CosmosConversationStore(fresh.cosmos.containers.conversations, {
          ttlSeconds,
        });
        fresh.embedded.requests.reset();
        await firstStore.write('first', { state: { a: 1 } }, { ifNoneMatch: '*' });
        expect(fresh.embedded.requests.byKind()).to.deep.equal({ 'POST docs': 1 });
      } finally {
        await fresh.close();
      }
    });

    it('reads with exactly one point read, found or not', async () => {
      await store.write('k', { state: { a: 1 } }, { ifNoneMatch: '*' });
      embedded.requests.reset();
      await store.read('k');
      await store.read('not-there');
      expect(embedded.requests.byKind()).to.deep.equal({ 'GET docs': 2 });
    });

    it('replaces and deletes with exactly one request each', async () => {
      const etag = await store.write('r', { state: { a: 1 } }, { ifNoneMatch: '*' });
      embedded.requests.reset();
      await store.write('r', { state: { a: 2 } }, { ifMatch: etag });
      expect(embedded.requests.byKind()).to.deep.equal({ 'PUT docs': 1 });
      embedded.requests.reset();
      await store.delete('r');
      await store.delete('r');
      expect(embedded.requests.byKind()).to.deep.equal({ 'DELETE docs': 2 });
    });

    it('spends exactly one request on a lost race and does not retry it', async () => {
      await store.write('c', { state: {} }, { ifNoneMatch: '*' });
      embedded.requests.reset();
      const error = await store
        .write('c', { state: {} }, { ifNoneMatch: '*' })
        .catch((e: unknown) => e);
      expect(isVoordeurError(error, 'VD_STATE_CONFLICT')).to.equal(true);
      expect(embedded.requests.count()).to.equal(1);
    });
  });

  describe('concurrent turns', () => {
    let store: CosmosConversationStore;
    beforeEach(() => {
      store = new CosmosConversationStore(container, { ttlSeconds, retry: tinyRetry });
    });
    const keys = (prefix: string) => Array.from({ length: 12 }, (_, i) => `${prefix}-${i}`);

    it('share requests: writes and reads arriving while one is in flight go as one bulk request', async () => {
      const names = keys('together');
      embedded.requests.reset();
      const etags = await Promise.all(
        names.map((key, i) => store.write(key, { state: { n: i } }, { ifNoneMatch: '*' })),
      );
      const created = embedded.requests.byKind();
      expect(created['POST docs'], 'the first went alone').to.equal(1);
      expect(created['BATCH docs'], 'the rest went together').to.equal(1);
      expect(new Set(etags).size).to.equal(names.length);

      embedded.requests.reset();
      const replaced = await Promise.all(
        names.map((key, i) => store.write(key, { state: { n: i + 100 } }, { ifMatch: etags[i]! })),
      );
      expect(embedded.requests.byKind()).to.deep.equal({ 'PUT docs': 1, 'BATCH docs': 1 });

      embedded.requests.reset();
      const read = await Promise.all([...names, 'together-missing'].map((key) => store.read(key)));
      expect(embedded.requests.byKind()).to.deep.equal({ 'GET docs': 1, 'BATCH docs': 1 });
      expect(read.at(-1)).to.equal(undefined);
      read.slice(0, -1).forEach((found, i) => {
        expect(found).to.deep.equal({ value: { state: { n: i + 100 } }, etag: replaced[i] });
      });
      // Each document as a point read sees it: ttl, id and partition key as when written alone.
      const { resource } = await container
        .item(documentId(names[5]!), documentId(names[5]!))
        .read();
      expect(resource).to.include({
        id: documentId(names[5]!),
        pk: documentId(names[5]!),
        ttl: ttlSeconds,
      });
    });

    it('share one request between first turns that read and later turns that write', async () => {
      const names = keys('mixed');
      const etags = await Promise.all(
        names.map((key) => store.write(key, { state: { v: 1 } }, { ifNoneMatch: '*' })),
      );
      embedded.requests.reset();
      // Half the turns write what they changed, the other half (new to this instance) read.
      const [written, read] = await Promise.all([
        Promise.all(
          names
            .slice(0, 6)
            .map((key, i) => store.write(key, { state: { v: 2 } }, { ifMatch: etags[i]! })),
        ),
        Promise.all([...names.slice(6), 'mixed-missing'].map((key) => store.read(key))),
      ]);
      expect(embedded.requests.byKind()).to.deep.equal({ 'PUT docs': 1, 'BATCH docs': 1 });
      expect(new Set(written).size).to.equal(6);
      expect(read.at(-1)).to.equal(undefined);
      read.slice(0, -1).forEach((found, i) => {
        expect(found).to.deep.equal({ value: { state: { v: 1 } }, etag: etags[i + 6] });
      });
      expect((await store.read('mixed-2'))?.value).to.deep.equal({ state: { v: 2 } });
    });

    it('fail only the turn that lost its race when they share a request', async () => {
      const names = keys('race');
      const etags = await Promise.all(
        names.map((key) => store.write(key, { state: { v: 1 } }, { ifNoneMatch: '*' })),
      );
      // Another instance wrote 'race-4' meanwhile, and 'race-7' already exists.
      const newer = await store.write('race-4', { state: { v: 'other' } }, { ifMatch: etags[4]! });
      embedded.requests.reset();
      const outcomes = await Promise.all(
        names.map((key, i) =>
          store
            .write(
              key,
              { state: { v: 2 } },
              i === 7 ? { ifNoneMatch: '*' } : { ifMatch: etags[i]! },
            )
            .then(
              () => 'written',
              (error: unknown) =>
                isVoordeurError(error, 'VD_STATE_CONFLICT') ? 'conflict' : error,
            ),
        ),
      );
      expect(embedded.requests.byKind()['BATCH docs']).to.equal(1);
      expect(outcomes.filter((o) => o === 'conflict')).to.have.length(2);
      expect(outcomes[4]).to.equal('conflict');
      expect(outcomes[7]).to.equal('conflict');
      expect(outcomes.filter((o) => o === 'written')).to.have.length(names.length - 2);
      expect((await store.read('race-4'))?.etag).to.equal(newer);
      expect((await store.read('race-3'))?.value).to.deep.equal({ state: { v: 2 } });
    });
  });

  describe('documents', () => {
    const rawDocument = async (key: string) => {
      const id = documentId(key);
      const { resource } = await container.item(id, id).read<ConversationDocument>();
      return resource;
    };

    it('carry the configured ttl on create and on replace', async () => {
      const store = new CosmosConversationStore(container, { ttlSeconds: 1234 });
      const etag = await store.write('ttl', { state: { a: 1 } }, { ifNoneMatch: '*' });
      expect((await rawDocument('ttl'))?.ttl).to.equal(1234);
      await new CosmosConversationStore(container, { ttlSeconds: 99 }).write(
        'ttl',
        { state: {} },
        { ifMatch: etag },
      );
      expect((await rawDocument('ttl'))?.ttl).to.equal(99);
    });

    it('use the Cosmos-safe key as both id and partition key', async () => {
      const store = new CosmosConversationStore(container, { ttlSeconds });
      await store.write('a/b?c#d', { state: {} }, { ifNoneMatch: '*' });
      const doc = await rawDocument('a/b?c#d');
      expect(doc?.id).to.equal('a%2Fb%3Fc%23d');
      expect(doc?.pk).to.equal(doc?.id);
    });

    it('hand back only the state, never Cosmos system fields', async () => {
      const store = new CosmosConversationStore(container, { ttlSeconds });
      await store.write('sys', { state: { step: 1 } }, { ifNoneMatch: '*' });
      expect((await rawDocument('sys'))?._etag).to.be.a('string');
      const read = await store.read('sys');
      expect(read?.value).to.deep.equal({ state: { step: 1 } });
    });

    it('refuse a ttl that Cosmos would not honour', () => {
      expect(() => new CosmosConversationStore(container, { ttlSeconds: 0 })).to.throw(RangeError);
      expect(() => new CosmosConversationStore(container, { ttlSeconds: 1.5 })).to.throw(
        RangeError,
      );
    });
  });

  describe('document ids', () => {
    it('escape the characters Cosmos forbids, reversibly', () => {
      for (const key of ['a/b', 'a\\b', 'a?b', 'a#b', 'a.b', '日本', 'a%2Fb']) {
        const id = documentId(key);
        expect(id).not.to.match(/[/\\?#]/);
        expect(decodeURIComponent(id)).to.equal(key);
      }
    });

    it('hash keys that would be too long, empty or not valid UTF-16, keeping them apart', () => {
      const long = documentId('x'.repeat(300));
      expect(long).to.match(/^sha256:[0-9a-f]{64}$/);
      expect(documentId(`${'x'.repeat(300)}y`)).not.to.equal(long);
      expect(documentId('')).to.match(/^sha256:/);
      expect(documentId('\uD800')).not.to.equal(documentId('\uDBFF'));
      // An escaped key never contains ':', so it cannot imitate a hashed one.
      expect(documentId(long)).not.to.equal(long);
      expect(documentId('x'.repeat(255))).to.have.length(255);
    });
  });

  describe('when Cosmos struggles', () => {
    let proxy: Awaited<ReturnType<typeof startFlakyProxy>>;
    let viaProxy: CosmosClient;
    let store: CosmosConversationStore;

    before(async () => {
      proxy = await startFlakyProxy(embedded.endpoint);
      viaProxy = new CosmosClient({
        endpoint: proxy.endpoint,
        key: embedded.key,
        // SDK throttling retries off, so these tests prove the store's own retry.
        connectionPolicy: {
          enableEndpointDiscovery: false,
          retryOptions: { maxRetryAttemptCount: 0 },
        },
      });
      const database = viaProxy.database(db().databaseId);
      await database.container(container.id).read(); // warms the partition key cache through the proxy
      store = new CosmosConversationStore(database.container(container.id), {
        ttlSeconds,
        retry: tinyRetry,
      });
    });
    after(async () => {
      viaProxy.dispose();
      await proxy.stop();
    });
    beforeEach(() => {
      proxy.state.seen = 0;
      proxy.state.failNext = 0;
    });

    for (const status of [429, 503]) {
      it(`retries a write and a read answered ${status} and then succeeds`, async () => {
        proxy.state.status = status;
        proxy.state.failNext = 2;
        const key = `flaky-${status}`;
        const etag = await store.write(key, { state: { ok: true } }, { ifNoneMatch: '*' });
        expect(proxy.state.seen).to.equal(3);

        proxy.state.failNext = 2;
        proxy.state.seen = 0;
        expect(await store.read(key)).to.deep.equal({ value: { state: { ok: true } }, etag });
        expect(proxy.state.seen).to.equal(3);
      });
    }

    it('writes every turn of a shared request that Cosmos answered 503 as a whole', async () => {
      const names = Array.from({ length: 6 }, (_, i) => `flaky-group-${i}`);
      proxy.state.status = 503;
      const first = store.write('flaky-group-lead', { state: {} }, { ifNoneMatch: '*' });
      proxy.state.failNext = 2; // the lead's request (retried) and then the group's
      const rest = names.map((key) => store.write(key, { state: { key } }, { ifNoneMatch: '*' }));
      await Promise.all([first, ...rest]);
      expect(proxy.state.failNext, 'the shared request was answered 503').to.equal(0);
      for (const key of names)
        expect((await store.read(key))?.value).to.deep.equal({ state: { key } });
    });

    it('ends in VD_STORE_UNAVAILABLE after its bounded attempts when Cosmos keeps answering 503', async () => {
      proxy.state.status = 503;
      proxy.state.failNext = 1_000;
      const error = await store.read('down').catch((e: unknown) => e);
      expect(isVoordeurError(error, 'VD_STORE_UNAVAILABLE')).to.equal(true);
      expect(proxy.state.seen).to.equal(tinyRetry.attempts);
    });

    it('ends in VD_STORE_UNAVAILABLE when Cosmos accepts connections but never answers', async () => {
      const sockets = new Set<net.Socket>();
      const blackHole = net.createServer((socket) => sockets.add(socket));
      await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
      const { port } = blackHole.address() as AddressInfo;
      const client = new CosmosClient({
        endpoint: `http://127.0.0.1:${port}`,
        key: embedded.key,
        connectionPolicy: { enableEndpointDiscovery: false },
      });
      try {
        const silentStore = new CosmosConversationStore(client.database('d').container('c'), {
          ttlSeconds,
          retry: tinyRetry,
          timeoutMs: 50,
        });
        const started = performance.now();
        const error = await silentStore.read('k').catch((e: unknown) => e);
        expect(isVoordeurError(error, 'VD_STORE_UNAVAILABLE'), String(error)).to.equal(true);
        expect(performance.now() - started).to.be.below(15_000); // does not hang
      } finally {
        client.dispose();
        for (const socket of sockets) socket.destroy();
        await new Promise<void>((resolve) => blackHole.close(() => resolve()));
      }
    });

    it('ends in VD_STORE_UNAVAILABLE within bounded time when the server is gone', async () => {
      const gone = await startTestCosmos('gone');
      try {
        const goneStore = new CosmosConversationStore(gone.cosmos.containers.conversations, {
          ttlSeconds,
          retry: tinyRetry,
        });
        await goneStore.write('k', { state: {} }, { ifNoneMatch: '*' });
        await gone.embedded.stop();

        const started = performance.now();
        for (const attempt of [
          () => goneStore.read('k'),
          () => goneStore.write('k', { state: {} }, { ifMatch: 'x' }),
          () => goneStore.delete('k'),
        ]) {
          const error = await attempt().catch((e: unknown) => e);
          expect(isVoordeurError(error, 'VD_STORE_UNAVAILABLE'), String(error)).to.equal(true);
        }
        expect(performance.now() - started).to.be.below(15_000); // does not hang
      } finally {
        await gone.close();
      }
    });
  });
});
