import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Counts what the embedded server was asked, so tests and the benchmark can prove cost per turn. */
export interface RequestCounter {
  /** Every HTTP request the server received since start or the last `reset()`. */
  count(): number;
  reset(): void;
  /** Requests by kind, e.g. `{ 'GET docs': 2, 'PUT docs': 1 }`; see {@link requestKind}. */
  byKind(): Record<string, number>;
}

/** An in-memory Cosmos DB endpoint inside this process (development and tests only). */
export interface EmbeddedCosmos {
  /** `http://127.0.0.1:<port>`: plain HTTP, so no certificate workarounds are needed. */
  endpoint: string;
  /** The server accepts any key; the SDK still wants one. */
  key: string;
  requests: RequestCounter;
  /** Closes the server and every open connection; afterwards the endpoint refuses connections. */
  stop(): Promise<void>;
}

type ServerModule = { createHttpServer(options?: { keepAlive?: boolean }): Server };

const qualifiedPosts: Array<[header: string, kind: string]> = [
  ['x-ms-documentdb-isquery', 'QUERY'],
  ['x-ms-documentdb-is-upsert', 'UPSERT'],
  ['x-ms-cosmos-is-batch-request', 'BATCH'],
];

/**
 * Names a request by verb and resource type: `GET docs` (point read), `POST docs` (create),
 * `PUT docs` (replace), `DELETE docs`, `UPSERT docs`, `QUERY docs`, `GET dbs`, `POST colls`, …;
 * `GET account` for the root. POSTs that Cosmos overloads by header get their own verb.
 */
export function requestKind(req: Pick<IncomingMessage, 'method' | 'url' | 'headers'>): string {
  let verb = req.method ?? 'OTHER';
  if (verb === 'POST') {
    const qualified = qualifiedPosts.find(
      ([header]) => String(req.headers[header]).toLowerCase() === 'true',
    );
    if (qualified) verb = qualified[1];
  }
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  const segments = path.split('/').filter((segment) => segment !== '');
  // Cosmos paths alternate type/id: `/dbs/{db}/colls/{coll}/docs/{doc}`.
  const type =
    segments.length === 0
      ? 'account'
      : segments[segments.length - (segments.length % 2 === 0 ? 2 : 1)];
  return `${verb} ${type ?? 'other'}`;
}

function createCounter(server: Server): RequestCounter {
  let kinds = new Map<string, number>();
  server.on('request', (req: IncomingMessage) => {
    const kind = requestKind(req);
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  });
  return {
    count: () => [...kinds.values()].reduce((sum, n) => sum + n, 0),
    reset: () => {
      kinds = new Map();
    },
    byKind: () => Object.fromEntries(kinds),
  };
}

async function loadServerModule(): Promise<ServerModule> {
  try {
    return (await import('@vercel/cosmosdb-server')) as ServerModule;
  } catch (error) {
    throw new Error(
      'No Cosmos DB configured and the embedded development server is not installed: set COSMOS_ENDPOINT ' +
        '(and COSMOS_KEY or a managed identity), or install the dev dependencies to run with in-memory storage.',
      { cause: error },
    );
  }
}

/**
 * Starts `@vercel/cosmosdb-server` in this process on a free loopback port, so development and
 * tests run the real `@azure/cosmos` SDK without an emulator or an Azure account. The package is
 * a dev dependency loaded on demand, so a production install can leave it out.
 *
 * Keep-alive is on because the SDK pools connections; without it each request pays a TCP handshake.
 */
export async function startEmbeddedCosmos(): Promise<EmbeddedCosmos> {
  const { createHttpServer } = await loadServerModule();
  const server = createHttpServer({ keepAlive: true });
  const requests = createCounter(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= new Promise<void>((resolve) => {
      server.closeAllConnections();
      // `close` reports "not running" when already closed; stopping twice is still a success.
      server.close(() => resolve());
    });
    return stopped;
  };

  return { endpoint: `http://127.0.0.1:${port}`, key: 'embedded-any-key', requests, stop };
}
