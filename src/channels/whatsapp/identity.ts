import { createHash, createHmac } from 'node:crypto';

/** The Bot Framework channel id of WhatsApp conversations (state key `whatsapp/<conversation id>`). */
export const WHATSAPP_CHANNEL_ID = 'whatsapp';

/**
 * The resident's id on every activity, in conversation state, in Cosmos partition keys and in
 * logs: `wa_` and 32 characters of HMAC-SHA256 over the WhatsApp id (the phone number) under a
 * secret key. Stable per number, so one number is one conversation; without the key it cannot
 * be turned back into the number, not even by trying every Dutch mobile number.
 *
 * The real number is kept only where sending needs it (the contact document, see
 * `src/ports/whatsAppStore.ts`), never in state or logs.
 */
export function residentIdOf(key: string, waId: string): string {
  const digest = createHmac('sha256', key).update(`wa_id:${waId}`).digest('base64url');
  return `wa_${digest.slice(0, 32)}`;
}

const residentIdPattern = /^wa_[A-Za-z0-9_-]{32}$/;

export function isResidentId(value: unknown): value is string {
  return typeof value === 'string' && residentIdPattern.test(value);
}

/**
 * A Cosmos document id for a WhatsApp message id. Message ids (`wamid.HBgL…=`) are base64 and
 * may contain '/', which Cosmos forbids in ids; a hash is deterministic, so a second delivery
 * of one message still collides with the first (409).
 */
export function messageDocumentId(messageId: string): string {
  return `m_${createHash('sha256').update(messageId).digest('base64url')}`;
}
