import type { Container } from '@azure/cosmos';
import type { OutboxJob, OutboxMonitor } from '../../ports/outbox.js';
import { queryAll } from './cosmosOps.js';
import {
  CosmosLeasedWorkQueue,
  type CosmosLeasedWorkQueueOptions,
} from './cosmosLeasedWorkQueue.js';

/**
 * The booking outbox in Cosmos DB (container `outbox`, `pk` = booking id): the generic leased
 * queue, except that a pending job is only stale once it is *due* — a reminder queued for the
 * day before, or a calendar write waiting out its back-off, is nobody's work until then.
 */
export class CosmosOutbox extends CosmosLeasedWorkQueue<OutboxJob> implements OutboxMonitor {
  constructor(
    private readonly jobs: Container,
    private readonly opts: CosmosLeasedWorkQueueOptions = {},
  ) {
    super(jobs, opts);
  }

  override async stale(pendingBefore: number, now: number): Promise<string[]> {
    const rows = await queryAll<{ pk: string }>(
      this.jobs,
      "SELECT c.pk FROM c WHERE (c.state = 'pending' AND c.dueAt < @before) OR (c.state = 'claimed' AND c.claimedUntil < @now)",
      [
        { name: '@before', value: pendingBefore },
        { name: '@now', value: now },
      ],
      undefined,
      { retry: this.opts.retry, timeoutMs: this.opts.timeoutMs },
    );
    return [...new Set(rows.map((row) => row.pk))];
  }

  /**
   * Jobs staff should look at: failed ones, and open ones that failed `minAttempts` times or
   * more (the calendar is down, or refuses): newest first, at most `limit`.
   */
  async troubled(minAttempts: number, limit: number): Promise<OutboxJob[]> {
    const rows = await queryAll<OutboxJob>(
      this.jobs,
      "SELECT * FROM c WHERE c.state = 'failed' OR (c.state != 'handled' AND c.attempts >= @min)",
      [{ name: '@min', value: minAttempts }],
      undefined,
      { retry: this.opts.retry, timeoutMs: this.opts.timeoutMs },
    );
    return rows
      .sort((a, b) => b.receivedAt - a.receivedAt)
      .slice(0, limit)
      .map(
        ({
          id,
          pk,
          kind,
          coachId,
          state,
          attempts,
          dueAt,
          receivedAt,
          outcome,
          lastError,
          notice,
          bookingCreatedAt,
          residentKey,
        }) => ({
          id,
          pk,
          kind,
          coachId,
          state,
          attempts,
          dueAt,
          receivedAt,
          bookingCreatedAt,
          residentKey,
          ...(outcome ? { outcome } : {}),
          ...(lastError ? { lastError } : {}),
          ...(notice ? { notice } : {}),
        }),
      );
  }
}
