import type { Container, ContainerDefinition, CosmosClient, Database } from '@azure/cosmos';
import type { Logger } from '../../log.js';
import { statusOf, withRetry, type RetryOptions } from './retry.js';

/**
 * Every container Voordeur uses, in one table: add a line here (coaches, bookings, …) and
 * `connectCosmos` creates it and exposes it under `containers.<name>`.
 *
 * All partition on `/pk`, so each adapter decides what its partition is. `defaultTtl: -1`
 * switches TTL on without a container-wide expiry: documents expire by their own `ttl`.
 */
export const containerSpecs = {
  conversations: { id: 'conversations', partitionKeyPath: '/pk', defaultTtl: -1 },
  /** One partition, `pk = 'coach'`: the directory reads every coach in one query. */
  coaches: { id: 'coaches', partitionKeyPath: '/pk', defaultTtl: -1 },
  /** `pk` = coach id: the bookings of a coach, and one schedule document their times are claimed on (ETag-guarded). */
  bookings: { id: 'bookings', partitionKeyPath: '/pk', defaultTtl: -1 },
  /** The calendar Voordeur keeps itself (coaches without Outlook or CalDAV): `pk` = coach id. */
  calendarEvents: { id: 'calendarEvents', partitionKeyPath: '/pk', defaultTtl: -1 },
  /** One partition, `pk = 'callback'`: the team lists them all at once. */
  callbacks: { id: 'callbacks', partitionKeyPath: '/pk', defaultTtl: -1 },
  /** WhatsApp inbound messages, stored before Meta gets its 200: `pk` = the resident's pseudonym. */
  whatsappInbox: { id: 'whatsappInbox', partitionKeyPath: '/pk', defaultTtl: -1 },
  /** WhatsApp number, last message time and opt-out per resident: `pk` = the resident's pseudonym. */
  whatsappContacts: { id: 'whatsappContacts', partitionKeyPath: '/pk', defaultTtl: -1 },
  /** Delivery statuses and send failures of WhatsApp messages: `pk` = the resident's pseudonym. */
  whatsappMessages: { id: 'whatsappMessages', partitionKeyPath: '/pk', defaultTtl: -1 },
  /** Conversation summaries for staff review: `pk` = the conversation's pseudonym. */
  conversationReviews: { id: 'conversationReviews', partitionKeyPath: '/pk', defaultTtl: -1 },
  /** Anonymous funnel events: `pk` = ISO week (`2026-W48`). */
  funnelEvents: { id: 'funnelEvents', partitionKeyPath: '/pk', defaultTtl: -1 },
  /** Residence, outcome and note of a booked meeting: `pk` = coach id, like `bookings`. */
  meetingNotes: { id: 'meetingNotes', partitionKeyPath: '/pk', defaultTtl: -1 },
  /** The team's claims on call-back requests: one partition, `pk = 'callback'`. */
  callbackWork: { id: 'callbackWork', partitionKeyPath: '/pk', defaultTtl: -1 },
  /** Staff logins, roles and coach links: one partition, `pk = 'staff'`. */
  staffUsers: { id: 'staffUsers', partitionKeyPath: '/pk', defaultTtl: -1 },
  /** Staff sessions and logins under way: `pk` = the session's id. */
  staffSessions: { id: 'staffSessions', partitionKeyPath: '/pk', defaultTtl: -1 },
  /** The booking outbox (calendar writes, reminders, notices): `pk` = booking id. */
  outbox: { id: 'outbox', partitionKeyPath: '/pk', defaultTtl: -1 },
  /** Where a resident's conversation can be reached outside their turn: `pk` = conversation key. */
  conversationReferences: { id: 'conversationReferences', partitionKeyPath: '/pk', defaultTtl: -1 },
  /** Append-only audit log of staff actions: `pk` = month (`2026-12`). */
  staffAudit: { id: 'staffAudit', partitionKeyPath: '/pk', defaultTtl: -1 },
} as const satisfies Record<string, { id: string; partitionKeyPath: string; defaultTtl?: number }>;

export type ContainerName = keyof typeof containerSpecs;

const containerNames = Object.keys(containerSpecs) as ContainerName[];

/** What of Voordeur's schema is not there: the whole database, or some containers (their ids). */
export interface MissingParts {
  database: boolean;
  containers: string[];
}

/** Handles on the database's containers; no request is made. */
export function containersOf(database: Database): Record<ContainerName, Container> {
  return Object.fromEntries(
    containerNames.map((name) => [name, database.container(containerSpecs[name].id)]),
  ) as Record<ContainerName, Container>;
}

/**
 * The database's containers, from one request; `undefined` when the database itself is gone
 * (404). Any other failure (the store unreachable, a timeout) is thrown: that is not "missing".
 */
