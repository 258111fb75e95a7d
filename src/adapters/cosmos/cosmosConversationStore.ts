import { createHash } from 'node:crypto';
import {
  BulkOperationType,
  type Container,
  type JSONObject,
  type OperationInput,
  type OperationResponse,
} from '@azure/cosmos';
import { VoordeurError } from '../../errors.js';
import type {
  ConversationRecord,
  ConversationStore,
  Versioned,
  WriteCondition,
} from '../../ports/conversationStore.js';
import {
  callCosmos,
  etagOf,
  isDocumentMissing,
  deleteDocument,
  readPoint,
  storeSettings,
  type CosmosCallOptions,
  type CosmosStoreOptions,
  withCallDeadline,
} from './cosmosOps.js';
import { statusOf } from './retry.js';
import { GroupedRequests, type GroupOutcome } from './groupedRequests.js';

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
    throw stateConflict(replacing, error);
  }
  throw error;
}

function stateConflict(replacing: boolean, cause: unknown): VoordeurError {
  const detail = replacing ? 'the conversation changed or is gone' : 'the conversation exists';
  return new VoordeurError('VD_STATE_CONFLICT', detail, { cause });
}

const noEtag = 'Cosmos accepted a write without returning an etag';

/** A conversation's document as read, with its version. */
interface Found {
  resource: ConversationDocument;
  etag: string;
}

/** A conversation's document on its way to Cosmos, with the condition it is written under. */
interface PendingWrite {
  doc: ConversationDocument;
  condition: WriteCondition;
}

/**
 * One turn's operation on its conversation's document, and what came of it. Reads and writes
 * share one queue: a first turn's read travels with the other turns' writes.
 */
type Operation = { kind: 'read'; id: string } | { kind: 'write'; write: PendingWrite };
type Answer = { kind: 'read'; found: Found | undefined } | { kind: 'write'; etag: string };

/** Conversations in one bulk request at most (Cosmos DB takes up to 100 operations per request). */
const maxGroup = 50;

/**
 * {@link ConversationStore} on Cosmos DB: one document per conversation, partitioned by its own
 * id, so a read is a point read and a write one conditional operation (no queries).
 * Optimistic concurrency uses Cosmos ETags; every document carries `ttl`, so abandoned
 * conversations disappear after the retention period without a clean-up job.
 *
 * Concurrent turns share requests ({@link GroupedRequests}): a read or write with none in
 * flight is a point request; reads and writes that arrive meanwhile go together as one bulk
 * request, each operation with its own id, condition and answer (a lost race fails only its
 * own turn).
 */
