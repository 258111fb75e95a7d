import { BulkOperationType, type Container, type OperationInput } from '@azure/cosmos';
import type { FunnelEvent } from '../../domain/funnel.js';
import type { FunnelEventStore } from '../../ports/funnelEvents.js';
import { checkDocumentId } from '../canonical.js';
import {
  callCosmos,
  checkTtlSeconds,
  deleteDocument,
  queryAll,
  runBatch,
  type CosmosCallOptions,
} from './cosmosOps.js';

type FunnelDocument = FunnelEvent & { id: string; pk: string; ttl: number };
/** Operations per transactional batch (Cosmos DB's limit). */
const maxBatch = 100;

/**
 * {@link FunnelEventStore} on Cosmos DB: one small document per event in the week's partition.
 * An upsert by key makes a repeated event one event. Counting a week reads one partition.
 */
export class CosmosFunnelEventStore implements FunnelEventStore {
  private readonly ttlSeconds: number;
  private readonly call: CosmosCallOptions;

  /** @param opts.ttlSeconds - how long the anonymous counts are kept (they hold no personal data). */
  constructor(
    private readonly container: Container,
    opts: { ttlSeconds: number; timeoutMs?: number },
  ) {
    this.ttlSeconds = checkTtlSeconds(opts.ttlSeconds);
    this.call = { timeoutMs: opts.timeoutMs };
  }

  async record(key: string, event: FunnelEvent): Promise<void> {
    checkDocumentId(key);
    const document: FunnelDocument = { ...event, id: key, pk: event.week, ttl: this.ttlSeconds };
    await callCosmos(
      (options) => this.container.items.upsert(document, options),
      this.call,
      this.container,
    );
  }

  /**
   * One transactional batch per week (its partition), up to 100 events a request: upserts, so a
   * batch sent again counts nothing twice. A batch that fails is sent again event by event.
   */
  async recordMany(events: ReadonlyArray<{ key: string; event: FunnelEvent }>): Promise<void> {
    const byWeek = new Map<string, OperationInput[]>();
    for (const { key, event } of events) {
      checkDocumentId(key);
      const document: FunnelDocument = { ...event, id: key, pk: event.week, ttl: this.ttlSeconds };
      const operations = byWeek.get(event.week) ?? [];
      operations.push({
        operationType: BulkOperationType.Upsert,
        partitionKey: event.week,
        resourceBody: { ...document },
      });
      byWeek.set(event.week, operations);
    }
    for (const [week, operations] of byWeek) {
      for (let start = 0; start < operations.length; start += maxBatch) {
        const chunk = operations.slice(start, start + maxBatch);
        if (chunk.length === 1) {
          const [only] = chunk;
          if (only?.operationType === BulkOperationType.Upsert)
            await this.upsert(only.resourceBody);
          continue;
        }
        const answers = await runBatch(this.container, week, chunk, this.call);
        if (answers.length === chunk.length && answers.every((a) => a.statusCode < 300)) continue;
        for (const operation of chunk) {
          if (operation.operationType === BulkOperationType.Upsert)
            await this.upsert(operation.resourceBody);
        }
      }
    }
  }

  private async upsert(document: object): Promise<void> {
    await callCosmos(
      (options) => this.container.items.upsert(document, options),
      this.call,
      this.container,
    );
  }

  async remove(key: string, week: string): Promise<void> {
    await deleteDocument(this.container, key, week, this.call);
  }

  async forWeek(week: string): Promise<FunnelEvent[]> {
    return queryAll<FunnelEvent>(
      this.container,
      'SELECT c.stage, c.week, c.channel, c.language FROM c WHERE c.pk = @week',
      [{ name: '@week', value: week }],
      week,
      this.call,
    );
  }
}
