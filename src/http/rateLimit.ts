/**
 * A token bucket per client: `burst` requests at once, then `perMinute` spread over a minute.
 * Written here rather than taken from restify's `throttle` plugin because that one answers 429
 * without `Retry-After`, runs only on mounted routes (not on routes answered in process), and
 * keeps every client it has ever seen.
 *
 * Memory is bounded: at most `maxClients` buckets; when full, the bucket untouched longest is
 * dropped (a dropped client starts again with a full bucket, which only ever favours it).
 */
export interface RateLimit {
  /** Requests allowed at once. */
  burst: number;
  /** Requests allowed per minute, on average. */
  perMinute: number;
  /** Clients tracked at once. Default 10 000. */
  maxClients?: number;
}

export type Admission = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updatedMs: number;
}

export class RateLimiter {
  /** Insertion order is last use: touching a bucket moves it to the end. */
  private readonly buckets = new Map<string, Bucket>();
  private readonly maxClients: number;

  constructor(private readonly limit: RateLimit) {
    if (limit.burst < 1 || limit.perMinute <= 0) throw new RangeError('a rate limit must allow');
    this.maxClients = limit.maxClients ?? 10_000;
  }

  /** Takes one request from `client`'s bucket at `nowMs`, or says how long to wait. */
  take(client: string, nowMs: number): Admission {
    const { burst, perMinute } = this.limit;
    const perMs = perMinute / 60_000;
    const bucket = this.buckets.get(client) ?? { tokens: burst, updatedMs: nowMs };
    // A clock that steps back refills nothing.
    const elapsed = Math.max(0, nowMs - bucket.updatedMs);
    bucket.tokens = Math.min(burst, bucket.tokens + elapsed * perMs);
    bucket.updatedMs = nowMs;
    this.buckets.delete(client);
    this.buckets.set(client, bucket);
    while (this.buckets.size > this.maxClients) {
      const oldest = this.buckets.keys().next().value;
      if (oldest === undefined) break;
      this.buckets.delete(oldest);
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000)),
    };
  }

  /** Clients tracked now (tests). */
  get size(): number {
    return this.buckets.size;
  }
}
