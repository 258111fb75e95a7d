import { VoordeurError } from '../../errors.js';

/** How hard {@link withRetry} tries before it declares the store unavailable. */
export interface RetryOptions {
  /** Total attempts including the first. Default 4. */
  attempts?: number;
  /** Backoff base: the n-th wait is drawn from [0, base * 2^(n-1)). Default 100 ms. */
  baseDelayMs?: number;
  /** Upper bound for one wait, also for a server's Retry-After. Default 1000 ms. */
  maxDelayMs?: number;
  /** No new attempt starts once this much time has passed since the first. Default 2000 ms. */
  maxTotalMs?: number;
  /** Injected for tests; defaults to `Math.random`. */
  random?: () => number;
  /** Injected for tests; defaults to a timer. */
  sleep?: (ms: number) => Promise<void>;
  /** Milliseconds on a monotonic scale, injected for tests; defaults to `performance.now`. */
  now?: () => number;
  /** Called before each wait, e.g. to log the retry (ids only, never payloads). */
  onRetry?: (info: { attempt: number; delayMs: number; reason: string }) => void;
}

const defaults = { attempts: 4, baseDelayMs: 100, maxDelayMs: 1000, maxTotalMs: 2000 } as const;

const transientStatuses = new Set([408, 429, 449, 503]);
// `TimeoutError` is the Cosmos SDK's own request timeout (its 408 without a response).
const connectionCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ECONNABORTED',
  'EAI_AGAIN',
  'TimeoutError',
]);
const connectionMessages = [/socket hang up/i, /fetch failed/i];
/**
 * @azure/cosmos throws every failure of a transactional batch (a refused socket, throttling
 * past its own retries, an unreachable gateway) as a plain `Error` with this message and
 * neither status nor cause. An operation's own refusal (409, 412, …) is not thrown but
 * answered per operation, so what arrives here is the request failing as a whole: worth
 * another attempt, and every batch Voordeur sends is safe to send again (conditional writes
 * and upserts).
 */
const failedBatch = /^Batch request error: /;

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)[name]
    : undefined;
}

/**
 * The HTTP status an SDK error carries: `statusCode`, or the Cosmos SDK's numeric `code`. Only
 * numbers that can be HTTP statuses count: an abort's `DOMException` has a numeric `code` too
 * (23 for a timeout), and that is no answer from Cosmos.
 */
export function statusOf(error: unknown): number | undefined {
  const statusCode = field(error, 'statusCode');
  if (isHttpStatus(statusCode)) return statusCode;
  const code = field(error, 'code');
  return isHttpStatus(code) ? code : undefined;
}

function isHttpStatus(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 100 && value <= 599;
}

/** Walks `cause` (bounded) so a wrapped socket error is still recognised. */
function isConnectionError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== undefined && current !== null; depth += 1) {
    const code = field(current, 'code');
    if (typeof code === 'string' && connectionCodes.has(code)) return true;
    const message = field(current, 'message');
    if (typeof message === 'string' && connectionMessages.some((pattern) => pattern.test(message)))
      return true;
    current = field(current, 'cause');
  }
  return false;
}

/**
 * Why an error is worth another attempt, or `undefined` when it is not. Conflicts (409/412),
 * missing documents (404) and bad requests (400) are answers, not outages, so they never retry.
 */
export function transientReason(error: unknown): string | undefined {
  const status = statusOf(error);
  if (status !== undefined) return transientStatuses.has(status) ? `status ${status}` : undefined;
  if (isConnectionError(error)) return 'connection';
  const message = field(error, 'message');
  return typeof message === 'string' && failedBatch.test(message) ? 'batch' : undefined;
}

function retryAfterMs(error: unknown): number | undefined {
  const value = field(error, 'retryAfterInMs') ?? field(error, 'retryAfterInMilliseconds');
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

const timerSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `op` again after transient store failures, so a throttled or briefly unreachable store
 * costs a turn some latency instead of an apology. Waits use exponential backoff with full
 * jitter (or the server's Retry-After), within a bounded number of attempts and total time.
 * Non-transient errors are rethrown untouched; a store that stays unreachable ends in
 * `VoordeurError('VD_STORE_UNAVAILABLE')` with the last failure as `cause`.
 *
 * Retrying conditional writes is safe: a write that did land before its response was lost
 * fails the retry with 409/412, which callers see as a conflict, never as a double write.
 *
 * @example
 * const { resource } = await withRetry(() => item.read(), { attempts: 3 });
 */
export async function withRetry<T>(
  op: (attempt: number) => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const attempts = Math.max(1, options.attempts ?? defaults.attempts);
  const baseDelayMs = options.baseDelayMs ?? defaults.baseDelayMs;
  const maxDelayMs = options.maxDelayMs ?? defaults.maxDelayMs;
  const maxTotalMs = options.maxTotalMs ?? defaults.maxTotalMs;
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? timerSleep;
  const now = options.now ?? (() => performance.now());
  const started = now();

  for (let attempt = 1; ; attempt += 1) {
    try {
      return await op(attempt);
    } catch (error) {
      const reason = transientReason(error);
      if (reason === undefined) throw error;
      const backoff = random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
      const delayMs = Math.min(maxDelayMs, retryAfterMs(error) ?? backoff);
      const outOfTime = now() - started + delayMs > maxTotalMs;
      if (attempt >= attempts || outOfTime) {
        throw new VoordeurError('VD_STORE_UNAVAILABLE', `${reason} after ${attempt} attempt(s)`, {
          cause: error,
        });
      }
      options.onRetry?.({ attempt, delayMs, reason });
      await sleep(delayMs);
    }
  }
}
