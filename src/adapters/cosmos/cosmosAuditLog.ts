import type { Container } from '@azure/cosmos';
import type { AuditEntry, AuditLog } from '../../ports/auditLog.js';
import { checkDocumentId } from '../canonical.js';
import {
  callCosmos,
  checkTtlSeconds,
  queryAll,
  withoutDocumentFields,
  type CosmosCallOptions,
} from './cosmosOps.js';

type AuditDocument = AuditEntry & { pk: string; ttl: number };
const ownFields = ['pk', 'ttl'] as const;

/**
 * {@link AuditLog} on Cosmos DB, filed by month (`pk` = `2026-12`). Entries are created, never
 * upserted or replaced: an id used twice is refused by the database, so nothing overwrites
 * an entry.
 */
export class CosmosAuditLog implements AuditLog {
  private readonly ttlSeconds: number;
  private readonly call: CosmosCallOptions;

  /** @param opts.ttlSeconds - the audit retention. */
  constructor(
    private readonly container: Container,
    opts: { ttlSeconds: number; timeoutMs?: number },
  ) {
    this.ttlSeconds = checkTtlSeconds(opts.ttlSeconds);
    this.call = { timeoutMs: opts.timeoutMs };
  }

  async append(entry: AuditEntry): Promise<void> {
    checkDocumentId(entry.id);
    const document: AuditDocument = { ...entry, pk: entry.at.slice(0, 7), ttl: this.ttlSeconds };
    await callCosmos(
      (options) => this.container.items.create(document, options),
      this.call,
      this.container,
    );
  }

  async list(
    month: string,
    options: { actorId?: string; limit?: number } = {},
  ): Promise<AuditEntry[]> {
    const limit = Math.max(1, Math.min(options.limit ?? 200, 1000));
    const byActor = options.actorId ? ' AND c.actorId = @actor' : '';
    const documents = await queryAll<AuditDocument>(
      this.container,
      `SELECT TOP ${limit} * FROM c WHERE c.pk = @month${byActor} ORDER BY c.at DESC`,
      [
        { name: '@month', value: month },
        ...(options.actorId ? [{ name: '@actor', value: options.actorId }] : []),
      ],
      month,
      this.call,
    );
    return documents.map((d) => withoutDocumentFields<AuditEntry>(d, ownFields));
  }
}
