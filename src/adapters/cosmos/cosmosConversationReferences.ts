import { createHash } from 'node:crypto';
import type { Container } from '@azure/cosmos';
import type {
  ConversationReferences,
  StoredConversationReference,
} from '../../ports/conversationReferences.js';
import { callCosmos, readDocument, type CosmosCallOptions } from './cosmosOps.js';

interface ReferenceDocument {
  id: string;
  pk: string;
  reference: StoredConversationReference;
  ttl: number;
}

/**
 * {@link ConversationReferences} in Cosmos DB (`pk` = conversation key; the id a hash of it,
 * since keys hold '/'), expiring with the conversation (`ttl`).
 */
export class CosmosConversationReferences implements ConversationReferences {
  private readonly call: CosmosCallOptions;

  constructor(
    private readonly container: Container,
    private readonly opts: { ttlSeconds: number } & CosmosCallOptions,
  ) {
    this.call = { retry: opts.retry, timeoutMs: opts.timeoutMs };
  }

  async save(key: string, reference: StoredConversationReference): Promise<void> {
    const document: ReferenceDocument = {
      id: idOf(key),
      pk: key,
      reference,
      ttl: this.opts.ttlSeconds,
    };
    await callCosmos(
      (options) => this.container.items.upsert(document, options),
      this.call,
      this.container,
    );
  }

  async get(key: string): Promise<StoredConversationReference | undefined> {
    const found = await readDocument<ReferenceDocument>(this.container, idOf(key), key, this.call);
    return found?.resource.reference;
  }
}

function idOf(key: string): string {
  return `r_${createHash('sha256').update(key).digest('base64url')}`;
}
