import type { Container } from '@azure/cosmos';
import type {
  MessageStatusRecord,
  SendFailure,
  StatusReport,
  WhatsAppContact,
  WhatsAppStore,
} from '../../ports/whatsAppStore.js';
import {
  callCosmos,
  checkTtlSeconds,
  readDocument,
  withoutDocumentFields,
  type CosmosCallOptions,
} from './cosmosOps.js';
import { statusOf, type RetryOptions } from './retry.js';

/**
 * One per resident in `whatsappContacts`, id `contact`. While active: the number, the last
 * inbound time and the retention ttl, renewed by every message. After "stop": `optedOutAt` only,
 * no number, no ttl. The opt-out must outlive the conversation's retention (see
 * {@link WhatsAppContact}); it holds nothing but a keyed hash of the number and a time, and
 * "start" replaces it.
 */
interface ContactDocument extends WhatsAppContact {
  id: 'contact';
  pk: string;
  ttl?: number;
}

export interface WhatsAppCosmosContainers {
  contacts: Container;
  messages: Container;
}

export interface CosmosWhatsAppStoreOptions {
  /** Retention of contacts and statuses (`RETENTION_DAYS`). */
  ttlSeconds: number;
  retry?: RetryOptions;
  timeoutMs?: number;
}

const CONTACT_ID = 'contact';

/** Attempts of a read-change-write before a lost race is an error after all. */
const MAX_ATTEMPTS = 5;

/**
 * {@link WhatsAppStore} in Cosmos DB: contacts in `whatsappContacts`, delivery statuses and
 * send failures in `whatsappMessages`, both partitioned by the resident's pseudonym, with the
 * retention ttl.
 */
export class CosmosWhatsAppStore implements WhatsAppStore {
  private readonly ttlSeconds: number;
  private readonly call: CosmosCallOptions;

  constructor(
    private readonly containers: WhatsAppCosmosContainers,
    opts: CosmosWhatsAppStoreOptions,
  ) {
    this.ttlSeconds = checkTtlSeconds(opts.ttlSeconds);
    this.call = { retry: opts.retry, timeoutMs: opts.timeoutMs };
  }

  async contact(pk: string): Promise<WhatsAppContact | undefined> {
    const found = await readDocument<ContactDocument>(
      this.containers.contacts,
      CONTACT_ID,
      pk,
      this.call,
    );
    return found ? contactOf(found.resource) : undefined;
  }

  async updateContact(
    pk: string,
    change: (current: WhatsAppContact | undefined) => WhatsAppContact,
  ): Promise<WhatsAppContact> {
    const written = await this.readChangeWrite<ContactDocument>(
      this.containers.contacts,
      CONTACT_ID,
      pk,
      (current) => {
        const next = change(current ? contactOf(current) : undefined);
        return next.optedOutAt
          ? { id: CONTACT_ID, pk, optedOutAt: next.optedOutAt }
          : { id: CONTACT_ID, pk, ...next, ttl: this.ttlSeconds };
      },
    );
    // A contact change always writes, so `written` is there; the fallback only satisfies types.
    return contactOf(written ?? { id: CONTACT_ID, pk });
  }

  async recordStatus(input: StatusReport): Promise<void> {
    await this.readChangeWrite<MessageStatusRecord>(
      this.containers.messages,
      input.id,
      input.pk,
      (current) => {
        const codes = [...new Set([...(current?.errorCodes ?? []), ...input.errorCodes])];
        if (
          current &&
          current.statuses[input.status] === input.at &&
          codes.length === (current.errorCodes ?? []).length
        ) {
          return undefined; // a repeat of a status already recorded
        }
        return {
          id: input.id,
          pk: input.pk,
          messageId: input.messageId,
          statuses: { ...current?.statuses, [input.status]: input.at },
          ...(codes.length > 0 ? { errorCodes: codes } : {}),
          ttl: this.ttlSeconds,
        };
      },
    );
  }

  async recordFailure(input: SendFailure): Promise<void> {
    const document: MessageStatusRecord = {
      id: input.id,
      pk: input.pk,
      statuses: { failed: input.at },
      failure: input.failure,
      ...(input.failure.code !== undefined ? { errorCodes: [input.failure.code] } : {}),
      ttl: this.ttlSeconds,
    };
    await callCosmos(
      (options) => this.containers.messages.items.upsert(document, options),
      this.call,
      this.containers.messages,
    );
  }

  async messageRecord(pk: string, id: string): Promise<MessageStatusRecord | undefined> {
    const found = await readDocument<MessageStatusRecord>(
      this.containers.messages,
      id,
      pk,
      this.call,
    );
    return found ? withoutDocumentFields<MessageStatusRecord>(found.resource, []) : undefined;
  }

  /**
   * Reads the document, lets `change` make the next one (`undefined`: nothing to write), and
   * writes it guarded by the ETag read (or as a create), again from the read on a lost race.
   * Resolves to what it wrote, or to `undefined` when there was nothing to write.
   */
  private async readChangeWrite<D extends { id: string; pk: string }>(
    container: Container,
    id: string,
    pk: string,
    change: (current: D | undefined) => D | undefined,
  ): Promise<D | undefined> {
    for (let attempt = 1; ; attempt += 1) {
      const found = await readDocument<D>(container, id, pk, this.call);
      const next = change(found ? withoutDocumentFields<D>(found.resource, []) : undefined);
      if (!next) return undefined;
      try {
        await callCosmos(
          (options) =>
            found
              ? container.item(id, pk).replace(next, {
                  ...options,
                  accessCondition: { type: 'IfMatch', condition: found.etag },
                })
              : container.items.create(next, options),
          this.call,
          container,
        );
        return next;
      } catch (error) {
        const status = statusOf(error);
        const lostRace = status === 409 || status === 412 || status === 404;
        if (!lostRace || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }
}

/** The contact's own fields, without the document's `id`, `pk` and `ttl`. */
function contactOf(document: ContactDocument): WhatsAppContact {
  return {
    ...(document.waId !== undefined ? { waId: document.waId } : {}),
    ...(document.lastInboundAt !== undefined ? { lastInboundAt: document.lastInboundAt } : {}),
    ...(document.optedOutAt !== undefined ? { optedOutAt: document.optedOutAt } : {}),
  };
}
