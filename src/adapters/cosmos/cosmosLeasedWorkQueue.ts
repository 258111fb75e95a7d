import type { Container } from '@azure/cosmos';
import type { Versioned } from '../../ports/conversationStore.js';
import type { LeasedWorkQueue, WorkItem } from '../../ports/leasedWorkQueue.js';
import {
  callCosmos,
  queryAll,
  readDocument,
  withoutDocumentFields,
  type CosmosCallOptions,
} from './cosmosOps.js';
import { statusOf, type RetryOptions } from './retry.js';

export interface CosmosLeasedWorkQueueOptions {
  retry?: RetryOptions;
  timeoutMs?: number;
}

/**
 * {@link LeasedWorkQueue} in one Cosmos container partitioned by `/pk`: an item is a document
 * as given (its `ttl`, if any, included); a duplicate add is the 409 of its id; a replace is
 * guarded by the ETag read with it (412, or 404 when it expired meanwhile, is a lost race).
 */
export class CosmosLeasedWorkQueue<T extends WorkItem> implements LeasedWorkQueue<T> {
  private readonly call: CosmosCallOptions;

  constructor(
    private readonly container: Container,
    opts: CosmosLeasedWorkQueueOptions = {},
  ) {
    this.call = { retry: opts.retry, timeoutMs: opts.timeoutMs };
  }

  async add(item: T): Promise<'created' | 'duplicate'> {
    try {
      await callCosmos(
        (options) => this.container.items.create(item, options),
        this.call,
        this.container,
      );
      return 'created';
    } catch (error) {
      if (statusOf(error) === 409) return 'duplicate';
      throw error;
    }
  }

  async open(pk: string): Promise<Versioned<T>[]> {
    const documents = await queryAll<T & { _etag: string }>(
      this.container,
      "SELECT * FROM c WHERE c.pk = @pk AND (c.state = 'pending' OR c.state = 'claimed')",
      [{ name: '@pk', value: pk }],
      pk,
      this.call,
    );
    return documents.map((document) => ({
      value: withoutDocumentFields<T>(document, []),
      etag: document._etag,
    }));
  }

  /**
   * A cross-partition query, run by every instance's recovery sweep every few seconds: keep
   * the container small (a ttl on its items) so that stays cheap.
   */
  async stale(pendingBefore: number, now: number): Promise<string[]> {
    const rows = await queryAll<{ pk: string }>(
      this.container,
      "SELECT c.pk FROM c WHERE (c.state = 'pending' AND c.receivedAt < @before) OR (c.state = 'claimed' AND c.claimedUntil < @now)",
      [
        { name: '@before', value: pendingBefore },
        { name: '@now', value: now },
      ],
      undefined,
      this.call,
    );
    return [...new Set(rows.map((row) => row.pk))];
  }

  async replace(current: Versioned<T>, next: T): Promise<Versioned<T> | undefined> {
    try {
      const response = await callCosmos(
        (options) =>
          this.container.item(current.value.id, current.value.pk).replace(next, {
            ...options,
            accessCondition: { type: 'IfMatch', condition: current.etag },
          }),
        this.call,
        this.container,
      );
      const etag = response.etag ?? (response.resource as { _etag?: string } | undefined)?._etag;
      return typeof etag === 'string' ? { value: next, etag } : undefined;
    } catch (error) {
      const status = statusOf(error);
      if (status === 412 || status === 404) return undefined;
      throw error;
    }
  }

  async get(pk: string, id: string): Promise<T | undefined> {
    const found = await readDocument<T>(this.container, id, pk, this.call);
    return found ? withoutDocumentFields<T>(found.resource, []) : undefined;
  }
}
