import {
  CosmosClient,
  type Container,
  type CosmosClientOptions,
  type Database,
} from '@azure/cosmos';
import {
  createSchema,
  existingSchema,
  MissingSchemaError,
  type ContainerName,
} from './cosmosSchema.js';
import { isLoopback } from '../../domain/loopback.js';
import type { Logger } from '../../log.js';
import type { EmbeddedCosmos } from './embeddedCosmos.js';
import type { RetryOptions } from './retry.js';
import { StoreRecovery } from './storeRecovery.js';

export { containerSpecs, type ContainerName } from './cosmosSchema.js';

/**
 * Which Cosmos DB to open. The composition root fills it from configuration; the adapter knows
 * nothing of the environment.
 *
 * - `azure`: an account's endpoint, with `key` for key auth or without it for managed identity
 *   (`DefaultAzureCredential`). A plain-http loopback endpoint is taken for an emulator.
 * - `embedded`: the in-process development server; data lives in memory only.
 *
 * `createMissing` says whether Voordeur creates a missing database or container (at start and
 * when one disappears while it runs). Default: yes with a key or embedded; no with managed
 * identity, whose data-plane role cannot create them (infra does).
 */
export type CosmosTarget =
  | {
      kind: 'azure';
      endpoint: string;
      key?: string | undefined;
      database: string;
      createMissing?: boolean | undefined;
    }
  | { kind: 'embedded'; database: string };

export interface CosmosConnection {
  client: CosmosClient;
  database: Database;
  containers: Record<ContainerName, Container>;
  /** Notices a database or container gone while running, and recreates or reports it. */
  recovery: StoreRecovery;
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

async function clientOptions(
  target: CosmosTarget,
  embedded: EmbeddedCosmos | undefined,
): Promise<CosmosClientOptions> {
  if (embedded) {
    return {
      endpoint: embedded.endpoint,
      key: embedded.key,
      // The embedded server advertises an https address; following it would fail.
      connectionPolicy: { ...sdkConnectionPolicy, enableEndpointDiscovery: false },
    };
  }
  if (target.kind !== 'azure') throw new Error('unreachable: an azure target expected');
  // Loaded only for a managed identity: @azure/identity and MSAL are some 300 modules.
  const auth = target.key
    ? { key: target.key }
    : { aadCredentials: new (await import('@azure/identity')).DefaultAzureCredential() };
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

/**
 * Connects to the Cosmos DB `target` names and makes sure the database and every container in
 * {@link containerSpecs} exist, so a fresh environment works on first start.
 *
 * - `azure` with `COSMOS_KEY`: key auth. Without a key: managed identity via
 *   `DefaultAzureCredential`. Data-plane RBAC cannot create databases or containers, so with
 *   managed identity they must exist already (infra creates them): they are only checked, and
 *   the error names what is missing.
 *
 * The connection's `recovery` handles a database or container that disappears later.
 * - `embedded`: the in-process development server; data lives in memory only.
 *
 * @example
 * const cosmos = await connectCosmos({ kind: 'embedded', database: 'voordeur' }, log);
 * const store = new CosmosConversationStore(cosmos.containers.conversations, { ttlSeconds });
 */
export async function connectCosmos(
  target: CosmosTarget,
  log: Logger,
  opts: { retry?: RetryOptions; httpClient?: CosmosClientOptions['httpClient'] } = {},
): Promise<CosmosConnection> {
  // Loaded only when used: the in-memory server's query engine (and the Babel it parses SQL
  // with) is a development tool, and costs start-up time and memory in production.
  const embedded =
    target.kind === 'embedded'
      ? await (await import('./embeddedCosmos.js')).startEmbeddedCosmos()
      : undefined;
  if (embedded) {
    log.warn(
      { cosmos: 'embedded', endpoint: embedded.endpoint },
      'NO COSMOS_ENDPOINT SET: using the embedded in-memory Cosmos DB server. All conversation data is kept in memory only and is LOST ON RESTART. Never run like this in production.',
    );
  }
  const client = new CosmosClient({
    ...(await clientOptions(target, embedded)),
    httpClient: opts.httpClient,
  });
  const close = async () => {
    client.dispose();
    await embedded?.stop();
  };
  const createMissing = mayCreate(target);
  try {
    const { database, containers } = createMissing
      ? await createSchema(client, target.database, log, opts.retry)
      : await existingSchema(client, target.database, log);
    const recovery = new StoreRecovery({ client, database, createMissing, log, retry: opts.retry });
    for (const container of Object.values(containers)) recovery.watch(container);
    log.info({ cosmos: target.kind, database: target.database }, 'Cosmos DB ready');
    return {
      client,
      database,
      containers,
      recovery,
      ...(embedded ? { embedded } : {}),
      close,
    };
  } catch (error) {
    await close();
    if (error instanceof MissingSchemaError) throw error;
    throw new Error(
      target.kind === 'azure' && !target.key
        ? `Could not open Cosmos database '${target.database}' with managed identity. Check the identity's data-plane role and that infra created the database and containers.`
        : `Could not open Cosmos database '${target.database}'.`,
      { cause: error },
    );
  }
}

/** Whether `target` lets Voordeur create databases and containers (see {@link CosmosTarget}). */
function mayCreate(target: CosmosTarget): boolean {
  if (target.kind === 'embedded') return true;
  return target.createMissing ?? Boolean(target.key);
}
