import type { StaffRole } from '../domain/staffRoles.js';

/** A logged-in staff member's session, kept on the server; the cookie carries only its key. */
export interface StaffSession {
  /** Hash of the cookie's secret: a copy of the database cannot be used as a cookie. */
  id: string;
  userId: string;
  name: string;
  roles: StaffRole[];
  /** Secret sent with every form (CSRF). */
  csrf: string;
  createdAt: string;
  expiresAt: string;
  /** Logged in through the local development login. */
  local: boolean;
}

/** A login under way with the identity provider: what the callback must match. */
export interface PendingLogin {
  id: string;
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
  expiresAt: string;
}

/** Sessions and logins under way, each deleted by Cosmos when its ttl runs out. */
export interface StaffSessionStore {
  create(session: StaffSession, ttlSeconds: number): Promise<void>;
  /** The session, unless it is missing or past `expiresAt` at `now`. */
  get(id: string, now: Date): Promise<StaffSession | undefined>;
  delete(id: string): Promise<void>;
  putPending(login: PendingLogin, ttlSeconds: number): Promise<void>;
  /** Reads and deletes the login under way: each can be completed once. */
  takePending(id: string, now: Date): Promise<PendingLogin | undefined>;
}
