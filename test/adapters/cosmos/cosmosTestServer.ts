import { randomUUID } from 'node:crypto';
import type { Container } from '@azure/cosmos';
import { pino, type Logger } from 'pino';
import {
  connectCosmos,
  containerSpecs,
  type ContainerName,
  type CosmosConnection,
} from '../../../src/adapters/cosmos/cosmosClient.js';
import type { EmbeddedCosmos } from '../../../src/adapters/cosmos/embeddedCosmos.js';

/**
 * The real `@azure/cosmos` SDK against the in-process Cosmos server, with a database of its own
 * (a random id), as every Cosmos adapter test needs it: start, fresh containers, a second
 * instance, close.
 */
export interface TestCosmos {
  /** The connection that started the embedded server and created every container. */
  readonly cosmos: CosmosConnection;
  /** The server itself: its endpoint and its request counter. */
  readonly embedded: EmbeddedCosmos;
  /** The database's id: `vd-<name>-<uuid>`. */
  readonly databaseId: string;
  /**
   * A new, empty container shaped like `containerSpecs[like]` (partition key, ttl), for an
   * adapter that reads a whole container and must not see another test's documents.
   */
  emptyContainer(like: ContainerName): Promise<Container>;
  /**
   * Another connection to the same database over HTTP, with its own client, connections and
   * caches, as a second App Service instance would have. Closed by {@link TestCosmos.close}.
   */
  secondInstance(): Promise<CosmosConnection>;
  /** Closes every connection opened here and stops the server. */
  close(): Promise<void>;
}

const silent = pino({ level: 'silent' });

/** Starts the embedded server with a fresh database named after `name`. */
export async function startTestCosmos(
  name: string,
  opts: { log?: Logger } = {},
): Promise<TestCosmos> {
  const log = opts.log ?? silent;
  const databaseId = `vd-${name}-${randomUUID()}`;
  const cosmos = await connectCosmos({ kind: 'embedded', database: databaseId }, log);
  const { embedded } = cosmos;
  if (!embedded) {
    await cosmos.close();
    throw new Error('expected the embedded Cosmos server');
  }
  const others: CosmosConnection[] = [];
  return {
    cosmos,
    embedded,
    databaseId,
    async emptyContainer(like) {
      const spec = containerSpecs[like];
      const { container } = await cosmos.database.containers.createIfNotExists({
        id: `${spec.id}-${randomUUID()}`,
        partitionKey: { paths: [spec.partitionKeyPath] },
        defaultTtl: spec.defaultTtl,
      });
      return container;
    },
    async secondInstance() {
      const target = { endpoint: embedded.endpoint, key: embedded.key, database: databaseId };
      const other = await connectCosmos({ kind: 'azure', ...target }, log);
      others.push(other);
      return other;
    },
    async close() {
      await Promise.all(others.splice(0).map((other) => other.close()));
      await cosmos.close();
    },
  };
}

/**
 * Registers mocha hooks that start a {@link TestCosmos} before the suite (or before each test,
 * with `per: 'test'`) and close it after. Read it through the returned function inside tests
 * and hooks, once it has started.
 *
 * @example
 * const db = useTestCosmos('bookings');
 * it('…', async () => { const store = new CosmosBookingStore(db().cosmos.containers.bookings, …); });
 */
export function useTestCosmos(
  name: string,
  opts: { per?: 'suite' | 'test' } = {},
): () => TestCosmos {
  let current: TestCosmos | undefined;
  const [start, stop] = opts.per === 'test' ? [beforeEach, afterEach] : [before, after];
  start(async () => {
    current = await startTestCosmos(name);
  });
  stop(async () => {
    await current?.close();
    current = undefined;
  });
  return () => {
    if (!current) throw new Error('the test Cosmos is used outside the hooks that start it');
    return current;
  };
}
