import type { ConversationReview, ReviewStatus } from '../domain/conversationReview.js';

/** Which conversations the team is looking at: one week, optionally narrowed. */
export interface ReviewFilter {
  week: string;
  status?: ReviewStatus;
  coachId?: string;
  channel?: string;
  language?: string;
}

export interface ReviewPage {
  reviews: ConversationReview[];
  /** Opaque cursor of the next page; absent on the last page. */
  next?: string;
}

/** One change of {@link ConversationReviewStore.updateMany}. */
export interface ReviewChange {
  id: string;
  change: (current: ConversationReview | undefined) => ConversationReview | undefined;
  expectNew?: boolean;
}

export interface ReviewChangeResult {
  review: ConversationReview | undefined;
  created: boolean;
}

/**
 * Conversation summaries for review, one document per conversation, kept for the retention
 * period. Written by the recorder at the edges of the bot; read by the team's pages.
 *
 * Errors: an unknown or forged cursor throws `VoordeurError('VD_BAD_REQUEST')`.
 */
export interface ConversationReviewStore {
  get(id: string): Promise<ConversationReview | undefined>;
  /**
   * Stores a review that is expected to be new, without reading first (one request on a
   * conversation's first message). `false` when one already exists: then use `update`.
   */
  createIfNew(review: ConversationReview): Promise<boolean>;
  /**
   * Creates or changes the review `id`. `change` gets the stored review (or `undefined`) and
   * returns the new one, or `undefined` to leave it as it is. Guarded by the document's ETag,
   * and run again on the fresh document when another write came first.
   */
  update(
    id: string,
    change: (current: ConversationReview | undefined) => ConversationReview | undefined,
  ): Promise<ConversationReview | undefined>;
  /**
   * Several {@link update}s at once (the recorder's gathered turns): the store may send them in
   * one request, and skips the read of a review it wrote last. `expectNew`: most likely not
   * stored yet, so it is created without a read (and changed as `update` would if it exists).
   * Each result says whether this call created the review.
   */
  updateMany(changes: readonly ReviewChange[]): Promise<ReviewChangeResult[]>;
  /** One page of the week's conversations, newest first. `now` decides `open` vs `dropped`. */
  page(
    filter: ReviewFilter,
    now: Date,
    options: { size: number; cursor?: string },
  ): Promise<ReviewPage>;
  /** Every matching conversation, newest first, read a page at a time (for exports). */
  stream(filter: ReviewFilter, now: Date): AsyncIterable<ConversationReview>;
}
