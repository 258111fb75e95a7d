import { createHash } from 'node:crypto';
import type { Container } from '@azure/cosmos';
import { VoordeurError } from '../../errors.js';
import type {
  ConversationRecord,
  ConversationStore,
  Versioned,
  WriteCondition,
} from '../../ports/conversationStore.js';
import {
  callCosmos,
  isDocumentMissing,
  deleteDocument,
  readDocument,
  storeSettings,
  type CosmosCallOptions,
  type CosmosStoreOptions,
} from './cosmosOps.js';
import { statusOf } from './retry.js';

/** What one conversation looks like in the `conversations` container. */
export interface ConversationDocument {
  id: string;
  pk: string;
  state: Record<string, unknown>;
  /** Seconds until Cosmos deletes the document: the retention policy, renewed by every write. */
  ttl: number;
}

const maxIdLength = 255;

/**
 * Turns a conversation key into a Cosmos id (also used as partition key). Cosmos forbids
 * '/', '\\', '?' and '#' in ids; `encodeURIComponent` escapes all four reversibly and never
 * emits ':'. Dots are escaped too, because an id of '.' or '..' is a dot segment that URL
 * normalisation removes from the request path. Keys that would be empty, longer than 255
 * characters, or are not valid UTF-16 become `sha256:<hex>`, which the ':' keeps apart from
 * every escaped key.
 */
export function documentId(key: string): string {
  let escaped: string | undefined;
  try {
    escaped = encodeURIComponent(key).replaceAll('.', '%2E');
  } catch {
    escaped = undefined; // lone surrogate: hash the exact UTF-16 code units instead
  }
  if (escaped && escaped.length <= maxIdLength) return escaped;
  return `sha256:${createHash('sha256').update(key, 'utf16le').digest('hex')}`;
}

/**
 * Only `state` leaves the adapter: the document's own fields (`id`, `pk`, `ttl`) and Cosmos
 * system fields (`_rid`, `_self`, `_etag`, `_attachments`, `_ts`) stay behind.
 */
function recordOf(resource: ConversationDocument): ConversationRecord {
  const { state } = resource;
  if (typeof state !== 'object' || state === null || Array.isArray(state)) {
    throw new Error('Cosmos conversation document has no state object');
  }
  return { state };
}

function conflictOrRethrow(error: unknown, replacing: boolean): never {
  const status = statusOf(error);
  // A 404 on a conditional replace means the document went away since it was read: a lost race.
  if (status === 409 || status === 412 || (replacing && isDocumentMissing(error))) {
    const detail = replacing ? 'the conversation changed or is gone' : 'the conversation exists';
    throw new VoordeurError('VD_STATE_CONFLICT', detail, { cause: error });
  }
  throw error;
}

/**
 * {@link ConversationStore} on Cosmos DB: one document per conversation, partitioned by its own
 * id, so a read is one point read and a write one conditional request (no queries, no
 * cross-partition work). Optimistic concurrency uses Cosmos ETags; every document carries
 * `ttl`, so abandoned conversations disappear after the retention period without a clean-up job.
 */
export class CosmosConversationStore implements ConversationStore {
  private readonly ttlSeconds: number;
  private readonly call: CosmosCallOptions;

  /**
   * @param opts.ttlSeconds - retention: seconds after the last write until Cosmos deletes the document.
   * @param opts.timeoutMs - deadline per attempt (default 3000). It bounds the SDK's own read
   *   retries on dropped connections, which otherwise wait up to ten seconds.
   */
  constructor(
    private readonly container: Container,
    opts: CosmosStoreOptions,
  ) {
    ({ ttlSeconds: this.ttlSeconds, call: this.call } = storeSettings(opts));
  }

  async read(key: string): Promise<Versioned<ConversationRecord> | undefined> {
    const id = documentId(key);
    const found = await readDocument<ConversationDocument>(this.container, id, id, this.call);
    return found ? { value: recordOf(found.resource), etag: found.etag } : undefined;
  }

  async write(key: string, value: ConversationRecord, condition: WriteCondition): Promise<string> {
    const id = documentId(key);
    const doc: ConversationDocument = { id, pk: id, state: value.state, ttl: this.ttlSeconds };
    const response = await callCosmos(
      async (options) => {
        try {
          return await ('ifMatch' in condition
            ? this.container.item(id, id).replace<ConversationDocument>(doc, {
                ...options,
                accessCondition: { type: 'IfMatch', condition: condition.ifMatch },
              })
            : this.container.items.create<ConversationDocument>(doc, options));
        } catch (error) {
          return conflictOrRethrow(error, 'ifMatch' in condition);
        }
      },
      this.call,
      this.container,
    );
    if (typeof response.etag !== 'string') {
      throw new Error('Cosmos accepted a write without returning an etag');
    }
    return response.etag;
  }

  async delete(key: string): Promise<void> {
    const id = documentId(key);
    await deleteDocument(this.container, id, id, this.call);
  }
}
