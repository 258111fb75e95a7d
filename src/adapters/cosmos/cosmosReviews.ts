import {
  BulkOperationType,
  type Container,
  type JSONObject,
  type OperationInput,
  type SqlParameter,
} from '@azure/cosmos';
import { droppedCutoff, type ConversationReview } from '../../domain/conversationReview.js';
import { VoordeurError } from '../../errors.js';
import type {
  ConversationReviewStore,
  ReviewChange,
  ReviewChangeResult,
  ReviewFilter,
  ReviewPage,
} from '../../ports/conversationReviews.js';
import {
  callCosmos,
  checkTtlSeconds,
  readDocument,
  withoutDocumentFields,
  type CosmosCallOptions,
} from './cosmosOps.js';
import { guardedUpdate } from './guardedUpdate.js';
import { statusOf, transientReason } from './retry.js';

/** A review as stored: partitioned by its own id (the conversation's pseudonym). */
type ReviewDocument = ConversationReview & { pk: string; ttl: number };

const ownFields = ['pk', 'ttl'] as const;
/** Operations per bulk request (the SDK's limit per partition key range). */
const maxBulk = 100;
/** Reviews whose document and ETag this instance remembers (least recently written go first). */
const maxKnown = 10_000;
/** Longest cursor accepted: Cosmos continuation tokens are a few hundred characters. */
const maxCursorLength = 4_000;

/**
 * {@link ConversationReviewStore} on Cosmos DB. Each review is its own partition, so the
 * recorder's read–change–write is a point read and a conditional replace; the team's week
 * view is a query over `week`, paged with Cosmos continuation tokens.
 *
 * The store remembers the document and ETag it last wrote of each review, so the next change
 * is one conditional replace without a read; a 412 (another instance wrote) falls back to the
 * read–change–write. {@link updateMany} sends the recorder's gathered changes in one bulk request.
 */
export class CosmosReviewStore implements ConversationReviewStore {
  private readonly ttlSeconds: number;
  private readonly call: CosmosCallOptions;
  private readonly known = new Map<string, { document: ReviewDocument; etag: string }>();

  constructor(
    private readonly container: Container,
    opts: { ttlSeconds: number; timeoutMs?: number },
  ) {
    this.ttlSeconds = checkTtlSeconds(opts.ttlSeconds);
    this.call = { timeoutMs: opts.timeoutMs };
  }

  async get(id: string): Promise<ConversationReview | undefined> {
    const found = await readDocument<ReviewDocument>(this.container, id, id, this.call);
    return found && withoutDocumentFields<ConversationReview>(found.resource, ownFields);
  }

  async createIfNew(review: ConversationReview): Promise<boolean> {
    const document = this.documentOf(review.id, review);
    try {
      const { etag } = await callCosmos(
        (options) => this.container.items.create(document, options),
        this.call,
        this.container,
      );
      if (etag) this.remember(document, etag);
      return true;
    } catch (error) {
      if (statusOf(error) === 409) return false;
      throw error;
    }
  }

  async update(
    id: string,
    change: (current: ConversationReview | undefined) => ConversationReview | undefined,
  ): Promise<ConversationReview | undefined> {
    const [result] = await this.updateMany([{ id, change }]);
    return result?.review;
  }

  async updateMany(changes: readonly ReviewChange[]): Promise<ReviewChangeResult[]> {
    const results: Array<ReviewChangeResult | undefined> = changes.map(() => undefined);
    const sent: Array<{ index: number; document: ReviewDocument; created: boolean }> = [];
    const operations: OperationInput[] = [];
    for (const [index, { id, change, expectNew }] of changes.entries()) {
      const known = this.known.get(id);
      if (!known && !expectNew) continue;
      const current = known && this.reviewOf(known.document);
      const next = change(current);
      if (!next) {
        results[index] = { review: current, created: false };
        continue;
      }
      const document = this.documentOf(id, next);
      sent.push({ index, document, created: !known });
      operations.push(
        known
          ? {
              operationType: BulkOperationType.Replace,
              id,
              partitionKey: id,
              resourceBody: document as unknown as JSONObject,
              ifMatch: known.etag,
            }
          : {
              operationType: BulkOperationType.Create,
              partitionKey: id,
              resourceBody: document as unknown as JSONObject,
            },
      );
    }
    if (operations.length > 0) {
      const responses = await this.send(operations);
      for (const [i, { index, document, created }] of sent.entries()) {
        const response = responses[i];
        const etag = response?.eTag;
        if (response && response.statusCode < 300 && etag) {
          this.remember(document, etag);
          results[index] = { review: this.reviewOf(document), created };
        } else {
          // Changed or removed elsewhere (412, 404, 409), throttled: read, change, write.
          this.known.delete(document.id);
        }
      }
    }
    for (const [index, result] of results.entries()) {
      if (!result) results[index] = await this.readChangeWrite(changes[index]!);
    }
    return results as ReviewChangeResult[];
  }

  /**
   * The writes in bulk requests of at most 100 (the SDK's limit per partition range). A bulk
   * that fails as a whole leaves its writes without a response: they are then read and written
   * one by one.
   */
  private async send(
    operations: OperationInput[],
  ): Promise<Array<{ statusCode: number; eTag?: string } | undefined>> {
    if (operations.length === 1) return [await this.writeOne(operations[0]!)];
    const responses: Array<{ statusCode: number; eTag?: string } | undefined> = [];
    for (let start = 0; start < operations.length; start += maxBulk) {
      const chunk = operations.slice(start, start + maxBulk);
      try {
        responses.push(
          ...(await callCosmos(
            (options) => this.container.items.bulk(chunk, { continueOnError: true }, options),
            this.call,
            this.container,
          )),
        );
      } catch {
        responses.push(...chunk.map(() => undefined));
      }
    }
    return responses;
  }

