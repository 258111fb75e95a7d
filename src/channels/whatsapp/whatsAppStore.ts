import type { Container } from '@azure/cosmos';
import {
  callCosmos,
  checkTtlSeconds,
  queryAll,
  readDocument,
  type CosmosCallOptions,
} from '../../adapters/cosmos/cosmosOps.js';
import { statusOf, type RetryOptions } from '../../adapters/cosmos/retry.js';
import { messageDocumentId } from './identity.js';
import type { InboundMessage } from './wireFormat.js';

/**
 * What the WhatsApp channel keeps in Cosmos DB. Every container is partitioned by the
 * resident's pseudonym (`wa_…`), so everything about one resident is one partition.
 *
 * - `whatsappInbox`: one document per inbound message, written BEFORE Meta gets its 200. Its id
 *   comes from the message id, so a second delivery of a message is a 409. Kept
 *   {@link inboxTtlSeconds} (longer than Meta retries), but the message itself is removed as
 *   soon as it is handled.
 * - `whatsappContacts`: per resident, the WhatsApp id (phone number) needed to answer and the
 *   time of their last message (the 24-hour window), with the retention ttl
 *   renewed by every message. After "stop" it holds only the opt-out, without the number and
 *   without a ttl, see {@link ContactDocument}.
 * - `whatsappMessages`: delivery statuses of sent messages, and failures, with the retention ttl.
 */

/** Meta retries a webhook for up to 7 days; the inbox must remember a message id longer. */
export const inboxTtlSeconds = 8 * 24 * 60 * 60;

export type InboxState = 'pending' | 'claimed' | 'handled' | 'failed';

export interface InboxDocument {
  /** {@link messageDocumentId} of the message id. */
  id: string;
  /** The resident's pseudonym. */
  pk: string;
  messageId: string;
  /** Meta's timestamp of the message (seconds): the order messages are handled in. */
  timestamp: number;
  /** When it reached Voordeur (ms), and its position in that delivery: the tie-breakers. */
  receivedAt: number;
  seq: number;
  state: InboxState;
  /** Claims so far; a message that keeps failing is given up after a few. */
  attempts: number;
  claimedBy?: string;
  /** Until when (ms) the claim holds; after that another instance may take the message over. */
  claimedUntil?: number;
  handledAt?: number;
  outcome?: string;
  /** The message; removed once handled (data minimisation). */
  message?: InboundMessage;
  ttl: number;
}

/**
 * One per resident, id `contact`. While active: the number, the last inbound time and the
 * retention ttl. After "stop": `optedOutAt` only, no number, no ttl. The opt-out must outlive
 * the conversation's retention: its whole purpose is that Voordeur stays silent after it has
 * forgotten everything else, until the resident writes "start". It holds nothing but a keyed
 * hash of the number and a time, and "start" replaces it.
 */
export interface ContactDocument {
  id: 'contact';
  pk: string;
  waId?: string;
  /** The resident's last message (ms), per Meta's timestamp: the 24-hour window starts here. */
  lastInboundAt?: number;
  optedOutAt?: string;
  ttl?: number;
}

export type Contact = Omit<ContactDocument, 'id' | 'pk' | 'ttl'>;

export interface MessageStatusDocument {
  id: string;
  pk: string;
  messageId?: string;
  /** `sent`, `delivered`, `read`, `failed`, … with the time each was reported (ms). */
  statuses: Record<string, number>;
  errorCodes?: number[];
  /** Set when Voordeur itself could not send (no message id then). */
  failure?: { reason: string; status?: number; code?: number; attempts?: number };
  ttl: number;
}

export interface Versioned<T> {
  doc: T;
  etag: string;
}

export interface WhatsAppContainers {
  inbox: Container;
  contacts: Container;
  messages: Container;
}

export interface WhatsAppStoreOptions {
  /** Retention of contacts and statuses (`RETENTION_DAYS`). */
  ttlSeconds: number;
  retry?: RetryOptions;
  timeoutMs?: number;
}

const CONTACT_ID = 'contact';

