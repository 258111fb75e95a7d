import type { Database } from '@azure/cosmos';
import type { Readiness } from '../../ports/readiness.js';
import { findMissingParts } from './cosmosSchema.js';
import type { StoreRecovery } from './storeRecovery.js';

type Answer = { ready: boolean; reason?: string };

/**
 * Ready when the Cosmos database answers and holds every container (one request: its
 * container list). Probes poll `/readyz` often, so the answer is cached briefly and concurrent
 * polls share one check; the check has its own short deadline so a dead store is reported as
 * not ready quickly instead of hanging the probe.
 *
 * With the connection's {@link StoreRecovery}, a missing database or container found here is
 * also recreated where allowed (or reported), and the cache is dropped as soon as the recovery
 * knows more, so `/readyz` turns 200 again by itself without a restart.
 */
export class CosmosReadiness implements Readiness {
  private cached: (Answer & { at: number; generation: number | undefined }) | undefined;
  private inFlight: Promise<Answer> | undefined;
  private readonly cacheMs: number;
  private readonly timeoutMs: number;
  private readonly now: () => number;
  private readonly recovery: StoreRecovery | undefined;

  constructor(
    private readonly database: Database,
    opts: {
      cacheMs?: number;
      timeoutMs?: number;
      now?: () => number;
      recovery?: StoreRecovery;
    } = {},
  ) {
    this.cacheMs = opts.cacheMs ?? 2_000;
    this.timeoutMs = opts.timeoutMs ?? 1_500;
    // A stopwatch, not a calendar: monotonic, so a wall-clock jump cannot freeze the cache.
    this.now = opts.now ?? (() => performance.now());
    this.recovery = opts.recovery;
  }

  /** Never throws: any failure, including the deadline, means "not ready". */
  async isReady(): Promise<boolean> {
    return (await this.answer()).ready;
  }

  /** Why the last check said "not ready", in a few words without internals; `undefined` when ready. */
  notReadyReason(): string | undefined {
    return this.cached?.ready === false ? this.cached.reason : undefined;
  }

  private async answer(): Promise<Answer> {
    const cached = this.cached;
    if (
      cached &&
      this.now() - cached.at < this.cacheMs &&
      cached.generation === this.recovery?.generation
    ) {
      return cached;
    }
    this.inFlight ??= this.check().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async check(): Promise<Answer> {
    let answer: Answer;
    try {
      const missing = this.recovery
        ? await this.recovery.check(0)
        : await findMissingParts(this.database, { timeoutMs: this.timeoutMs });
      answer = missing ? { ready: false, reason: 'store missing' } : { ready: true };
      // Not awaited: a probe answers within its deadline; the recovery runs once, on its own.
      if (missing) void this.recovery?.recover(missing);
    } catch {
      answer = { ready: false, reason: 'store unreachable' };
    }
    this.cached = { ...answer, at: this.now(), generation: this.recovery?.generation };
    return answer;
  }
}
