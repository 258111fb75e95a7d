import type { Container } from '@azure/cosmos';
import type { PendingLogin, StaffSession, StaffSessionStore } from '../../ports/staffSessions.js';
import { checkDocumentId } from '../canonical.js';
import {
  callCosmos,
  checkTtlSeconds,
  deleteDocument,
  readDocument,
  withoutDocumentFields,
  type CosmosCallOptions,
} from './cosmosOps.js';
import { statusOf } from './retry.js';

type SessionDocument = StaffSession & { kind: 'session'; pk: string; ttl: number };
type PendingDocument = PendingLogin & { kind: 'pending'; pk: string; ttl: number };
const ownFields = ['kind', 'pk', 'ttl'] as const;

/**
 * {@link StaffSessionStore} on Cosmos DB: each session its own partition, so every request's
 * session check is one point read. Cosmos deletes it when its ttl runs out; `expiresAt` is
 * checked as well, since ttl expiry is not instant (and the development server has none).
 */
export class CosmosStaffSessionStore implements StaffSessionStore {
  private readonly call: CosmosCallOptions;

  constructor(
    private readonly container: Container,
    opts: { timeoutMs?: number } = {},
  ) {
    this.call = { timeoutMs: opts.timeoutMs };
  }

  async create(session: StaffSession, ttlSeconds: number): Promise<void> {
    checkDocumentId(session.id);
    const document: SessionDocument = {
      ...session,
      kind: 'session',
      pk: session.id,
      ttl: checkTtlSeconds(ttlSeconds),
    };
    await callCosmos(
      (options) => this.container.items.create(document, options),
      this.call,
      this.container,
    );
  }

  async get(id: string, now: Date): Promise<StaffSession | undefined> {
    const found = await readDocument<SessionDocument>(this.container, id, id, this.call);
    if (!found || found.resource.kind !== 'session') return undefined;
    if (Date.parse(found.resource.expiresAt) <= now.getTime()) return undefined;
    return withoutDocumentFields<StaffSession>(found.resource, ownFields);
  }

  async delete(id: string): Promise<void> {
    await deleteDocument(this.container, id, id, this.call);
  }

  async putPending(login: PendingLogin, ttlSeconds: number): Promise<void> {
    checkDocumentId(login.id);
    const document: PendingDocument = {
      ...login,
      kind: 'pending',
      pk: login.id,
      ttl: checkTtlSeconds(ttlSeconds),
    };
    await callCosmos(
      (options) => this.container.items.create(document, options),
      this.call,
      this.container,
    );
  }

  async takePending(id: string, now: Date): Promise<PendingLogin | undefined> {
    const found = await readDocument<PendingDocument>(this.container, id, id, this.call);
    if (!found || found.resource.kind !== 'pending') return undefined;
    // Deleted conditionally: of two callbacks with one login, only one completes it.
    try {
      await callCosmos(
        (options) =>
          this.container.item(id, id).delete({
            ...options,
            accessCondition: { type: 'IfMatch', condition: found.etag },
          }),
        this.call,
        this.container,
      );
    } catch (error) {
      const status = statusOf(error);
      if (status === 404 || status === 412) return undefined;
      throw error;
    }
    if (Date.parse(found.resource.expiresAt) <= now.getTime()) return undefined;
    return withoutDocumentFields<PendingLogin>(found.resource, ownFields);
  }
}
