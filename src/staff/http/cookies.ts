import type { IncomingMessage } from 'node:http';

/** The request's cookies by name (the first of a name wins); malformed pairs are skipped. */
export function readCookies(req: IncomingMessage): Map<string, string> {
  const cookies = new Map<string, string>();
  const header = req.headers.cookie;
  if (!header || header.length > 8_192) return cookies;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index < 1) continue;
    const name = part.slice(0, index).trim();
    const value = part.slice(index + 1).trim();
    if (!cookies.has(name) && /^[A-Za-z0-9_-]{1,200}$/.test(value)) cookies.set(name, value);
  }
  return cookies;
}

export interface CookieOptions {
  maxAgeSeconds: number;
  /** Send only over HTTPS (browsers treat http://127.0.0.1 and localhost as secure too). */
  secure: boolean;
}

/**
 * A `Set-Cookie` value: HttpOnly, SameSite=Lax, path `/`. Lax rather than Strict, because the
 * identity provider's redirect back is a cross-site navigation that must carry the login cookie;
 * every form is protected by its CSRF token as well.
 */
export function cookieHeader(name: string, value: string, options: CookieOptions): string {
  return [
    `${name}=${value}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`,
    ...(options.secure ? ['Secure'] : []),
  ].join('; ');
}
