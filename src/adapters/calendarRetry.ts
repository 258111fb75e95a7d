import { VoordeurError } from '../errors.js';

/**
 * Retries for calls to a coach's calendar service (Microsoft Graph, CalDAV): a few attempts
 * with backoff, a server's `Retry-After` honoured but bounded, and one clear error when it stays
 * down. A turn waits for this, so the bounds are seconds, not minutes; a queued job that gets
 * {@link CalendarUnavailableError} can wait `retryAfterMs` itself.
 */
export interface CalendarRetryOptions {
  /** Total attempts including the first. Default 3. */
  attempts?: number;
  /** Backoff base: the n-th wait is drawn from [base * 2^(n-1) / 2, base * 2^(n-1)). Default 250 ms. */
  baseDelayMs?: number;
  /** The longest wait between attempts, also for `Retry-After`. Longer: give up now. Default 5 s. */
  maxDelayMs?: number;
  /** No new attempt starts once this much time has passed since the first. Default 10 s. */
  maxTotalMs?: number;
  /** One attempt's time limit, cut to what is left of `maxTotalMs`. Default 10 s. */
  timeoutMs?: number;
  /** Injected for tests. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Milliseconds on a monotonic scale; defaults to `performance.now`. */
  now?: () => number;
  /** Called before each wait, e.g. to log it (ids only). */
  onRetry?: (info: { attempt: number; delayMs: number; reason: string }) => void;
}

/** What went wrong in one attempt, as the service said it. */
export interface CalendarFailure {
  /** HTTP status, or `undefined` for a connection failure or time-out. */
  status: number | undefined;
  /** From a `Retry-After` header, when there was one. */
  retryAfterMs?: number;
  /** For logs and the error message: no personal data. */
  reason: string;
}

/** The calendar service stayed unreachable or busy; `retryAfterMs` when it said how long. */
export class CalendarUnavailableError extends VoordeurError {
  constructor(
    detail: string,
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super('VD_CALENDAR_UNAVAILABLE', detail, options);
  }
}

/** 408, 429, 5xx and connection failures pass; other answers are answers. */
export function isTransient(failure: CalendarFailure): boolean {
  const { status } = failure;
  return status === undefined || status === 408 || status === 429 || status >= 500;
}

/** `Retry-After` in seconds or as an HTTP date, in milliseconds from `nowMs`. */
export function parseRetryAfter(
  value: string | null | undefined,
  nowMs: number,
): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

const defaults = { attempts: 3, baseDelayMs: 250, maxDelayMs: 5000, maxTotalMs: 10_000 };

/**
 * Runs `attempt` until it succeeds, fails for good, or the bounds run out. `attempt` gets an
 * abort signal for its time limit and throws what it likes; `classify` says what a thrown error
 * was (or `undefined`: not a service failure, rethrown as it is). 401/403/404 and other
 * refusals are rethrown at once for the caller to map.
 */
export async function withCalendarRetry<T>(
  what: string,
  attempt: (signal: AbortSignal) => Promise<T>,
  classify: (error: unknown) => CalendarFailure | undefined,
  options: CalendarRetryOptions = {},
): Promise<T> {
  const attempts = options.attempts ?? defaults.attempts;
  const base = options.baseDelayMs ?? defaults.baseDelayMs;
  const maxDelay = options.maxDelayMs ?? defaults.maxDelayMs;
  const maxTotal = options.maxTotalMs ?? defaults.maxTotalMs;
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  const random = options.random ?? Math.random;
  const timeout = options.timeoutMs ?? 10_000;
  const started = now();
  for (let n = 1; ; n += 1) {
    try {
      // An attempt never runs far past the total bound (but gets at least a second).
      const left = maxTotal - (now() - started);
      return await attempt(
        AbortSignal.timeout(Math.round(Math.max(1000, Math.min(timeout, left)))),
      );
    } catch (error) {
      const failure = classify(error);
      if (!failure || !isTransient(failure)) throw error;
      const backoff = base * 2 ** (n - 1);
      const delayMs = failure.retryAfterMs ?? Math.round(backoff / 2 + (random() * backoff) / 2);
      const elapsed = now() - started;
      if (n >= attempts || delayMs > maxDelay || elapsed + delayMs > maxTotal) {
        const after = failure.retryAfterMs !== undefined ? `, retry after ${delayMs} ms` : '';
        throw new CalendarUnavailableError(
          `${what}: ${failure.reason} after ${n} attempt${n === 1 ? '' : 's'}${after}`,
          failure.retryAfterMs,
          { cause: error },
        );
      }
      options.onRetry?.({ attempt: n, delayMs, reason: failure.reason });
      await sleep(delayMs);
    }
  }
}
