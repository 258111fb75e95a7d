import { KeyedQueue } from '../domain/keyedQueue.js';
import { isVoordeurError } from '../errors.js';
import { pseudonym } from '../domain/pseudonym.js';
import type { Logger } from '../log.js';
import type { Clock } from '../ports/clock.js';
import type { Versioned } from '../ports/conversationStore.js';
import {
  claim,
  claimedElsewhere,
  finish,
  release,
  type LeasedWorkQueue,
  type WorkItem,
} from '../ports/leasedWorkQueue.js';

/**
 * Writes a change to the item being worked over its claim (ETag-guarded) and resolves to the
 * item as stored: a note that must be durable before a step that cannot be undone, such as
 * "sending now" before a message goes out. Rejects with {@link ClaimLost} when another instance
 * took the item over meanwhile (this one's lease ran out): the work must stop there.
 */
export type Checkpoint<T> = (change: (item: T) => T) => Promise<T>;

/** The claim on an item was lost while it was worked: another instance has it now. */
export class ClaimLost extends Error {
  override name = 'ClaimLost';
  readonly code = 'VD_CLAIM_LOST';
}

export interface LeasedWorkerDeps<T extends WorkItem> {
  queue: LeasedWorkQueue<T>;
  /**
   * Does one item's work; resolves to its outcome (`handled`, `written`, …), throws to retry.
   * `checkpoint` stores a change to the item before a step that must not be repeated blindly.
   */
  handle(item: T, checkpoint: Checkpoint<T>): Promise<string>;
  clock: Clock;
  log: Logger;
  /** What an item is, for log lines: "WhatsApp message", "outbox job". */
  label: string;
  /** This process's name on its claims. */
  instanceId: string;
  /** How long a claim holds before another instance may take the item over. */
  leaseMs: number;
  /** A pending item older than this (or due longer ago) is picked up by the recovery sweep. */
  graceMs: number;
  /** Claims per item before it is given up (logged and kept as `failed`). */
  maxAttempts: number;
  /** Time between recovery sweeps. */
  recoveryIntervalMs: number;
  /** The order of a group's open items: the first is worked next. */
  order(a: T, b: T): number;
  /** Whether the item may be worked at `now` (default: always); one not due ends the drain. */
  due?(item: T, now: number): boolean;
  /** The item as stored once its work is done (default: `handled` with the outcome). */
  done?(item: T, outcome: string, at: number): T;
  /** The item as stored after a failed attempt (default: back to pending, as it was). */
  retry?(item: T, error: unknown, now: number): T;
  /**
   * Whether the group's other items go on after one failed (default no: the group waits, in
   * order). The outbox says yes: a failed job waits its back-off, a notice it queued need not.
   */
  continueAfterFailure?: boolean;
}

/**
 * Works a {@link LeasedWorkQueue}: each group's open items one at a time, in `order`, each under
 * a claim (an ETag-guarded lease, so two instances never both work on it), then marked done.
 * The recovery sweep (at start and every interval) finds items nobody is working on — pending
 * past the grace period, or claimed by an instance whose lease ran out — and works them. The
 * WhatsApp inbox and the booking outbox both run on it.
 */