/** The contact's own fields, without the document's `id`, `pk` and `ttl`. */
function contactOf(document: ContactDocument): Contact {
  return {
    ...(document.waId !== undefined ? { waId: document.waId } : {}),
    ...(document.lastInboundAt !== undefined ? { lastInboundAt: document.lastInboundAt } : {}),
    ...(document.optedOutAt !== undefined ? { optedOutAt: document.optedOutAt } : {}),
  };
}

const cosmosFields = (document: object) =>
  Object.fromEntries(Object.entries(document).filter(([key]) => !key.startsWith('_')));

export class WhatsAppStore {
  private readonly ttlSeconds: number;
  private readonly call: CosmosCallOptions;

  constructor(
    private readonly containers: WhatsAppContainers,
    opts: WhatsAppStoreOptions,
  ) {
    this.ttlSeconds = checkTtlSeconds(opts.ttlSeconds);
    this.call = { retry: opts.retry, timeoutMs: opts.timeoutMs };
  }

  // -------------------------------------------------------------------------------------------
  // Inbox

  /** Stores an inbound message as pending; `duplicate` when it was stored before. */
  async addToInbox(input: {
    pk: string;
    message: InboundMessage;
    receivedAt: number;
    seq: number;
  }): Promise<'created' | 'duplicate'> {
    const document: InboxDocument = {
      id: messageDocumentId(input.message.id),
      pk: input.pk,
      messageId: input.message.id,
      timestamp: Number(input.message.timestamp),
      receivedAt: input.receivedAt,
      seq: input.seq,
      state: 'pending',
      attempts: 0,
      message: input.message,
      ttl: inboxTtlSeconds,
    };
    try {
      await callCosmos(
        (options) => this.containers.inbox.items.create(document, options),
        this.call,
      );
      return 'created';
    } catch (error) {
      if (statusOf(error) === 409) return 'duplicate';
      throw error;
    }
  }

  /** The resident's messages not yet handled, oldest first (Meta's timestamp, then arrival). */
  async openMessages(pk: string): Promise<Versioned<InboxDocument>[]> {
    const documents = await queryAll<InboxDocument & { _etag: string }>(
      this.containers.inbox,
      "SELECT * FROM c WHERE c.pk = @pk AND (c.state = 'pending' OR c.state = 'claimed')",
      [{ name: '@pk', value: pk }],
      pk,
      this.call,
    );
    return documents
      .map((document) => ({ doc: cosmosFields(document) as InboxDocument, etag: document._etag }))
      .sort(
        (a, b) =>
          a.doc.timestamp - b.doc.timestamp ||
          a.doc.receivedAt - b.doc.receivedAt ||
          a.doc.seq - b.doc.seq,
      );
  }

  /**
   * Residents with a message nobody is handling: pending since before `pendingBefore`, or
   * claimed by an instance whose claim ran out before `now`. A cross-partition query, run by
   * the recovery sweep every few seconds, over a container that only holds a week of messages.
   */
  async residentsWithStaleMessages(pendingBefore: number, now: number): Promise<string[]> {
    const rows = await queryAll<{ pk: string }>(
      this.containers.inbox,
      "SELECT c.pk FROM c WHERE (c.state = 'pending' AND c.receivedAt < @before) OR (c.state = 'claimed' AND c.claimedUntil < @now)",
      [
        { name: '@before', value: pendingBefore },
        { name: '@now', value: now },
      ],
      undefined,
      this.call,
    );
    return [...new Set(rows.map((row) => row.pk))];
  }

  /** Replaces the document if nobody changed it since it was read; `undefined` if somebody did. */
  async replaceInbox(
    current: Versioned<InboxDocument>,
    next: InboxDocument,
  ): Promise<Versioned<InboxDocument> | undefined> {
    try {
      const response = await callCosmos(
        (options) =>
          this.containers.inbox.item(current.doc.id, current.doc.pk).replace(next, {
            ...options,
            accessCondition: { type: 'IfMatch', condition: current.etag },
          }),
        this.call,
      );
      const etag = response.etag ?? (response.resource as { _etag?: string } | undefined)?._etag;
      return typeof etag === 'string' ? { doc: next, etag } : undefined;
    } catch (error) {
      const status = statusOf(error);
      if (status === 412 || status === 404) return undefined;
      throw error;
    }
  }

  // -------------------------------------------------------------------------------------------
  // Contacts

