/** A stored value with the version tag the store gave it. */
export interface Versioned<T> {
  value: T;
  etag: string;
}

/** What Voordeur keeps per conversation: bot state (dialog stack, language, answers). */
export interface ConversationRecord {
  state: Record<string, unknown>;
}

/**
 * Write condition: replace only the version read (`ifMatch`), or create only when absent
 * (`ifNoneMatch: '*'`). There is deliberately no unconditional write.
 */
export type WriteCondition = { ifMatch: string } | { ifNoneMatch: '*' };

/**
 * One document per conversation, keyed (and partitioned) by the conversation key.
 * A turn costs one `read` and at most one `write`.
 *
 * Failures: a lost race (412 / 409) throws `VoordeurError('VD_STATE_CONFLICT')`; a store that
 * stays unreachable after retries throws `VoordeurError('VD_STORE_UNAVAILABLE')`.
 *
 * @example
 * const current = await store.read(key);
 * const etag = await store.write(key, next, current ? { ifMatch: current.etag } : { ifNoneMatch: '*' });
 */
export interface ConversationStore {
  /** One point read; `undefined` when there is no document. */
  read(key: string): Promise<Versioned<ConversationRecord> | undefined>;
  /** Conditional write; returns the new etag. */
  write(key: string, value: ConversationRecord, condition: WriteCondition): Promise<string>;
  /** Removes the document; removing a missing one is not an error. */
  delete(key: string): Promise<void>;
}
