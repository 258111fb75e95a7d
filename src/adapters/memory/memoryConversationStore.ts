import { VoordeurError } from '../../errors.js';
import type {
  ConversationRecord,
  ConversationStore,
  Versioned,
  WriteCondition,
} from '../../ports/conversationStore.js';

/**
 * {@link ConversationStore} in process memory, for dialog tests and as the benchmark's baseline.
 * It keeps the Cosmos semantics that matter to callers: etags change on every write, stale or
 * duplicate writes are `VD_STATE_CONFLICT`, and values are deep-copied in and out so a caller
 * can never change stored state without a write.
 */
export class MemoryConversationStore implements ConversationStore {
  private readonly docs = new Map<string, Versioned<ConversationRecord>>();
  private version = 0;

  async read(key: string): Promise<Versioned<ConversationRecord> | undefined> {
    const doc = this.docs.get(key);
    return doc ? structuredClone(doc) : undefined;
  }

  async write(key: string, value: ConversationRecord, condition: WriteCondition): Promise<string> {
    const current = this.docs.get(key);
    if ('ifMatch' in condition ? current?.etag !== condition.ifMatch : current !== undefined) {
      throw new VoordeurError(
        'VD_STATE_CONFLICT',
        'ifMatch' in condition ? 'stale etag' : 'document already exists',
      );
    }
    this.version += 1;
    const etag = `"mem-${this.version}"`;
    this.docs.set(key, { value: structuredClone(value), etag });
    return etag;
  }

  async delete(key: string): Promise<void> {
    this.docs.delete(key);
  }

  /** Number of stored conversations (for tests and the benchmark). */
  get size(): number {
    return this.docs.size;
  }
}
