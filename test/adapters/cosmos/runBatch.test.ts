import { BulkOperationType, type Container, type OperationInput } from '@azure/cosmos';
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { runBatch } from '../../../src/adapters/cosmos/cosmosOps.js';
import type { RetryOptions } from '../../../src/adapters/cosmos/retry.js';
import { isVoordeurError } from '../../../src/errors.js';
import { batchingWith } from './batchingWith.js';
import { useTestCosmos } from './cosmosTestServer.js';

const tinyRetry: RetryOptions = { attempts: 3, baseDelayMs: 1, maxDelayMs: 5, maxTotalMs: 2_000 };

describe('a transactional batch (runBatch)', () => {
  const db = useTestCosmos('batch');
  let container: Container;
  let week: string;
  before(() => {
    container = db().cosmos.containers.funnelEvents;
  });
  beforeEach(() => {
    week = `week-${randomUUID()}`;
  });

  const upserts = (...ids: string[]): OperationInput[] =>
    ids.map((id) => ({
      operationType: BulkOperationType.Upsert,
      partitionKey: week,
      resourceBody: { id, pk: week, ttl: 60 },
    }));
  const stored = async (id: string) => (await container.item(id, week).read()).resource as unknown;

  it("sends the caller's operations again after a lost answer, not the SDK's rewrite of them", async () => {
    const operations = upserts('a', 'b');
    let lost = 1;
    const flaky = batchingWith(container, async (real, ...args) => {
      const response = await real(...args);
      if (lost-- > 0) throw new Error('Batch request error: socket hang up');
      return response;
    });
    const answers = await runBatch(flaky, week, operations, { retry: tinyRetry });
    expect(answers.map((a) => a.statusCode)).to.deep.equal([200, 200]);
    expect(operations.map((o) => o.partitionKey)).to.deep.equal([week, week]);
    expect(await stored('a')).to.include({ id: 'a', pk: week });
    expect(await stored('b')).to.include({ id: 'b', pk: week });
  });

  // Cosmos DB undoes the operations before a refused one as well; the embedded server stops at
  // the refusal without undoing them, so Voordeur puts each batch's condition first.
  it("answers each operation's status; nothing after a refused operation is written", async () => {
    const answers = await runBatch(
      container,
      week,
      [
        { operationType: BulkOperationType.Delete, id: 'missing', partitionKey: week },
        ...upserts('c'),
      ],
      {},
    );
    expect(answers.map((a) => a.statusCode)).to.deep.equal([404, 424]);
    expect(await stored('c')).to.equal(undefined);
  });

  it('tries a batch that fails as a whole again, then reports the store unavailable', async () => {
    let sent = 0;
    const gone = batchingWith(container, async () => {
      sent++;
      throw new Error('Batch request error: connect ECONNREFUSED 127.0.0.1:1');
    });
    const error = await runBatch(gone, week, upserts('d'), { retry: tinyRetry }).catch(
      (e: unknown) => e,
    );
    expect(isVoordeurError(error, 'VD_STORE_UNAVAILABLE'), String(error)).to.equal(true);
    expect(sent).to.equal(3);
  });
});
