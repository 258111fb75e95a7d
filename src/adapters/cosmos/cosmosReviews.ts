import type { Container, SqlParameter } from '@azure/cosmos';
import { droppedCutoff, type ConversationReview } from '../../domain/conversationReview.js';
import { VoordeurError } from '../../errors.js';
import type {
  ConversationReviewStore,
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
/** Longest cursor accepted: Cosmos continuation tokens are a few hundred characters. */
const maxCursorLength = 4_000;

/**
 * {@link ConversationReviewStore} on Cosmos DB. Each review is its own partition, so the
 * recorder's read–change–write is a point read and a conditional replace; the team's week
 * view is a query over `week`, paged with Cosmos continuation tokens.
 */
export class CosmosReviewStore implements ConversationReviewStore {
  private readonly ttlSeconds: number;
  private readonly call: CosmosCallOptions;

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
    const document: ReviewDocument = { ...review, pk: review.id, ttl: this.ttlSeconds };
    try {
      await callCosmos((options) => this.container.items.create(document, options), this.call);
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
    const { value } = await guardedUpdate<ReviewDocument>(
      this.container,
      id,
      id,
      (current) => {
        const next = change(
          current && withoutDocumentFields<ConversationReview>(current, ownFields),
        );
        return next && { ...next, id, pk: id, ttl: this.ttlSeconds };
      },
      this.call,
    );
    return value && withoutDocumentFields<ConversationReview>(value, ownFields);
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
      const { resources } = await callCosmos(() => iterator.fetchNext(), this.call);
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
