import type { WorkItem } from './leasedWorkQueue.js';

/**
 * What the WhatsApp channel keeps. Everything is keyed by the resident's pseudonym (`wa_…`,
 * `pk`), so everything about one resident is one partition:
 * - the inbox, a `LeasedWorkQueue` of {@link WhatsAppInboxItem}s: one per inbound message,
 *   written before Meta gets its 200, so handling is exactly-once across instances and crashes;
 * - per resident the {@link WhatsAppContact} (number, 24-hour window, opt-out);
 * - per sent message its delivery statuses, and Voordeur's own send failures.
 */

/** Meta retries a webhook for up to 7 days; the inbox must remember a message id longer. */
export const whatsAppInboxTtlSeconds = 8 * 24 * 60 * 60;

/** An inbound message in the inbox. Its id derives from Meta's message id: a repeat is a duplicate. */
export interface WhatsAppInboxItem extends WorkItem {
  messageId: string;
  /** Meta's timestamp of the message (seconds): the order messages are handled in. */
  timestamp: number;
  /** Position in its delivery: with `receivedAt`, the tie-breaker. */
  seq: number;
  /** The message as Meta sent it; removed once handled (data minimisation). */
  message?: unknown;
  /** Kept {@link whatsAppInboxTtlSeconds}, longer than Meta retries. */
  ttl: number;
}

/** Oldest first: Meta's timestamp, then arrival, then position in the delivery. */
export function inboxOrder(a: WhatsAppInboxItem, b: WhatsAppInboxItem): number {
  return a.timestamp - b.timestamp || a.receivedAt - b.receivedAt || a.seq - b.seq;
}

/**
 * A resident's contact. While active: the number (`waId`) and the time of their last message.
 * After "stop": `optedOutAt` only, kept without a retention ttl — its whole purpose is that
 * Voordeur stays silent after it has forgotten everything else, until the resident writes
 * "start".
 */
export interface WhatsAppContact {
  waId?: string;
  /** The resident's last message (ms), per Meta's timestamp: the 24-hour window starts here. */
  lastInboundAt?: number;
  optedOutAt?: string;
}

/** Delivery statuses of one sent message, or one failure of Voordeur's own to send. */
export interface MessageStatusRecord {
  id: string;
  pk: string;
  messageId?: string;
  /** `sent`, `delivered`, `read`, `failed`, … with the time each was reported (ms). */
  statuses: Record<string, number>;
  errorCodes?: number[];
  /** Set when Voordeur itself could not send (no message id then). */
  failure?: { reason: string; status?: number; code?: number; attempts?: number };
  /** Retention in seconds. */
  ttl: number;
}

/** A delivery status Meta reported for a sent message (`id`: its record's id). */
export interface StatusReport {
  pk: string;
  id: string;
  messageId: string;
  status: string;
  at: number;
  errorCodes: number[];
}

/** Something Voordeur could not send, under an id of its own. */
export interface SendFailure {
  pk: string;
  id: string;
  at: number;
  failure: NonNullable<MessageStatusRecord['failure']>;
}

/** Contacts and message statuses. Every write is idempotent or ETag-guarded inside. */
export interface WhatsAppStore {
  /** The resident's contact, or `undefined` before their first message. */
  contact(pk: string): Promise<WhatsAppContact | undefined>;
  /**
   * Reads, changes and writes the contact, guarded by its version, again on a lost race.
   * `change` returns the new contact; an opted-out contact is kept without number and ttl.
   */
  updateContact(
    pk: string,
    change: (current: WhatsAppContact | undefined) => WhatsAppContact,
  ): Promise<WhatsAppContact>;
  /**
   * Records a delivery status of a sent message under `id`. Statuses arrive late, twice and
   * out of order ("read" before "delivered"); each is kept with its own time, so replaying one
   * changes nothing.
   */
  recordStatus(input: StatusReport): Promise<void>;
  /** Records that Voordeur could not send something (a permanent failure), under its own id. */
  recordFailure(input: SendFailure): Promise<void>;
  /** A status record (tests and the team's tooling). */
  messageRecord(pk: string, id: string): Promise<MessageStatusRecord | undefined>;
}
