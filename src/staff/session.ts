import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { StaffRole } from '../domain/staffRoles.js';
import type { Clock } from '../ports/clock.js';
import type { StaffSession, StaffSessionStore } from '../ports/staffSessions.js';
import { cookieHeader, readCookies } from './http/cookies.js';

/** The session cookie. `__Host-`: only this host, path `/`, Secure — no sub-domain can set it. */
export const SESSION_COOKIE = '__Host-vd-staff';

export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** The stored id of a cookie secret: a stolen copy of the sessions cannot be used as cookies. */
export function secretId(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

/** Compares two secrets in constant time. */
export function sameSecret(a: string | null | undefined, b: string): boolean {
  if (typeof a !== 'string') return false;
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export interface SessionOptions {
  store: StaffSessionStore;
  clock: Clock;
  /** How long a login lasts: a working day by default. */
  ttlSeconds: number;
}

/**
 * Server-side sessions behind a Secure, HttpOnly, SameSite=Lax cookie that holds only a random
 * secret. The session (who, which roles, the CSRF secret) lives in Cosmos with a ttl; logging
 * out deletes it at once.
 */
export class StaffSessions {
  constructor(private readonly opts: SessionOptions) {}

  /** Stores a new session; returns it with the `Set-Cookie` value that carries it. */
  async start(
    user: { id: string; name: string; roles: StaffRole[] },
    local: boolean,
  ): Promise<{ session: StaffSession; cookie: string }> {
    const secret = randomSecret();
    const now = this.opts.clock.now();
    const session: StaffSession = {
      id: secretId(secret),
      userId: user.id,
      name: user.name,
      roles: user.roles,
      csrf: randomSecret(),
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + this.opts.ttlSeconds * 1000).toISOString(),
      local,
    };
    await this.opts.store.create(session, this.opts.ttlSeconds);
    return {
      session,
      cookie: cookieHeader(SESSION_COOKIE, secret, {
        maxAgeSeconds: this.opts.ttlSeconds,
        secure: true,
      }),
    };
  }

  async current(req: IncomingMessage): Promise<StaffSession | undefined> {
    const secret = readCookies(req).get(SESSION_COOKIE);
    if (!secret) return undefined;
    return this.opts.store.get(secretId(secret), this.opts.clock.now());
  }

  /** Deletes the session at once; returns the `Set-Cookie` value that clears the cookie. */
  async end(req: IncomingMessage): Promise<string> {
    const secret = readCookies(req).get(SESSION_COOKIE);
    if (secret) await this.opts.store.delete(secretId(secret));
    return cookieHeader(SESSION_COOKIE, '', { maxAgeSeconds: 0, secure: true });
  }
}

/**
 * Whether a form post is really from our page: the session's CSRF secret is in the form, and
 * the browser's `Origin` (when it sends one) is this host.
 */
export function csrfOk(
  req: IncomingMessage,
  session: StaffSession,
  form: URLSearchParams,
): boolean {
  const origin = req.headers.origin;
  if (origin !== undefined) {
    let host: string;
    try {
      host = new URL(origin).host;
    } catch {
      return false;
    }
    if (host !== req.headers.host) return false;
  }
  return sameSecret(form.get('_csrf'), session.csrf);
}
