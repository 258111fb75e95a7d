import {
  CosmosClient,
  type Container,
  type CosmosClientOptions,
  type Database,
} from '@azure/cosmos';
import { DefaultAzureCredential } from '@azure/identity';
import { isLoopback } from '../../domain/loopback.js';
import type { Logger } from '../../log.js';
import { startEmbeddedCosmos, type EmbeddedCosmos } from './embeddedCosmos.js';
import { withRetry, type RetryOptions } from './retry.js';

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
  /** Append-only audit log of staff actions: `pk` = month (`2026-12`). */
  staffAudit: { id: 'staffAudit', partitionKeyPath: '/pk', defaultTtl: -1 },
} as const satisfies Record<string, { id: string; partitionKeyPath: string; defaultTtl?: number }>;

export type ContainerName = keyof typeof containerSpecs;

/**
 * Which Cosmos DB to open. The composition root fills it from configuration; the adapter knows
 * nothing of the environment.
 *
 * - `azure`: an account's endpoint, with `key` for key auth or without it for managed identity
 *   (`DefaultAzureCredential`). A plain-http loopback endpoint is taken for an emulator.
 * - `embedded`: the in-process development server; data lives in memory only.
 */
export type CosmosTarget =
  | { kind: 'azure'; endpoint: string; key?: string | undefined; database: string }
  | { kind: 'embedded'; database: string };

export interface CosmosConnection {
  client: CosmosClient;
  database: Database;
  containers: Record<ContainerName, Container>;
  /** Present when running on the in-process development server. */
  embedded?: EmbeddedCosmos;
  /** Stops the SDK's background work and, if embedded, the server. */
  close(): Promise<void>;
}

/**
 * The SDK retries 429s itself, honouring the server's Retry-After. Keep that short: a chat turn
 * has seconds, not the SDK's default 30 s, and `withRetry` adds a bounded second layer.
 */
const sdkConnectionPolicy = {
  retryOptions: { maxRetryAttemptCount: 3, maxWaitTimeInSeconds: 2 },
  // Point operations take milliseconds; the 60 s default would outlast the channel's patience.
  requestTimeout: 5_000,
} as const;

function clientOptions(
  target: CosmosTarget,
  embedded: EmbeddedCosmos | undefined,
): CosmosClientOptions {
  if (embedded) {
    return {
      endpoint: embedded.endpoint,
      key: embedded.key,
      // The embedded server advertises an https address; following it would fail.
      connectionPolicy: { ...sdkConnectionPolicy, enableEndpointDiscovery: false },
    };
  }
  if (target.kind !== 'azure') throw new Error('unreachable: an azure target expected');
  const auth = target.key ? { key: target.key } : { aadCredentials: new DefaultAzureCredential() };
  // A plain-HTTP loopback endpoint is an emulator (e.g. the benchmark's Cosmos process): like the
  // embedded server it advertises an address it does not serve, so don't follow it.
  const emulator = isLoopbackHttp(target.endpoint);
  return {
    endpoint: target.endpoint,
    ...auth,
    connectionPolicy: {
      ...sdkConnectionPolicy,
      ...(emulator ? { enableEndpointDiscovery: false } : {}),
    },
  };
}

function isLoopbackHttp(endpoint: string): boolean {
  const url = new URL(endpoint);
  return url.protocol === 'http:' && isLoopback(url.hostname);
}

async function ensureContainers(
  database: Database,
  log: Logger,
  retry: RetryOptions | undefined,
): Promise<Record<ContainerName, Container>> {
  const entries = await Promise.all(
    (Object.keys(containerSpecs) as ContainerName[]).map(async (name) => {
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
      const paths = resource?.partitionKey?.paths;
      if (paths && (paths.length !== 1 || paths[0] !== spec.partitionKeyPath)) {
        throw new Error(
          `Cosmos container '${spec.id}' is partitioned on ${paths.join(',')}, expected ${spec.partitionKeyPath}`,
        );
      }
      if (resource && resource.defaultTtl !== spec.defaultTtl) {
        // An existing container keeps its settings; without TTL on, retention is not enforced.
        log.warn(
          {
            container: spec.id,
            defaultTtl: resource.defaultTtl ?? null,
            expected: spec.defaultTtl,
          },
          'Cosmos container TTL setting differs from the expected one; per-document retention may not apply',
        );
      }
      return [name, container] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<ContainerName, Container>;
}

/**
 * Connects to the Cosmos DB `target` names and makes sure the database and every container in
 * {@link containerSpecs} exist, so a fresh environment works on first start.
 *
 * - `azure` with `COSMOS_KEY`: key auth. Without a key: managed identity via
 *   `DefaultAzureCredential`. Data-plane RBAC cannot create databases or containers, so with
 *   managed identity they must exist already (infra creates them); the error says so.
 * - `embedded`: the in-process development server; data lives in memory only.
 *
 * @example
 * const cosmos = await connectCosmos({ kind: 'embedded', database: 'voordeur' }, log);
 * const store = new CosmosConversationStore(cosmos.containers.conversations, { ttlSeconds });
 */
export async function connectCosmos(
  target: CosmosTarget,
  log: Logger,
  opts: { retry?: RetryOptions } = {},
): Promise<CosmosConnection> {
  const embedded = target.kind === 'embedded' ? await startEmbeddedCosmos() : undefined;
  if (embedded) {
    log.warn(
      { cosmos: 'embedded', endpoint: embedded.endpoint },
      'NO COSMOS_ENDPOINT SET: using the embedded in-memory Cosmos DB server. All conversation data is kept in memory only and is LOST ON RESTART. Never run like this in production.',
    );
  }
  const client = new CosmosClient(clientOptions(target, embedded));
  const close = async () => {
    client.dispose();
    await embedded?.stop();
  };
  try {
    const { database } = await withRetry(
      () => client.databases.createIfNotExists({ id: target.database }),
      opts.retry,
    );
    const containers = await ensureContainers(database, log, opts.retry);
    log.info({ cosmos: target.kind, database: target.database }, 'Cosmos DB ready');
    return { client, database, containers, ...(embedded ? { embedded } : {}), close };
  } catch (error) {
    await close();
    const managedIdentity = target.kind === 'azure' && !target.key;
    throw new Error(
      managedIdentity
        ? `Could not open Cosmos database '${target.database}' with managed identity. Check the identity's data-plane role and that infra created the database and containers.`
        : `Could not open Cosmos database '${target.database}'.`,
      { cause: error },
    );
  }
}
