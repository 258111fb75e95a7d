import { KeyedQueue } from '../../bot/keyedQueue.js';
import { pseudonym } from '../../domain/pseudonym.js';
import type { Logger } from '../../log.js';
import type { Clock } from '../../ports/clock.js';
import type { Versioned } from '../../ports/conversationStore.js';
import {
  claim,
  claimedElsewhere,
  finish,
  release,
  type LeasedWorkQueue,
} from '../../ports/leasedWorkQueue.js';
import { inboxOrder, type WhatsAppInboxItem } from '../../ports/whatsAppStore.js';

export interface InboxWorkerDeps {
  inbox: LeasedWorkQueue<WhatsAppInboxItem>;
  /** Handles one message; resolves to its outcome (`handled`, `optedOut`, …). */
  handle(item: WhatsAppInboxItem): Promise<string>;
  clock: Clock;
  log: Logger;
  /** This process's name on its claims. */
  instanceId: string;
  /** How long a claim holds before another instance may take the message over. */
  leaseMs: number;
  /** A pending message older than this is picked up by the recovery sweep. */
  graceMs: number;
  /** Claims per message before it is given up (logged and kept as `failed`). */
  maxAttempts: number;
  /** Time between recovery sweeps. */
  recoveryIntervalMs: number;
}

/**
 * Handles the inbox: each resident's open messages one at a time, oldest (Meta's timestamp)
 * first, each under a claim (an ETag-guarded lease, so two instances never both handle it),
 * then marked handled and stripped of its content. The recovery sweep (at start and every
 * interval) finds messages nobody is handling — pending past the grace period, or claimed by
 * an instance whose lease ran out — and handles them. A message older than the last one
 * handled is still handled, never dropped.
 */
export class InboxWorker {
  private readonly queue = new KeyedQueue();
  private readonly queued = new Set<string>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly deps: InboxWorkerDeps) {}

  /** Handles the residents' open messages in the background. */
  dispatch(residents: readonly string[]): void {
    for (const pk of residents) void this.schedule(pk);
  }

  /**
   * The recovery sweep: finds residents whose messages nobody is handling and handles them.
   * Resolves when that is done; returns how many residents it found.
   */
  async recover(): Promise<number> {
    if (this.stopped) return 0;
    const now = this.deps.clock.now().getTime();
    let residents: string[];
    try {
      residents = await this.deps.inbox.stale(now - this.deps.graceMs, now);
    } catch (error) {
      this.deps.log.warn(
        { err: { type: (error as Error).name } },
        'WhatsApp recovery sweep failed; next sweep tries again',
      );
      return 0;
    }
    if (residents.length > 0) {
      this.deps.log.info(
        { residents: residents.length },
        'handling WhatsApp messages left unhandled',
      );
    }
    await Promise.all(residents.map((pk) => this.schedule(pk)));
    return residents.length;
  }

  /** Sweeps once now and then every `recoveryIntervalMs`. */
  start(): void {
    if (this.timer) return;
    this.stopped = false;
    void this.recover();
    this.timer = setInterval(() => void this.recover(), this.deps.recoveryIntervalMs);
    this.timer.unref();
  }

  /** Stops sweeping and starting new work; waits (bounded) for the message being handled. */
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

  /** Resolves when no message is being handled or waiting to be (tests). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private schedule(pk: string): Promise<void> {
    // A drain already waiting for this resident will see every message stored before it starts.
    if (this.queued.has(pk) || this.stopped) return Promise.resolve();
    this.queued.add(pk);
    const run = this.queue
      .run(pk, async () => {
        this.queued.delete(pk);
        await this.drain(pk);
      })
      .catch((error: unknown) => {
        this.deps.log.error(
          {
            conversation: pseudonym(pk),
            err: { type: (error as Error).name, stack: (error as Error).stack },
          },
          'WhatsApp messages not handled; the recovery sweep tries again',
        );
      });
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
    return run;
  }

  /** Handles one resident's open messages, oldest first, each under a claim. */
  private async drain(pk: string): Promise<void> {
    const { inbox, instanceId, log } = this.deps;
    const conversation = pseudonym(pk);
    for (let round = 0; round < 1000 && !this.stopped; round++) {
      const [next] = (await inbox.open(pk)).sort((a, b) => inboxOrder(a.value, b.value));
      if (!next) return;
      const now = this.deps.clock.now().getTime();
      const item = next.value;
      const message = pseudonym(item.messageId);
      // The instance holding the oldest message handles the rest after it, keeping the order.
      if (claimedElsewhere(item, instanceId, now)) return;
      if (item.attempts >= this.deps.maxAttempts) {
        // A message given up keeps its content until the inbox ttl, so it can be looked into.
        await inbox.replace(next, finish(item, 'failed', 'gaveUp', now));
        log.error(
          { conversation, message, attempts: item.attempts },
          'WhatsApp message given up after repeated failures (kept in the inbox as failed)',
        );
        continue;
      }
      const claimed = await inbox.replace(next, claim(item, instanceId, now + this.deps.leaseMs));
      if (!claimed) continue; // another instance got there first: look again

      let outcome: string;
      const started = performance.now();
      try {
        outcome = await this.deps.handle(claimed.value);
      } catch (error) {
        log.error(
          {
            conversation,
            message,
            attempt: claimed.value.attempts,
            err: { type: (error as Error).name, stack: (error as Error).stack },
          },
          'WhatsApp message not handled; it stays in the inbox for the next sweep',
        );
        await this.release(claimed);
        return;
      }
      const done = await inbox.replace(claimed, handled(claimed.value, outcome, this.now()));
      if (!done) {
        log.warn(
          { conversation, message },
          'WhatsApp message claim lost before it was marked handled',
        );
      } else {
        const ms = Math.round(performance.now() - started);
        log.debug({ conversation, message, outcome, ms }, 'WhatsApp message handled');
      }
    }
  }

  private async release(claimed: Versioned<WhatsAppInboxItem>): Promise<void> {
    try {
      await this.deps.inbox.replace(claimed, release(claimed.value));
    } catch {
      // The claim runs out by itself; the sweep takes the message then.
    }
  }

  private now(): number {
    return this.deps.clock.now().getTime();
  }
}

/** The item once its message is done with: without the message (data minimisation). */
function handled(item: WhatsAppInboxItem, outcome: string, at: number): WhatsAppInboxItem {
  const done = finish(item, 'handled', outcome, at);
  delete done.message;
  return done;
}
