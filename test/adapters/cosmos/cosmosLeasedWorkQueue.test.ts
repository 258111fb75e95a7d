import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { connectCosmos, type CosmosConnection } from '../../../src/adapters/cosmos/cosmosClient.js';
import { CosmosLeasedWorkQueue } from '../../../src/adapters/cosmos/cosmosLeasedWorkQueue.js';
import { createLogger } from '../../../src/log.js';
import {
  claim,
  claimedElsewhere,
  finish,
  release,
  type WorkItem,
} from '../../../src/ports/leasedWorkQueue.js';

interface Job extends WorkItem {
  payload?: string;
}

const job = (pk: string, id: string, receivedAt: number): Job => ({
  id,
  pk,
  receivedAt,
  state: 'pending',
  attempts: 0,
  payload: 'werk',
});

describe('CosmosLeasedWorkQueue (embedded Cosmos server)', () => {
  let cosmos: CosmosConnection;
  let queue: CosmosLeasedWorkQueue<Job>;

  before(async () => {
    cosmos = await connectCosmos(
      { kind: 'embedded', database: `vd-queue-${randomUUID()}` },
      createLogger('silent'),
    );
    queue = new CosmosLeasedWorkQueue<Job>(cosmos.containers.whatsappInbox);
  });
  after(() => cosmos.close());

  it('adds an item once: the same id again is a duplicate', async () => {
    const pk = `g_${randomUUID()}`;
    expect(await queue.add(job(pk, 'a', 1_000))).to.equal('created');
    expect(await queue.add({ ...job(pk, 'a', 2_000), payload: 'anders' })).to.equal('duplicate');
    expect(await queue.get(pk, 'a')).to.deep.equal(job(pk, 'a', 1_000));
  });

  it('lets one of two claims on the same read win; the other learns it lost', async () => {
    const pk = `g_${randomUUID()}`;
    await queue.add(job(pk, 'a', 1_000));
    const [read] = await queue.open(pk);
    const mine = await queue.replace(read!, claim(read!.value, 'one', 60_000));
    const theirs = await queue.replace(read!, claim(read!.value, 'two', 60_000));
    expect(mine?.value).to.include({ state: 'claimed', claimedBy: 'one', attempts: 1 });
    expect(theirs).to.equal(undefined);
    expect(claimedElsewhere(mine!.value, 'two', 59_999)).to.equal(true);
    expect(claimedElsewhere(mine!.value, 'two', 60_000), 'the lease ran out').to.equal(false);
  });

  it('lists open items only, and finds the groups nobody is working on', async () => {
    const pk = `g_${randomUUID()}`;
    const other = `g_${randomUUID()}`;
    await queue.add(job(pk, 'done', 1_000));
    await queue.add(job(pk, 'leased', 1_000));
    await queue.add(job(other, 'fresh', 9_000));
    const [done] = (await queue.open(pk)).filter((item) => item.value.id === 'done');
    await queue.replace(done!, finish(done!.value, 'handled', 'handled', 2_000));
    const [leased] = await queue.open(pk);
    const claimed = await queue.replace(leased!, claim(leased!.value, 'one', 50_000));
    expect((await queue.open(pk)).map((item) => item.value.id)).to.deep.equal(['leased']);

    const stale = async (pendingBefore: number, now: number) =>
      (await queue.stale(pendingBefore, now)).filter((g) => g === pk || g === other);
    expect(await stale(5_000, 40_000), 'leased, and fresh is within grace').to.deep.equal([]);
    expect(await stale(5_000, 50_001), 'the lease ran out').to.deep.equal([pk]);
    expect(await stale(9_001, 40_000), 'pending past the grace period').to.deep.equal([other]);

    const released = await queue.replace(claimed!, release(claimed!.value));
    expect(released?.value).to.deep.equal({ ...job(pk, 'leased', 1_000), attempts: 1 });
  });
});
