import type { Container } from '@azure/cosmos';
import type { CallbackRequest, CallbackStore } from '../../ports/callbacks.js';
import { checkDocumentId, oldestFirst } from '../canonical.js';
import {
  callCosmos,
  queryPartition,
  storeSettings,
  withoutDocumentFields,
  type CosmosCallOptions,
  type CosmosStoreOptions,
} from './cosmosOps.js';

/** The one partition of the `callbacks` container: the team reads them all at once. */
export const CALLBACK_PARTITION = 'callback';

/** What one request looks like in the `callbacks` container. */
export type CallbackDocument = CallbackRequest & {
  pk: typeof CALLBACK_PARTITION;
  /** The retention period: the phone number goes when it does. */
  ttl: number;
};

/**
 * {@link CallbackStore} on Cosmos DB. All requests share one partition, so the team's list is a
 * single-partition query; a municipality's call-backs stay far below a partition's limits.
 *
 * `put` is an upsert, last write wins: the id comes from the turn that asked, so a second write
 * of one id is that turn retried, with the same content.
 */
export class CosmosCallbackStore implements CallbackStore {
  private readonly ttlSeconds: number;
  private readonly call: CosmosCallOptions;

  /** @param opts.ttlSeconds - retention in seconds after the request was stored. */
  constructor(
    private readonly container: Container,
    opts: CosmosStoreOptions,
  ) {
    ({ ttlSeconds: this.ttlSeconds, call: this.call } = storeSettings(opts));
  }

  async put(request: CallbackRequest): Promise<void> {
    checkDocumentId(request.id);
    const document: CallbackDocument = {
      ...request,
      pk: CALLBACK_PARTITION,
      ttl: this.ttlSeconds,
    };
    await callCosmos(
      (options) => this.container.items.upsert(document, options),
      this.call,
      this.container,
    );
  }

  async list(): Promise<CallbackRequest[]> {
    const documents = await queryPartition<CallbackDocument>(
      this.container,
      CALLBACK_PARTITION,
      this.call,
    );
    return documents
      .map((document) => withoutDocumentFields<CallbackRequest>(document, ['pk', 'ttl']))
      .sort(oldestFirst);
  }
}
