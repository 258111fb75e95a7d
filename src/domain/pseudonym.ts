import { createHash } from 'node:crypto';

/**
 * A short, stable pseudonym for an id (conversation id, user id, phone number) so logs can
 * correlate events without carrying the id itself.
 */
export function pseudonym(id: string): string {
  return createHash('sha256').update(id).digest('base64url').slice(0, 12);
}