  /** One write as a plain request (a bulk of one costs a partition-range lookup). */
  private async writeOne(
    operation: OperationInput,
  ): Promise<{ statusCode: number; eTag?: string } | undefined> {
    if (
      operation.operationType !== BulkOperationType.Replace &&
      operation.operationType !== BulkOperationType.Create
    ) {
      return undefined;
    }
    const document = operation.resourceBody as unknown as ReviewDocument;
    try {
      const response = await callCosmos(
        (options) =>
          operation.operationType === BulkOperationType.Replace
            ? this.container.item(document.id, document.id).replace(document, {
                ...options,
                accessCondition: { type: 'IfMatch', condition: operation.ifMatch ?? '' },
              })
            : this.container.items.create(document, options),
        this.call,
        this.container,
      );
      return { statusCode: response.statusCode, eTag: response.etag };
    } catch (error) {
      const status = statusOf(error);
      if (status === 412 || status === 409 || status === 404) return { statusCode: status };
      throw error;
    }
  }

  private async readChangeWrite({ id, change }: ReviewChange): Promise<ReviewChangeResult> {
    const { value, created, etag } = await guardedUpdate<ReviewDocument>(
      this.container,
      id,
      id,
      (current) => {
        const next = change(current && this.reviewOf(current));
        return next && this.documentOf(id, next);
      },
      this.call,
    );
    if (value && etag) this.remember(value, etag);
    return { review: value && this.reviewOf(value), created: created === true };
  }

  private documentOf(id: string, review: ConversationReview): ReviewDocument {
    return { ...review, id, pk: id, ttl: this.ttlSeconds };
  }

  private reviewOf(document: ReviewDocument): ConversationReview {
    return withoutDocumentFields<ConversationReview>(document, ownFields);
  }

  private remember(document: ReviewDocument, etag: string): void {
    this.known.delete(document.id);
    this.known.set(document.id, { document, etag });
    if (this.known.size > maxKnown) {
      const oldest = this.known.keys().next().value;
      if (oldest !== undefined) this.known.delete(oldest);
    }
  }

  async page(
    filter: ReviewFilter,
    now: Date,
    options: { size: number; cursor?: string },
  ): Promise<ReviewPage> {
    const continuationToken =
      options.cursor === undefined ? undefined : decodeCursor(options.cursor);
    const query = queryFor(filter, now);
    try {
      const response = await callCosmos(
        ({ abortSignal }) =>
          this.container.items
            .query<ReviewDocument>(query, {
              abortSignal,
              maxItemCount: options.size,
              ...(continuationToken ? { continuationToken } : {}),
            })
            .fetchNext(),
        this.call,
        this.container,
      );
      const reviews = response.resources.map((document) =>
        withoutDocumentFields<ConversationReview>(document, ownFields),
      );
      return response.continuationToken && response.hasMoreResults
        ? { reviews, next: Buffer.from(response.continuationToken).toString('base64url') }
        : { reviews };
    } catch (error) {
      // A cursor the store does not understand is the request's fault, not an outage.
      if (continuationToken && transientReason(error) === undefined && statusOf(error) !== 429) {
        throw new VoordeurError('VD_BAD_REQUEST', 'unknown cursor', { cause: error });
      }
      throw error;
    }
  }

  async *stream(filter: ReviewFilter, now: Date): AsyncIterable<ConversationReview> {
    const iterator = this.container.items.query<ReviewDocument>(queryFor(filter, now), {
      maxItemCount: 200,
    });
    while (iterator.hasMoreResults()) {
      const { resources } = await callCosmos(() => iterator.fetchNext(), this.call, this.container);
      for (const document of resources) {
        yield withoutDocumentFields<ConversationReview>(document, ownFields);
      }
    }
  }
}

function decodeCursor(cursor: string): string {
  if (cursor.length > maxCursorLength || !/^[A-Za-z0-9_-]+$/.test(cursor)) {
    throw new VoordeurError('VD_BAD_REQUEST', 'cursor is not a cursor');
  }
  const token = Buffer.from(cursor, 'base64url').toString('utf8');
  // Cosmos continuation tokens of these queries are JSON; anything else was not made by us.
  try {
    const parsed: unknown = JSON.parse(token);
    if (parsed !== null && typeof parsed === 'object') return token;
  } catch {
    // falls through to the refusal
  }
  throw new VoordeurError('VD_BAD_REQUEST', 'cursor is not a cursor');
}

/** The week's query with the filter's conditions, newest first. */
function queryFor(filter: ReviewFilter, now: Date): { query: string; parameters: SqlParameter[] } {
  const where = ['c.week = @week'];
  const parameters: SqlParameter[] = [{ name: '@week', value: filter.week }];
  const add = (condition: string, name: string, value: string) => {
    where.push(condition);
    parameters.push({ name, value });
  };
  switch (filter.status) {
    case undefined:
      break;
    case 'dropped':
      add('c.stored = @stored', '@stored', 'active');
      add('c.lastAt < @cutoff', '@cutoff', droppedCutoff(now));
      break;
    case 'open':
      add('c.stored = @stored', '@stored', 'active');
      add('c.lastAt >= @cutoff', '@cutoff', droppedCutoff(now));
      break;
    default:
      add('c.stored = @stored', '@stored', filter.status);
  }
  if (filter.coachId) add('c.coachId = @coach', '@coach', filter.coachId);
  if (filter.channel) add('c.channel = @channel', '@channel', filter.channel);
  if (filter.language) add('c.language = @language', '@language', filter.language);
  return {
    query: `SELECT * FROM c WHERE ${where.join(' AND ')} ORDER BY c.startedAt DESC`,
    parameters,
  };
}
