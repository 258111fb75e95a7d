import type { Container, OperationInput, OperationResponse, SqlParameter } from '@azure/cosmos';
import { statusOf, withRetry, type RetryOptions } from './retry.js';
import { isOwnerMissing, storeMissingOr } from './storeRecovery.js';

/**
 * The few moves every Cosmos adapter makes — a call under a deadline and bounded retries, a
 * point read that treats 404 as "nothing", a query read to the end, a ttl — in one place, so the
 * adapters read as what they store. Non-transient SDK errors (400, 409, 412, …) pass through
 * untouched; each adapter maps the ones that mean something to it. The exception is a missing
 * database or container, which becomes `VD_STORE_MISSING` here (see `storeRecovery.ts`).
 */

export interface CosmosCallOptions {
  retry?: RetryOptions | undefined;
  /** Deadline per attempt (default 3000 ms): bounds the SDK's own waits on dropped connections. */
  timeoutMs?: number | undefined;
}

/** The deadline per attempt when the options name none. */
const defaultCallTimeoutMs = 3_000;

/**
 * What the constructor of a Cosmos adapter that keeps personal data takes besides its own
 * needs (a clock, a cache time, …): the retention, and how to call Cosmos.
 */
export interface CosmosStoreOptions extends CosmosCallOptions {
  /** Retention in seconds; every document the adapter writes carries a `ttl` derived from it. */
  ttlSeconds: number;
}

/**
 * Only the call options out of an adapter's constructor options, copied, so the adapter keeps
 * neither the caller's object nor the fields it has no business passing on.
 */
export function callOptionsOf(opts: CosmosCallOptions): CosmosCallOptions {
  return { retry: opts.retry, timeoutMs: opts.timeoutMs };
}

/**
 * A retaining adapter's settings in one step: the ttl checked ({@link checkTtlSeconds}) and the
 * call options ({@link callOptionsOf}). Throws `RangeError` for a ttl Cosmos would not honour.
 *
 * @example
 * const { ttlSeconds, call } = storeSettings({ ttlSeconds: 2_592_000, retry: { attempts: 3 } });
 */
export function storeSettings(opts: CosmosStoreOptions): {
  ttlSeconds: number;
  call: CosmosCallOptions;
} {
  return { ttlSeconds: checkTtlSeconds(opts.ttlSeconds), call: callOptionsOf(opts) };
}

/**
 * One SDK call under a per-attempt deadline, retried on transient failures by {@link withRetry}.
 *
 * `container` is the one the call works in (required, so no store forgets it): when the call
 * fails in a way that can mean the container or its database is gone, that is checked (one
 * metadata request, shared by concurrent failures), what is missing is created again where the
 * connection may, and the failure becomes `VoordeurError('VD_STORE_MISSING')` instead of an SDK
 * error.
 */
export async function callCosmos<T>(
  run: (options: { abortSignal: AbortSignal }) => Promise<T>,
  opts: CosmosCallOptions,
  container: Container | undefined,
): Promise<T> {
  const timeoutMs = opts.timeoutMs ?? defaultCallTimeoutMs;
  try {
    return await withRetry(
      () =>
        withCallDeadline(opts, async (abortSignal) => {
          try {
            return await run({ abortSignal });
          } catch (error) {
            if (abortSignal.aborted && statusOf(error) === undefined) {
              const timeout = new Error(`Cosmos did not answer within ${timeoutMs} ms`, {
                cause: error,
              });
              throw Object.assign(timeout, { code: 'ETIMEDOUT' });
            }
            throw error;
          }
        }),
      opts.retry,
    );
  } catch (error) {
    throw await storeMissingOr(error, container);
  }
}

/**
 * The answers to `operations`, run as one transactional batch in the partition `partitionKey`
 * under {@link callCosmos}: all land or none does, and each answer says which one refused.
 * The SDK rewrites every operation's `partitionKey` in place, so each attempt sends copies: a
 * retry sends what the caller gave, not the SDK's rewrite of it.
 */
export async function runBatch(
  container: Container,
  partitionKey: string,
  operations: readonly OperationInput[],
  opts: CosmosCallOptions,
): Promise<OperationResponse[]> {
  const { result } = await callCosmos(
    (options) =>
      container.items.batch(
        operations.map((operation) => ({ ...operation })),
        partitionKey,
        options,
      ),
    opts,
    container,
  );
  return result ?? [];
}

/**
 * Runs `run` with a signal that aborts (a `TimeoutError`, as `AbortSignal.timeout` gives) after
 * `ms`, and stops the clock as soon as `run` settles. Unlike `AbortSignal.timeout`, nothing is
 * left ticking after a request that answered in time: there is one per Cosmos request.
 */
export async function withDeadline<T>(
  ms: number,
  run: (abortSignal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DOMException(`timed out after ${ms} ms`, 'TimeoutError')),
    ms,
  );
  try {
    return await run(controller.signal);
  } finally {
    clearTimeout(timer);
  }
}

/** {@link withDeadline} with a call's deadline: its `timeoutMs`, else the default. */
export function withCallDeadline<T>(
  opts: CosmosCallOptions,
  run: (abortSignal: AbortSignal) => Promise<T>,
): Promise<T> {
  return withDeadline(opts.timeoutMs ?? defaultCallTimeoutMs, run);
}

/**
 * A 404 about the document itself, which adapters read as "not there" or "gone meanwhile". Not
 * a 404 that Cosmos DB marks as its container or database missing: that one must surface. (The
 * embedded server marks neither; a call that then fails otherwise is checked by `callCosmos`.)
 */
