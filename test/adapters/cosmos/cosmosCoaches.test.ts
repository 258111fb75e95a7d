import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import {
  COACH_PARTITION,
  CosmosCoachDirectory,
  seedCoaches,
  type CoachDocument,
} from '../../../src/adapters/cosmos/cosmosCoaches.js';
import type { EmbeddedCosmos } from '../../../src/adapters/cosmos/embeddedCosmos.js';
import { loadCoachSeed } from '../../../src/adapters/coachSeed.js';
import type { Clock } from '../../../src/ports/clock.js';
import { coach, coachDirectoryContract } from '../../ports/coachDirectory.contract.js';
import { useTestCosmos } from './cosmosTestServer.js';

describe('CosmosCoachDirectory', () => {
  const db = useTestCosmos('coaches');
  let embedded: EmbeddedCosmos;
  let nowMs: number;
  const clock: Clock = { now: () => new Date(nowMs) };

  before(() => {
    embedded = db().embedded;
  });
  beforeEach(() => {
    nowMs = Date.parse('2031-03-04T08:00:00.000Z');
  });

  /** The directory reads the whole container, so each test gets an empty one like the real one. */
  const emptyContainer = () => db().emptyContainer('coaches');

  coachDirectoryContract('CosmosCoachDirectory on the embedded Cosmos server', async (coaches) => {
    const container = await emptyContainer();
    await seedCoaches(container, coaches);
    return {
      directory: new CosmosCoachDirectory(container, { clock }),
      cleanup: async () => {
        await container.delete();
      },
    };
  });

  describe('cache', () => {
    it('answers every list and get within 60 s from one query', async () => {
      const container = await emptyContainer();
      await seedCoaches(container, [coach('elke'), coach('samir')]);
      const directory = new CosmosCoachDirectory(container, { clock });
      embedded.requests.reset();
      await Promise.all([directory.list(), directory.get('elke'), directory.list()]);
      nowMs += 59_000;
      await directory.get('samir');
      await directory.get('nobody');
      // One query, plus the query plan @azure/cosmos fetches beside it.
      expect(embedded.requests.byKind()).to.deep.equal({ 'QUERY docs': 1, 'POST docs': 1 });
    });

    it('sees a changed seed after 60 s, or at once after refresh()', async () => {
      const container = await emptyContainer();
      await seedCoaches(container, [coach('elke')]);
      const directory = new CosmosCoachDirectory(container, { clock });
      expect((await directory.list()).map((c) => c.id)).to.deep.equal(['elke']);

      await seedCoaches(container, [coach('elke'), coach('joyce')]);
      expect((await directory.list()).map((c) => c.id)).to.deep.equal(['elke']);
      nowMs += 60_001;
      expect((await directory.list()).map((c) => c.id)).to.deep.equal(['elke', 'joyce']);

      await seedCoaches(container, [coach('elke', { caseload: 12 }), coach('joyce')]);
      expect((await directory.refresh()).find((c) => c.id === 'elke')?.caseload).to.equal(12);
    });

    it('does not remember a failed read', async () => {
      const { database } = db().cosmos;
      const container = database.container(`coaches-later-${randomUUID()}`);
      const directory = new CosmosCoachDirectory(container, { clock, retry: { attempts: 1 } });
      const error = await directory.list().catch((e: unknown) => e);
      expect(error).to.be.instanceOf(Error);
      await database.containers.createIfNotExists({
        id: container.id,
        partitionKey: { paths: ['/pk'] },
      });
      await seedCoaches(container, [coach('elke')]);
      expect((await directory.list()).map((c) => c.id)).to.deep.equal(['elke']);
    });
  });

  describe('seedCoaches', () => {
    it('can run at every start: the same seed twice leaves the same documents', async () => {
      const container = await emptyContainer();
      const coaches = await loadCoachSeed('infra/coaches.example.json');
      expect(await seedCoaches(container, coaches)).to.deep.equal({
        written: ['elke', 'samir', 'joyce'],
        removed: [],
      });
      await seedCoaches(container, coaches);
      const { resources } = await container.items
        .query<CoachDocument>('SELECT * FROM c WHERE c.pk = "coach"')
        .fetchAll();
      expect(resources.map((d) => d.id).sort()).to.deep.equal(['elke', 'joyce', 'samir']);
      expect(resources.every((d) => d.pk === COACH_PARTITION && !('ttl' in d))).to.equal(true);
      const directory = new CosmosCoachDirectory(container, { clock });
      expect(await directory.get('samir')).to.deep.equal(coaches.find((c) => c.id === 'samir'));
    });

    it('removes coaches who are no longer in the seed, unless told to keep them', async () => {
      const container = await emptyContainer();
      await seedCoaches(container, [coach('elke'), coach('samir'), coach('joyce')]);
      expect(await seedCoaches(container, [coach('joyce')], { removeOthers: false })).to.deep.equal(
        { written: ['joyce'], removed: [] },
      );
      const result = await seedCoaches(container, [coach('joyce')]);
      expect(result.removed.sort()).to.deep.equal(['elke', 'samir']);
      const ids = (await new CosmosCoachDirectory(container, { clock }).list()).map((c) => c.id);
      expect(ids).to.deep.equal(['joyce']);
    });

    it('refuses a seed with one id twice', async () => {
      const container = await emptyContainer();
      const error = await seedCoaches(container, [coach('elke'), coach('elke')]).catch(
        (e: unknown) => e,
      );
      expect(error).to.be.instanceOf(RangeError);
    });
  });
});
