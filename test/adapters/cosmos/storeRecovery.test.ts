import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CosmosClient, ErrorResponse } from '@azure/cosmos';
import { expect } from 'chai';
import { pino } from 'pino';
import {
  connectCosmos,
  containerSpecs,
  type CosmosConnection,
} from '../../../src/adapters/cosmos/cosmosClient.js';
import { CosmosConversationStore } from '../../../src/adapters/cosmos/cosmosConversationStore.js';
import {
  callCosmos,
  isDocumentMissing,
  readDocument,
} from '../../../src/adapters/cosmos/cosmosOps.js';
import { CosmosReadiness } from '../../../src/adapters/cosmos/cosmosReadiness.js';
import { CosmosAuditLog } from '../../../src/adapters/cosmos/cosmosAuditLog.js';
import { CosmosConversationReferences } from '../../../src/adapters/cosmos/cosmosConversationReferences.js';
import { auditActions } from '../../../src/ports/auditLog.js';
import { isOwnerMissing } from '../../../src/adapters/cosmos/storeRecovery.js';
import { isVoordeurError } from '../../../src/errors.js';
import { useTestCosmos } from './cosmosTestServer.js';

/** A logger that keeps its lines, to check what was said, how loudly and how often. */
function capturingLogger() {
  const lines: Array<Record<string, unknown> & { level: number; msg: string }> = [];
  const log = pino({ level: 'trace' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { log, lines };
}

/** Requests that would create a database or a container. */
function creations(byKind: Record<string, number>): number {
  return (byKind['POST dbs'] ?? 0) + (byKind['POST colls'] ?? 0);
}

const secret = 'Mijn BSN is 123456782';

function write(store: CosmosConversationStore, key: string) {
  return store.write(key, { state: { note: secret } }, { ifNoneMatch: '*' });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('a Cosmos database or container that goes missing while Voordeur runs', () => {
  // One server per test: each test deletes parts of it.
  const db = useTestCosmos('recovery', { per: 'test' });

  describe('with a key (Voordeur may create it)', () => {
    let cosmos: CosmosConnection;
    let lines: ReturnType<typeof capturingLogger>['lines'];

    beforeEach(async () => {
      const logger = capturingLogger();
      lines = logger.lines;
      const { embedded, databaseId } = db();
      cosmos = await connectCosmos(
        { kind: 'azure', endpoint: embedded.endpoint, key: embedded.key, database: databaseId },
        logger.log,
      );
    });
    afterEach(() => cosmos.close());

    it('fails the call with VD_STORE_MISSING and creates the container again, once for concurrent failures', async () => {
      const store = new CosmosConversationStore(cosmos.containers.conversations, {
        ttlSeconds: 60,
      });
      let recreated = 0;
      cosmos.recovery.onRecreated(async () => {
        recreated += 1;
      });
      await cosmos.database.container(containerSpecs.conversations.id).delete();
      db().embedded.requests.reset();

      const errors = await Promise.all(
        ['a', 'b', 'c', 'd', 'e'].map((key) => rejection(write(store, key))),
      );
      for (const error of errors) {
        expect(isVoordeurError(error, 'VD_STORE_MISSING'), String(error)).to.equal(true);
      }
      expect(db().embedded.requests.byKind()['POST colls'], 'created once').to.equal(1);
      expect(recreated).to.equal(1);

      await write(store, 'a');
      expect((await store.read('a'))?.value.state).to.deep.equal({ note: secret });
      const said = JSON.stringify(lines);
      expect(said).to.include("container 'conversations'").and.not.include(secret);
    });

    // Stores whose calls once did not name their container (a missing one stayed an SDK error).
    const writes: [
      keyof CosmosConnection['containers'],
      (c: CosmosConnection) => Promise<unknown>,
    ][] = [
      [
        'conversationReferences',
        (c) =>
          new CosmosConversationReferences(c.containers.conversationReferences, {
            ttlSeconds: 60,
          }).save('webchat/x', {
            channelId: 'webchat',
            serviceUrl: 'http://127.0.0.1:9/',
            conversation: { id: 'x' },
          }),
      ],
      [
        'staffAudit',
        (c) =>
          new CosmosAuditLog(c.containers.staffAudit, { ttlSeconds: 60 }).append({
            id: 'a1',
            at: '2026-12-03T10:00:00.000Z',
            actorId: 's1',
            actorName: 'Staff',
            action: auditActions[0],
          }),
      ],
    ];
    for (const [name, save] of writes) {
      it(`fails a write to a missing '${name}' with VD_STORE_MISSING and creates it again`, async () => {
        await cosmos.database.container(containerSpecs[name].id).delete();
        const error = await rejection(save(cosmos));
        expect(isVoordeurError(error, 'VD_STORE_MISSING'), String(error)).to.equal(true);
        await save(cosmos);
      });
    }

    it('creates the whole database again when it is gone, and a query finds it too', async () => {
      await cosmos.database.delete();
      const readiness = new CosmosReadiness(cosmos.database, {
        recovery: cosmos.recovery,
        cacheMs: 60_000,
      });
      expect(await readiness.isReady()).to.equal(false);
      expect(readiness.notReadyReason()).to.equal('store missing');
      // The probe started the recovery; once it is done the cache is dropped (no 60 s wait).
      const started = performance.now();
      while (!(await readiness.isReady())) {
        expect(performance.now() - started, 'ready again within 5 s').to.be.below(5_000);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const { resources } = await cosmos.database.containers.readAll().fetchAll();
      expect(resources.map((container) => container.id).sort()).to.deep.equal(
        Object.values(containerSpecs)
          .map((spec) => spec.id)
          .sort(),
      );
    });

    it('costs no extra request while calls succeed, nor for a document that is simply not there', async () => {
      const store = new CosmosConversationStore(cosmos.containers.conversations, {
        ttlSeconds: 60,
      });
      db().embedded.requests.reset();
      expect(await store.read('nobody')).to.equal(undefined);
      await write(store, 'x');
      expect(db().embedded.requests.byKind()).to.deep.equal({ 'GET docs': 1, 'POST docs': 1 });
    });

    it('leaves other failures as they are, after one check', async () => {
      const container = cosmos.containers.conversations;
      db().embedded.requests.reset();
      // A replace of a document that is not there: a 404 that means just that.
      const error = await rejection(
        callCosmos(
          (options) => container.item('none', 'none').replace({ id: 'none', pk: 'none' }, options),
          {},
          container,
        ),
      );
      expect(isVoordeurError(error), String(error)).to.equal(false);
      expect((error as { code?: unknown }).code).to.equal(404);
      expect(db().embedded.requests.byKind()).to.deep.equal({ 'PUT docs': 1, 'GET colls': 1 });
    });
  });

  describe('without permission to create (managed identity)', () => {
    let cosmos: CosmosConnection;
    let lines: ReturnType<typeof capturingLogger>['lines'];

    beforeEach(async () => {
      const logger = capturingLogger();
      lines = logger.lines;
      const { embedded, databaseId } = db();
      embedded.requests.reset();
      // The embedded server needs a key; `createMissing: false` makes it behave as managed identity.
      cosmos = await connectCosmos(
        {
          kind: 'azure',
          endpoint: embedded.endpoint,
          key: embedded.key,
          database: databaseId,
          createMissing: false,
        },
        logger.log,
      );
      expect(creations(embedded.requests.byKind()), 'nothing created at start').to.equal(0);
    });
    afterEach(() => cosmos.close());

    it('reports plainly, once, what infra must create; creates nothing; recovers by itself once it is there', async () => {
      const store = new CosmosConversationStore(cosmos.containers.conversations, {
        ttlSeconds: 60,
      });
      const readiness = new CosmosReadiness(cosmos.database, {
        recovery: cosmos.recovery,
        cacheMs: 0,
      });
      await db().cosmos.database.container(containerSpecs.conversations.id).delete();
      db().embedded.requests.reset();

      for (const key of ['a', 'b']) {
        const error = await rejection(write(store, key));
        expect(isVoordeurError(error, 'VD_STORE_MISSING'), String(error)).to.equal(true);
      }
      expect(await readiness.isReady()).to.equal(false);
      expect(readiness.notReadyReason()).to.equal('store missing');
      expect(creations(db().embedded.requests.byKind()), 'no creation attempt').to.equal(0);

      const reports = lines.filter((line) => line.level === 50 && line.cosmos === 'missing');
      expect(reports, 'reported once, not per failed call').to.have.length(1);
      expect(reports[0]?.msg)
        .to.include("container 'conversations'")
        .and.include('infra')
        .and.include('managed identity');
      expect(JSON.stringify(lines)).not.to.include(secret);

      // Infra creates it (here: the key connection); Voordeur notices by itself.
      const spec = containerSpecs.conversations;
      await db().cosmos.database.containers.createIfNotExists({
        id: spec.id,
        partitionKey: { paths: [spec.partitionKeyPath] },
        defaultTtl: spec.defaultTtl,
      });
      expect(await readiness.isReady()).to.equal(true);
      await write(store, 'a');
      expect(lines.some((line) => line.level === 30 && line.cosmos === 'present')).to.equal(true);
    });
  });

  it('refuses to start without permission to create when a container is missing, naming it, creating nothing', async () => {
    const { embedded, databaseId, cosmos } = db();
    await cosmos.database.container(containerSpecs.callbacks.id).delete();
    embedded.requests.reset();
    const error = await rejection(
      connectCosmos(
        {
          kind: 'azure',
          endpoint: embedded.endpoint,
          key: embedded.key,
          database: databaseId,
          createMissing: false,
        },
        pino({ level: 'silent' }),
      ),
    );
    expect(String(error)).to.include("container 'callbacks'").and.include('infra');
    expect(creations(embedded.requests.byKind())).to.equal(0);
  });
});

describe('telling a missing container from a missing document', () => {
  it('reads the SDK error of a 404 with sub-status 1003 as the container missing', () => {
    const gone = Object.assign(new ErrorResponse('Owner resource does not exist'), {
      code: 404,
      substatus: 1003,
    });
    const noDocument = Object.assign(new ErrorResponse(''), { code: 404 });
    expect([isOwnerMissing(gone), isDocumentMissing(gone)]).to.deep.equal([true, false]);
    expect([isOwnerMissing(noDocument), isDocumentMissing(noDocument)]).to.deep.equal([
      false,
      true,
    ]);
  });

  describe('a point read answered 404 with sub-status 1003', () => {
    // Azure Cosmos DB cannot run here and the embedded server sends no sub-status: this
    // stand-in answers every request the way the Cosmos REST API documents a missing owner
    // (status 404, header `x-ms-substatus: 1003`).
    let server: Server;
    let client: CosmosClient;

    before(async () => {
      server = createServer((_req, res) => {
        res.writeHead(404, { 'content-type': 'application/json', 'x-ms-substatus': '1003' });
        res.end(JSON.stringify({ code: 'NotFound', message: 'Owner resource does not exist' }));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      client = new CosmosClient({
        endpoint: `http://127.0.0.1:${port}`,
        key: 'any',
        connectionPolicy: { enableEndpointDiscovery: false },
      });
    });
    after(async () => {
      client.dispose();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });

    it('is not taken for a document that is not there', async () => {
      const container = client.database('voordeur').container('conversations');
      const error = await rejection(readDocument(container, 'id', 'id', {}));
      expect(isOwnerMissing(error), String(error)).to.equal(true);
    });
  });
});
