import { BodyError, parseJsonBody } from '../../http/bodyReader.js';
import type { Logger } from '../../log.js';
import { pseudonym } from '../../domain/pseudonym.js';
import type { Clock } from '../../ports/clock.js';
import type { LeasedWorkQueue } from '../../ports/leasedWorkQueue.js';
import {
  whatsAppInboxTtlSeconds,
  type WhatsAppInboxItem,
  type WhatsAppStore,
} from '../../ports/whatsAppStore.js';
import { MAX_TEXT_LENGTH } from '../activityLimits.js';
import { messageDocumentId } from './identity.js';
import { isValidSignature } from './signature.js';
import type { Received } from './webhook.js';
import {
  inboundMessageSchema,
  parseMessagesChange,
  statusSchema,
  webhookSchema,
  type InboundMessage,
  type StatusUpdate,
} from './wireFormat.js';

export interface ReceiveDeps {
  appSecret: string;
  phoneNumberId: string;
  inbox: LeasedWorkQueue<WhatsAppInboxItem>;
  store: WhatsAppStore;
  /** The resident's pseudonym for a WhatsApp id. */
  residentIdOf(waId: string): string;
  clock: Clock;
  log: Logger;
}

/**
 * Checks and stores one delivery: the signature over the raw bytes (401 if wrong), then each
 * message into the inbox (a duplicate id is a repeat delivery) and each status into the store.
 * Payloads it does not understand are acknowledged (200) and logged without their content, so
 * Meta does not retry them for days. Throws when the store fails, so the webhook answers 500
 * and Meta delivers again; a repeat is harmless.
 */
export async function receiveDelivery(
  deps: ReceiveDeps,
  rawBody: Buffer,
  signature: string | undefined,
): Promise<Received> {
  const { log } = deps;
  if (!isValidSignature(deps.appSecret, rawBody, signature)) {
    log.warn(
      { signature: signature === undefined ? 'missing' : 'wrong', bytes: rawBody.length },
      'WhatsApp delivery with an invalid signature refused',
    );
    return { status: 401, residents: [] };
  }
  let json: unknown;
  try {
    json = parseJsonBody(rawBody);
  } catch (error) {
    if (!(error instanceof BodyError)) throw error;
    log.warn(
      { reason: error.problem, bytes: rawBody.length },
      'WhatsApp delivery not understood; acknowledged',
    );
    return { status: 200, residents: [] };
  }
  const payload = webhookSchema.safeParse(json);
  if (!payload.success) {
    log.warn(
      { reason: 'unknownShape', issues: issuesOf(payload.error) },
      'WhatsApp delivery not understood; acknowledged',
    );
    return { status: 200, residents: [] };
  }

  const receivedAt = deps.clock.now().getTime();
  const residents = new Set<string>();
  let seq = 0;
  for (const entry of payload.data.entry) {
    for (const change of entry.changes) {
      if (change.field !== 'messages') {
        log.debug({ field: change.field.slice(0, 40) }, 'WhatsApp change ignored');
        continue;
      }
      const value = parseMessagesChange(change.value);
      if (!value.success) {
        log.warn(
          { reason: 'unknownShape', issues: issuesOf(value.error) },
          'WhatsApp change not understood; acknowledged',
        );
        continue;
      }
      if (value.data.metadata.phone_number_id !== deps.phoneNumberId) {
        log.warn(
          { reason: 'otherPhoneNumber' },
          'WhatsApp change for another phone number ignored',
        );
        continue;
      }
      for (const item of value.data.messages ?? []) {
        const message = inboundMessageSchema.safeParse(item);
        if (!message.success) {
          log.warn(
            { reason: 'unknownMessageShape', issues: issuesOf(message.error) },
            'WhatsApp message not understood; acknowledged',
          );
          continue;
        }
        const refusal = refusalOf(message.data, receivedAt);
        if (refusal) {
          // A captured delivery replayed after the inbox forgot its id would run again; a text
          // longer than every channel accepts is not read. Acknowledged, so Meta stops sending.
          log.warn(
            { reason: refusal, message: pseudonym(message.data.id), kind: message.data.type },
            'WhatsApp message refused; acknowledged',
          );
          continue;
        }
        const pk = deps.residentIdOf(message.data.from);
        await storeMessage(deps, pk, message.data, receivedAt, seq++);
        // Also on a repeat: if the first delivery's handling was lost, this picks it up.
        residents.add(pk);
      }
      for (const item of value.data.statuses ?? []) {
        const status = statusSchema.safeParse(item);
        if (!status.success) {
          log.warn(
            { reason: 'unknownStatusShape', issues: issuesOf(status.error) },
            'WhatsApp status not understood; acknowledged',
          );
          continue;
        }
        await recordStatus(deps, status.data);
      }
    }
  }
  return { status: 200, residents: [...residents] };
}

/**
 * Why a message is not handled, if it is not: older than the inbox keeps ids (so a repeat could
 * no longer be recognised as one), or a text over {@link MAX_TEXT_LENGTH}.
 */
function refusalOf(message: InboundMessage, receivedAt: number): 'tooOld' | 'tooLong' | undefined {
  const ageMs = receivedAt - Number(message.timestamp) * 1000;
  if (ageMs > whatsAppInboxTtlSeconds * 1000) return 'tooOld';
  if ((message.text?.body.length ?? 0) > MAX_TEXT_LENGTH) return 'tooLong';
  return undefined;
}

/** Adds the message to the inbox as pending; its id makes a repeat delivery a duplicate. */
async function storeMessage(
  deps: ReceiveDeps,
  pk: string,
  message: InboundMessage,
  receivedAt: number,
  seq: number,
): Promise<void> {
  const stored = await deps.inbox.add({
    id: messageDocumentId(message.id),
    pk,
    messageId: message.id,
    timestamp: Number(message.timestamp),
    receivedAt,
    seq,
    state: 'pending',
    attempts: 0,
    message,
    ttl: whatsAppInboxTtlSeconds,
  });
  deps.log.debug(
    { conversation: pseudonym(pk), message: pseudonym(message.id), kind: message.type, stored },
    stored === 'created' ? 'WhatsApp message stored' : 'WhatsApp message delivered again; ignored',
  );
}

async function recordStatus(deps: ReceiveDeps, status: StatusUpdate): Promise<void> {
  const pk = deps.residentIdOf(status.recipient_id);
  const errorCodes = (status.errors ?? []).map((error) => error.code);
  if (status.status === 'failed') {
    deps.log.warn(
      { conversation: pseudonym(pk), message: pseudonym(status.id), codes: errorCodes },
      'WhatsApp reports a message as not delivered',
    );
  }
  await deps.store.recordStatus({
    pk,
    id: messageDocumentId(status.id),
    messageId: status.id,
    status: status.status,
    at: Number(status.timestamp) * 1000,
    errorCodes,
  });
}

/** Issue codes and paths only: zod messages and values could quote the payload. */
function issuesOf(error: { issues: readonly { code: string; path: readonly PropertyKey[] }[] }) {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.code}@${issue.path.map(String).join('.')}`);
}
