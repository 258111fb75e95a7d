import { createHmac, timingSafeEqual } from 'node:crypto';

const signaturePattern = /^sha256=([0-9a-fA-F]{64})$/;

/**
 * Checks Meta's `X-Hub-Signature-256: sha256=<hex>` header: the HMAC-SHA256 of the RAW request
 * body under the app secret. The comparison runs in constant time over two 32-byte digests, so
 * its duration says nothing about how much of a forged signature was right. A missing or
 * malformed header is simply not valid.
 *
 * The body must be the exact bytes received: Meta escapes non-ASCII characters (`\u00e9`) when
 * it signs, so a body re-serialized from parsed JSON would not match.
 */
export function isValidSignature(
  appSecret: string,
  rawBody: Uint8Array,
  header: string | undefined,
): boolean {
  const hex = header === undefined ? undefined : signaturePattern.exec(header.trim())?.[1];
  if (!hex) return false;
  const given = Buffer.from(hex, 'hex');
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** `sha256=<hex>` for a body: what Meta sends, and what tests sign their fixtures with. */
export function signatureOf(appSecret: string, rawBody: Uint8Array | string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}

/**
 * Compares two secrets (the webhook verify token) in constant time. Both sides are hashed
 * first, so the comparison always runs over equal lengths and leaks neither length.
 */
export function secretsEqual(given: string, expected: string): boolean {
  const digest = (value: string) => createHmac('sha256', 'voordeur').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