export async function listContainers(
  database: Database,
  opts: { timeoutMs: number },
): Promise<ContainerDefinition[] | undefined> {
  try {
    const { resources } = await database.containers
      .readAll({ abortSignal: AbortSignal.timeout(opts.timeoutMs) })
      .fetchAll();
    return resources;
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
}

/** What of {@link containerSpecs} a container list lacks; `undefined` when nothing. */
export function missingFrom(list: ContainerDefinition[] | undefined): MissingParts | undefined {
  const ids = containerNames.map((name) => containerSpecs[name].id);
  if (!list) return { database: true, containers: ids };
  const present = new Set(list.map((definition) => definition.id));
  const containers = ids.filter((id) => !present.has(id));
  return containers.length > 0 ? { database: false, containers } : undefined;
}

/** Which parts are missing (one request), `undefined` when everything is there; see {@link listContainers}. */
export async function findMissingParts(
  database: Database,
  opts: { timeoutMs: number },
): Promise<MissingParts | undefined> {
  return missingFrom(await listContainers(database, opts));
}

/**
 * Throws when an existing container is partitioned otherwise than its spec (every adapter
 * would fail); warns when its TTL setting differs (retention would not be enforced).
 */
export function checkShape(
  name: ContainerName,
  definition: ContainerDefinition | undefined,
  log: Logger,
): void {
  const spec = containerSpecs[name];
  const paths = definition?.partitionKey?.paths;
  if (paths && (paths.length !== 1 || paths[0] !== spec.partitionKeyPath)) {
    throw new Error(
      `Cosmos container '${spec.id}' is partitioned on ${paths.join(',')}, expected ${spec.partitionKeyPath}`,
    );
  }
  if (definition && definition.defaultTtl !== spec.defaultTtl) {
    // An existing container keeps its settings; without TTL on, retention is not enforced.
    log.warn(
      { container: spec.id, defaultTtl: definition.defaultTtl ?? null, expected: spec.defaultTtl },
      'Cosmos container TTL setting differs from the expected one; per-document retention may not apply',
    );
  }
}

/** "database 'voordeur'" or "containers 'a', 'b' of database 'voordeur'", for logs and errors. */
export function describeMissing(missing: MissingParts, databaseId: string): string {
  if (missing.database) return `database '${databaseId}'`;
  const list = missing.containers.map((id) => `'${id}'`).join(', ');
  return `${missing.containers.length === 1 ? 'container' : 'containers'} ${list} of database '${databaseId}'`;
}

/**
 * Creates the database and every container of {@link containerSpecs} that is not there yet
 * (each `createIfNotExists` reads first, so what exists is left alone), and checks that the
 * existing ones are shaped as expected.
 */
export async function createSchema(
  client: CosmosClient,
  databaseId: string,
  log: Logger,
  retry: RetryOptions | undefined,
): Promise<{ database: Database; containers: Record<ContainerName, Container> }> {
  const { database } = await withRetry(
    () => client.databases.createIfNotExists({ id: databaseId }),
    retry,
  );
  const entries = await Promise.all(
    containerNames.map(async (name) => {
      const spec = containerSpecs[name];
      const { container, resource } = await withRetry(
        () =>
          database.containers.createIfNotExists({
            id: spec.id,
            partitionKey: { paths: [spec.partitionKeyPath] },
            defaultTtl: spec.defaultTtl,
          }),
        retry,
      );
      checkShape(name, resource, log);
      return [name, container] as const;
    }),
  );
  return {
    database,
    containers: Object.fromEntries(entries) as Record<ContainerName, Container>,
  };
}

/**
 * Without permission to create: one request lists the containers; throws a plain
 * {@link MissingSchemaError} naming what is missing, and checks the shape of what is there.
 */
export async function existingSchema(
  client: CosmosClient,
  databaseId: string,
  log: Logger,
): Promise<{ database: Database; containers: Record<ContainerName, Container> }> {
  const database = client.database(databaseId);
  const list = await listContainers(database, { timeoutMs: 5_000 });
  const missing = missingFrom(list);
  if (missing) {
    throw new MissingSchemaError(
      `Cosmos ${describeMissing(missing, databaseId)} is missing. Voordeur does not create databases or containers without an account key (a managed identity cannot): create them with infra (infra/main.bicep) and start again.`,
    );
  }
  for (const name of containerNames) {
    checkShape(
      name,
      list?.find((definition) => definition.id === containerSpecs[name].id),
      log,
    );
  }
  return { database, containers: containersOf(database) };
}

/** The database or a container is missing and Voordeur may not create it; the message says what. */
export class MissingSchemaError extends Error {
  override name = 'MissingSchemaError';
}