  async contact(pk: string): Promise<Versioned<ContactDocument> | undefined> {
    const found = await readDocument<ContactDocument>(
      this.containers.contacts,
      CONTACT_ID,
      pk,
      this.call,
    );
    return found
      ? { doc: cosmosFields(found.resource) as unknown as ContactDocument, etag: found.etag }
      : undefined;
  }

  /**
   * Reads, changes and writes the contact, guarded by its ETag, again on a lost race. `change`
   * returns the new contact; an opted-out contact is written without number and without ttl.
   */
  async updateContact(
    pk: string,
    change: (current: Contact | undefined) => Contact,
  ): Promise<Contact> {
    for (let attempt = 1; ; attempt += 1) {
      const current = await this.contact(pk);
      const next = change(current ? contactOf(current.doc) : undefined);
      const document: ContactDocument = next.optedOutAt
        ? { id: CONTACT_ID, pk, optedOutAt: next.optedOutAt }
        : { id: CONTACT_ID, pk, ...next, ttl: this.ttlSeconds };
      try {
        await callCosmos(
          (options) =>
            current
              ? this.containers.contacts.item(CONTACT_ID, pk).replace(document, {
                  ...options,
                  accessCondition: { type: 'IfMatch', condition: current.etag },
                })
              : this.containers.contacts.items.create(document, options),
          this.call,
        );
        return next;
      } catch (error) {
        const status = statusOf(error);
        if ((status !== 409 && status !== 412 && status !== 404) || attempt >= 5) throw error;
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // Statuses and failures

  /**
   * Records a delivery status of a sent message. Statuses arrive late, twice and out of order
   * ("read" before "delivered"); each is kept with its own time, so replaying one changes nothing.
   */
  async recordStatus(input: {
    pk: string;
    messageId: string;
    status: string;
    at: number;
    errorCodes: number[];
  }): Promise<void> {
    const id = messageDocumentId(input.messageId);
    for (let attempt = 1; ; attempt += 1) {
      const found = await readDocument<MessageStatusDocument>(
        this.containers.messages,
        id,
        input.pk,
        this.call,
      );
      const current = found
        ? (cosmosFields(found.resource) as unknown as MessageStatusDocument)
        : undefined;
      const codes = [...new Set([...(current?.errorCodes ?? []), ...input.errorCodes])];
      const document: MessageStatusDocument = {
        id,
        pk: input.pk,
        messageId: input.messageId,
        statuses: { ...current?.statuses, [input.status]: input.at },
        ...(codes.length > 0 ? { errorCodes: codes } : {}),
        ttl: this.ttlSeconds,
      };
      if (
        current &&
        current.statuses[input.status] === input.at &&
        codes.length === (current.errorCodes ?? []).length
      ) {
        return; // a repeat of a status already recorded
      }
      try {
        await callCosmos(
          (options) =>
            found
              ? this.containers.messages.item(id, input.pk).replace(document, {
                  ...options,
                  accessCondition: { type: 'IfMatch', condition: found.etag },
                })
              : this.containers.messages.items.create(document, options),
          this.call,
        );
        return;
      } catch (error) {
        const status = statusOf(error);
        if ((status !== 409 && status !== 412 && status !== 404) || attempt >= 5) throw error;
      }
    }
  }

  /** Records that Voordeur could not send something (a permanent failure), under its own id. */
  async recordFailure(input: {
    pk: string;
    id: string;
    at: number;
    failure: NonNullable<MessageStatusDocument['failure']>;
  }): Promise<void> {
    const document: MessageStatusDocument = {
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
    );
  }

  /** A status document (tests and the team's tooling). */
  async messageRecord(pk: string, id: string): Promise<MessageStatusDocument | undefined> {
    const found = await readDocument<MessageStatusDocument>(
      this.containers.messages,
      id,
      pk,
      this.call,
    );
    return found ? (cosmosFields(found.resource) as unknown as MessageStatusDocument) : undefined;
  }

  async inboxDocument(pk: string, messageId: string): Promise<InboxDocument | undefined> {
    const found = await readDocument<InboxDocument>(
      this.containers.inbox,
      messageDocumentId(messageId),
      pk,
      this.call,
    );
    return found ? (cosmosFields(found.resource) as unknown as InboxDocument) : undefined;
  }
}
