import type { Database } from '@azure/cosmos';
import type { Readiness } from '../../ports/readiness.js';

/**
 * Ready when the Cosmos database answers a metadata read. Probes poll `/readyz` often, so the
 * answer is cached briefly and concurrent polls share one check; the check has its own short
 * deadline so a dead store is reported as not ready quickly instead of hanging the probe.
 */
export class CosmosReadiness implements Readiness {
  private cached: { ready: boolean; at: number } | undefined;
  private inFlight: Promise<boolean> | undefined;
  private readonly cacheMs: number;
  private readonly timeoutMs: number;
  private readonly now: () => number;

  constructor(
    private readonly database: Database,
    opts: { cacheMs?: number; timeoutMs?: number; now?: () => number } = {},
  ) {
    this.cacheMs = opts.cacheMs ?? 2_000;
    this.timeoutMs = opts.timeoutMs ?? 1_500;
    // A stopwatch, not a calendar: monotonic, so a wall-clock jump cannot freeze the cache.
    this.now = opts.now ?? (() => performance.now());
  }

  /** Never throws: any failure, including the deadline, means "not ready". */
  async isReady(): Promise<boolean> {
    if (this.cached && this.now() - this.cached.at < this.cacheMs) return this.cached.ready;
    this.inFlight ??= this.check().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async check(): Promise<boolean> {
    let ready: boolean;
    try {
      await this.database.read({ abortSignal: AbortSignal.timeout(this.timeoutMs) });
      ready = true;
    } catch {
      ready = false;
    }
    this.cached = { ready, at: this.now() };
    return ready;
  }
}