export class LeasedWorker<T extends WorkItem> {
  private readonly keyed = new KeyedQueue();
  private readonly queued = new Set<string>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly deps: LeasedWorkerDeps<T>) {}

  /** Works the groups' open items in the background. */
  dispatch(groups: readonly string[]): void {
    for (const pk of groups) void this.schedule(pk);
  }

  /**
   * The recovery sweep: finds groups whose items nobody is working on and works them.
   * Resolves when that is done; returns how many groups it found.
   */
  async recover(): Promise<number> {
    if (this.stopped) return 0;
    const now = this.now();
    let groups: string[];
    try {
      groups = await this.deps.queue.stale(now - this.deps.graceMs, now);
    } catch (error) {
      this.deps.log.warn(
        { err: { type: (error as Error).name } },
        `${this.deps.label} recovery sweep failed; next sweep tries again`,
      );
      return 0;
    }
    if (groups.length > 0) {
      this.deps.log.info({ groups: groups.length }, `working ${this.deps.label}s left undone`);
    }
    await Promise.all(groups.map((pk) => this.schedule(pk)));
    return groups.length;
  }

  /**
   * Sweeps once now and then every `recoveryIntervalMs`; resolves when the first sweep has
   * found (and started) the work left undone.
   */
  start(): Promise<number> {
    if (this.timer) return Promise.resolve(0);
    this.stopped = false;
    this.timer = setInterval(() => void this.recover(), this.deps.recoveryIntervalMs);
    this.timer.unref();
    return this.recover();
  }

  /** Stops sweeping and starting new work; waits (bounded) for the item being worked. */
  async stop(waitMs: number): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
    let timeout: NodeJS.Timeout | undefined;
    await Promise.race([
      this.idle(),
      new Promise<void>((resolve) => {
        timeout = setTimeout(resolve, waitMs);
        timeout.unref();
      }),
    ]);
    clearTimeout(timeout);
  }

  /** Resolves when no item is being worked or waiting to be (tests). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private schedule(pk: string): Promise<void> {
    // A drain already waiting for this group will see every item stored before it starts.
    if (this.queued.has(pk) || this.stopped) return Promise.resolve();
    this.queued.add(pk);
    const run = this.keyed
      .run(pk, async () => {
        this.queued.delete(pk);
        await this.drain(pk);
      })
      .catch((error: unknown) => {
        this.deps.log.error(
          {
            group: pseudonym(pk),
            err: { type: (error as Error).name, stack: (error as Error).stack },
          },
          `${this.deps.label} not worked; the recovery sweep tries again`,
        );
      });
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
    return run;
  }

  /** Works one group's open items in order, each under a claim. */
  private async drain(pk: string): Promise<void> {
    const { queue, instanceId, log, label } = this.deps;
    const group = pseudonym(pk);
    for (let round = 0; round < 1000 && !this.stopped; round++) {
      const [next] = (await queue.open(pk)).sort((a, b) => this.deps.order(a.value, b.value));
      if (!next) return;
      const now = this.now();
      const item = next.value;
      const id = pseudonym(item.id);
      // The instance holding the first item works the rest after it, keeping the order.
      if (claimedElsewhere(item, instanceId, now)) return;
      if (item.state === 'pending' && this.deps.due && !this.deps.due(item, now)) return;
      if (item.attempts >= this.deps.maxAttempts) {
        // An item given up keeps its content until its ttl, so it can be looked into.
        await queue.replace(next, finish(item, 'failed', 'gaveUp', now));
        log.error(
          { group, item: id, attempts: item.attempts },
          `${label} given up after repeated failures (kept as failed)`,
        );
        continue;
      }
      const claimed = await queue.replace(next, claim(item, instanceId, now + this.deps.leaseMs));
      if (!claimed) continue; // another instance got there first: look again

      // The item as last stored by this worker: the claim, then any checkpoint the work wrote.
      let held = claimed;
      const checkpoint: Checkpoint<T> = async (change) => {
        const stored = await queue.replace(held, change(held.value));
        if (!stored) throw new ClaimLost(`${label} taken over by another instance`);
        held = stored;
        return stored.value;
      };
      let outcome: string;
      const started = performance.now();
      try {
        outcome = await this.deps.handle(claimed.value, checkpoint);
      } catch (error) {
        if (error instanceof ClaimLost) {
          // Its new holder finishes it; this instance leaves it alone.
          log.warn({ group, item: id }, `${label} claim lost while it was worked`);
          return;
        }
        log.warn(
          {
            group,
            item: id,
            attempt: claimed.value.attempts,
            err: {
              type: (error as Error).name,
              code: (error as { code?: unknown }).code,
              stack: (error as Error).stack,
            },
          },
          `${label} not worked; it stays queued for another try`,
        );
        await this.retry(held, error);
        if (this.deps.continueAfterFailure) continue;
        return;
      }
      const at = this.now();
      const finished = this.deps.done
        ? this.deps.done(held.value, outcome, at)
        : finish(held.value, 'handled', outcome, at);
      const stored = await this.persist(held, finished);
      if (!stored) {
        log.warn({ group, item: id }, `${label} claim lost before it was marked done`);
      } else {
        const ms = Math.round(performance.now() - started);
        log.debug({ group, item: id, outcome, ms }, `${label} done`);
      }
    }
  }

  private async retry(claimed: Versioned<T>, error: unknown): Promise<void> {
    const next = this.deps.retry
      ? this.deps.retry(claimed.value, error, this.now())
      : release(claimed.value);
    try {
      await this.persist(claimed, next);
    } catch {
      // The claim runs out by itself; the sweep takes the item then.
    }
  }

  /**
   * Writes what became of a claimed item (done, or back to the queue) over the claim. While
   * the store is unavailable the write is tried again, with growing pauses, for up to half
   * the lease: the work itself is done, and leaving the mark to the sweep would hold the item,
   * and its group behind it, until the lease runs out. Trying again is safe: the write is
   * conditional on the claim, so one that landed unseen makes the next one find it changed.
   */
  private async persist(held: Versioned<T>, next: T): Promise<Versioned<T> | undefined> {
    const until = performance.now() + this.deps.leaseMs / 2;
    for (let pause = 250; ; pause = Math.min(pause * 2, 4_000)) {
      try {
        return await this.deps.queue.replace(held, next);
      } catch (error) {
        const outage = isVoordeurError(error, 'VD_STORE_UNAVAILABLE');
        if (!outage || this.stopped || performance.now() + pause > until) throw error;
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }
  }

  private now(): number {
    return this.deps.clock.now().getTime();
  }
}