export function isDocumentMissing(error: unknown): boolean {
  return statusOf(error) === 404 && !isOwnerMissing(error);
}

/** A point read (one request); a missing document is `undefined`, not an error. */
export function readDocument<T extends object>(
  container: Container,
  id: string,
  partitionKey: string,
  opts: CosmosCallOptions,
): Promise<{ resource: T; etag: string } | undefined> {
  return callCosmos(
    ({ abortSignal }) => readPoint<T>(container, id, partitionKey, abortSignal),
    opts,
    container,
  );
}

/**
 * One attempt of {@link readDocument}, for callers that run their own `callCosmos`: a missing
 * document is `undefined`; a missing container or database is an error.
 */
export async function readPoint<T extends object>(
  container: Container,
  id: string,
  partitionKey: string,
  abortSignal: AbortSignal,
): Promise<{ resource: T; etag: string } | undefined> {
  let read;
  try {
    read = await container.item(id, partitionKey).read<T>({ abortSignal });
  } catch (error) {
    // SDK v4 answers a missing document with statusCode 404; older paths threw it.
    if (isDocumentMissing(error)) return undefined;
    throw error;
  }
  // The SDK turns every 404 of a read into a response, also "the container is gone".
  if (isOwnerMissing(read)) {
    const gone = new Error(`Cosmos container '${container.id}' or its database is missing`);
    throw Object.assign(gone, { statusCode: 404, substatus: read.substatus });
  }
  const resource = read.resource;
  if (read.statusCode === 404 || !resource) return undefined;
  const etag = read.etag ?? (resource as { _etag?: unknown })._etag;
  return { resource, etag: etagOf(etag, 'Cosmos returned a document without an etag') };
}

/** The ETag Cosmos answered with; a missing one is an error that says `missing`. */
export function etagOf(etag: unknown, missing: string): string {
  if (typeof etag !== 'string') throw new Error(missing);
  return etag;
}

/** A point delete (one request); a document already gone counts as deleted. */
export function deleteDocument(
  container: Container,
  id: string,
  partitionKey: string,
  opts: CosmosCallOptions,
): Promise<void> {
  return callCosmos(
    async (options) => {
      try {
        await container.item(id, partitionKey).delete(options);
      } catch (error) {
        if (!isDocumentMissing(error)) throw error;
      }
    },
    opts,
    container,
  );
}

/**
 * Runs a parameterized query to its last page. Pass `partitionKey` whenever the query stays in
 * one partition: Azure then asks that partition only. The query must ALSO filter on `pk` in its
 * WHERE clause, because the embedded development server ignores the option.
 */
export function queryAll<T>(
  container: Container,
  query: string,
  parameters: SqlParameter[],
  partitionKey: string | undefined,
  opts: CosmosCallOptions,
): Promise<T[]> {
  return callCosmos(
    async ({ abortSignal }) => {
      const { resources } = await container.items
        .query<T>(
          { query, parameters },
          partitionKey === undefined ? { abortSignal } : { abortSignal, partitionKey },
        )
        .fetchAll();
      return resources;
    },
    opts,
    container,
  );
}

/** Every document of one partition: a single-partition query, for containers read whole. */
export function queryPartition<T>(
  container: Container,
  partitionKey: string,
  opts: CosmosCallOptions,
): Promise<T[]> {
  const parameters = [{ name: '@pk', value: partitionKey }];
  return queryAll<T>(container, 'SELECT * FROM c WHERE c.pk = @pk', parameters, partitionKey, opts);
}

/**
 * The documents of one partition whose `[start, end)` overlaps `[from, to)`. Instants are
 * stored in one ISO spelling, so they compare as strings. `select` is the projection: `*` for
 * whole documents, or fields such as `c.start, c["end"]`.
 */
export function queryOverlapping<T>(
  container: Container,
  partitionKey: string,
  span: { from: Date; to: Date; select?: string },
  opts: CosmosCallOptions,
): Promise<T[]> {
  // `end` is quoted: the property accessor keeps it clear of any keyword.
  const query = `SELECT ${span.select ?? '*'} FROM c WHERE c.pk = @pk AND c.start < @to AND c["end"] > @from`;
  const parameters = [
    { name: '@pk', value: partitionKey },
    { name: '@from', value: span.from.toISOString() },
    { name: '@to', value: span.to.toISOString() },
  ];
  return queryAll<T>(container, query, parameters, partitionKey, opts);
}

/** Throws unless `ttlSeconds` is a ttl Cosmos honours: a positive whole number of seconds. */
export function checkTtlSeconds(ttlSeconds: number): number {
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1) {
    throw new RangeError('ttlSeconds must be a positive whole number of seconds');
  }
  return ttlSeconds;
}

/**
 * The ttl of a document about something that ends at `end`: the retention period counted from
 * the end, so a meeting booked months ahead is not deleted before it has taken place; never less
 * than `ttlSeconds` itself.
 */
export function ttlAfter(end: string, ttlSeconds: number, nowMs: number): number {
  const untilEnd = Math.ceil((Date.parse(end) - nowMs) / 1000);
  return Math.max(ttlSeconds, untilEnd + ttlSeconds);
}

/**
 * The document without Cosmos system fields (`_rid`, `_self`, `_etag`, `_attachments`, `_ts`)
 * and without the adapter's own bookkeeping fields (`pk`, `ttl`, …).
 */
export function withoutDocumentFields<T>(document: object, ownFields: readonly string[]): T {
  return Object.fromEntries(
    Object.entries(document).filter(([key]) => !key.startsWith('_') && !ownFields.includes(key)),
  ) as T;
}