export class CosmosConversationStore implements ConversationStore {
  private readonly ttlSeconds: number;
  private readonly call: CosmosCallOptions;
  /** Reads and writes of concurrent turns share a request while one is in flight. */
  private readonly operations: GroupedRequests<Operation, Answer>;

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
    this.operations = new GroupedRequests({
      one: (operation, abortSignal) => this.alone(operation, abortSignal),
      many: (operations) => this.together(operations),
      maxGroup,
    });
  }

  async read(key: string): Promise<Versioned<ConversationRecord> | undefined> {
    const { found } = await this.operate({ kind: 'read', id: documentId(key) });
    return found ? { value: recordOf(found.resource), etag: found.etag } : undefined;
  }

  async write(key: string, value: ConversationRecord, condition: WriteCondition): Promise<string> {
    const id = documentId(key);
    const doc = { id, pk: id, state: value.state, ttl: this.ttlSeconds };
    const { etag } = await this.operate({ kind: 'write', write: { doc, condition } });
    return etag;
  }

  /** One operation, shared with others in flight, under callCosmos's deadline and retries. */
  private async operate<K extends Operation['kind']>(
    operation: Extract<Operation, { kind: K }>,
  ): Promise<Extract<Answer, { kind: K }>> {
    const answer = await callCosmos(
      ({ abortSignal }) => this.operations.submit(operation, abortSignal),
      this.call,
      this.container,
    );
    if (answer.kind !== operation.kind) throw new Error(`a ${operation.kind} got a ${answer.kind}`);
    return answer as Extract<Answer, { kind: K }>;
  }

  /** One operation by itself: a point request. */
  private async alone(operation: Operation, abortSignal: AbortSignal): Promise<Answer> {
    if (operation.kind === 'read') {
      const { id } = operation;
      const found = await readPoint<ConversationDocument>(this.container, id, id, abortSignal);
      return { kind: 'read', found };
    }
    return { kind: 'write', etag: await this.writeAlone(operation.write, abortSignal) };
  }

  /**
   * Several conversations' reads and writes in one bulk request, each write with its own
   * condition. The SDK's `bulk` sends at once; its successor `executeBulkOperations` gathers
   * operations on a timer (over 100 ms each here), too slow for a chat turn.
   */
  private async together(operations: Operation[]): Promise<GroupOutcome<Answer>[]> {
    const results = await withCallDeadline(this.call, (abortSignal) =>
      this.container.items.bulk(
        operations.map(bulkOperationOf),
        { continueOnError: true },
        { abortSignal },
      ),
    );
    return operations.map((operation, i) =>
      operation.kind === 'read'
        ? readOutcome(results[i])
        : writeOutcome(operation.write, results[i]),
    );
  }

  /** One conditional point request: replace the version read, or create. */
  private async writeAlone(
    { doc, condition }: PendingWrite,
    abortSignal: AbortSignal,
  ): Promise<string> {
    let response;
    try {
      response = await ('ifMatch' in condition
        ? this.container.item(doc.id, doc.pk).replace<ConversationDocument>(doc, {
            abortSignal,
            accessCondition: { type: 'IfMatch', condition: condition.ifMatch },
          })
        : this.container.items.create<ConversationDocument>(doc, { abortSignal }));
    } catch (error) {
      return conflictOrRethrow(error, 'ifMatch' in condition);
    }
    return etagOf(response.etag, noEtag);
  }

  async delete(key: string): Promise<void> {
    const id = documentId(key);
    await deleteDocument(this.container, id, id, this.call);
  }
}

/** An operation as one entry of a bulk request. */
function bulkOperationOf(operation: Operation): OperationInput {
  if (operation.kind === 'read') {
    const { id } = operation;
    return { operationType: BulkOperationType.Read, id, partitionKey: id };
  }
  const { doc, condition } = operation.write;
  // The state is JSON: it was read from a JSON document or came out of JSON.parse.
  const resourceBody = doc as unknown as JSONObject;
  return 'ifMatch' in condition
    ? {
        operationType: BulkOperationType.Replace,
        id: doc.id,
        partitionKey: doc.pk,
        resourceBody,
        ifMatch: condition.ifMatch,
      }
    : { operationType: BulkOperationType.Create, partitionKey: doc.pk, resourceBody };
}

/** A read's entry in a bulk answer: found, missing, or `undefined` (read it by itself). */
function readOutcome(result: OperationResponse | undefined): GroupOutcome<Answer> {
  // A whole answer with this one missing: the container is there, the document is not.
  if (result?.statusCode === 404) return { ok: true, value: { kind: 'read', found: undefined } };
  const resource = result?.resourceBody as ConversationDocument | undefined;
  if (result?.statusCode !== 200 || !resource || typeof result.eTag !== 'string') {
    return undefined; // throttled or unclear: read by itself
  }
  return { ok: true, value: { kind: 'read', found: { resource, etag: result.eTag } } };
}

/** A write's entry in a bulk answer: written, a lost race, or `undefined` (write it by itself). */
function writeOutcome(
  write: PendingWrite,
  result: OperationResponse | undefined,
): GroupOutcome<Answer> {
  if (!result) return undefined;
  if (result.statusCode === 200 || result.statusCode === 201) {
    // Written: never sent again, whose condition would then fail against itself.
    return typeof result.eTag === 'string'
      ? { ok: true, value: { kind: 'write', etag: result.eTag } }
      : { ok: false, error: new Error(noEtag) };
  }
  if (result.statusCode === 409 || result.statusCode === 412) {
    return { ok: false, error: stateConflict('ifMatch' in write.condition, result) };
  }
  // Throttled, or an answer that may mean more (a 404 can be the container gone): this one
  // goes by itself, where the SDK's and callCosmos's handling applies.
  return undefined;
}
