import type { Container, CosmosClient, Database } from '@azure/cosmos';
import { VoordeurError } from '../../errors.js';
import type { Logger } from '../../log.js';
import {
  createSchema,
  describeMissing,
  findMissingParts,
  type MissingParts,
} from './cosmosSchema.js';
import { statusOf, type RetryOptions } from './retry.js';

/** Azure's sub-status of a 404 whose owner (the database or the container) does not exist. */
const OWNER_RESOURCE_MISSING = 1003;

function substatusOf(error: unknown): number | undefined {
  const value =
    typeof error === 'object' && error !== null
      ? (error as Record<string, unknown>).substatus
      : undefined;
  return typeof value === 'number' ? value : undefined;
}

/** A 404 that Cosmos DB says is about the database or container, not about a document. */
export function isOwnerMissing(error: unknown): boolean {
  return statusOf(error) === 404 && substatusOf(error) === OWNER_RESOURCE_MISSING;
}

/**
 * Failures that may mean a missing database or container: any 404 (the embedded server and the
 * gateway do not always send a sub-status), and 500 because the embedded server answers a
 * create in a missing container with one. Only these cost a check.
 */
function mayMeanMissing(error: unknown): boolean {
  const status = statusOf(error);
  return status === 404 || status === 500;
}

export interface StoreRecoveryOptions {
  client: CosmosClient;
  database: Database;
  /** Whether Voordeur may create what is missing: with a key or embedded yes, with managed identity no. */
  createMissing: boolean;
  log: Logger;
  retry?: RetryOptions | undefined;
  /** Deadline of one check (default 1500 ms). */
  timeoutMs?: number | undefined;
  /** How long a check's answer is reused after failures (default 1000 ms): a burst costs one request. */
  cacheMs?: number | undefined;
  /** Milliseconds on a monotonic scale; defaults to `performance.now`. */
  now?: (() => number) | undefined;
}

/**
 * Notices when the database or a container has gone (the emulator restarted, a container
 * deleted by mistake) and puts it back without a restart: with a key or the embedded server it
 * creates what is missing once, however many calls fail at the same time, and then runs the
 * listeners (the coach seed); with managed identity, which cannot create them, it says plainly
 * in the log what infra must create and keeps checking until it is there.
 *
 * It costs nothing while calls succeed: only a failure that can mean "missing" (404, 500) leads
 * to one metadata request, shared by concurrent failures and cached briefly.
 */
export class StoreRecovery {
  readonly createMissing: boolean;
  private readonly timeoutMs: number;
  private readonly cacheMs: number;
  private readonly now: () => number;
  private readonly listeners: Array<() => Promise<void>> = [];
  private lastCheck: { missing: MissingParts | undefined; at: number } | undefined;
  private checking: Promise<MissingParts | undefined> | undefined;
  private recreating: Promise<void> | undefined;
  private runningListeners = false;
  private lastRecreated: { missing: MissingParts; at: number } | undefined;
  private known: string | undefined;
  private changes = 0;

  constructor(private readonly opts: StoreRecoveryOptions) {
    this.createMissing = opts.createMissing;
    this.timeoutMs = opts.timeoutMs ?? 1_500;
    this.cacheMs = opts.cacheMs ?? 1_000;
    this.now = opts.now ?? (() => performance.now());
  }

  get databaseId(): string {
    return this.opts.database.id;
  }

  /** Goes up whenever what is known changes (found missing, back again), so caches can drop. */
  get generation(): number {
    return this.changes;
  }

  /** Calls `container` makes are checked for a missing database or container on failure. */
  watch(container: Container): void {
    recoveries.set(container, this);
  }

  /** Runs after Voordeur created missing parts again, e.g. to write the coach seed back. */
  onRecreated(listener: () => Promise<void>): void {
    this.listeners.push(listener);
  }

  /**
   * What is missing, `undefined` when all is there. Concurrent callers share one request; an
   * answer younger than `maxAgeMs` is reused. Throws when the store cannot be asked at all.
   */
  async check(maxAgeMs = this.cacheMs): Promise<MissingParts | undefined> {
    if (this.lastCheck && this.now() - this.lastCheck.at < maxAgeMs) return this.lastCheck.missing;
    this.checking ??= findMissingParts(this.opts.database, { timeoutMs: this.timeoutMs })
      .then((missing) => {
        this.record(missing);
        return missing;
      })
      .finally(() => {
        this.checking = undefined;
      });
    return this.checking;
  }

  /**
   * After a call failed: when the cause is a missing database or container, recovers (creates
   * it, or has reported it) and returns what was missing; `undefined` when the failure has
   * another cause, or when that cannot be told because the store does not answer.
   */
  async explain(error: unknown): Promise<MissingParts | undefined> {
    if (!mayMeanMissing(error)) return undefined;
    let missing: MissingParts | undefined;
    try {
      missing = await this.check();
    } catch {
      return undefined;
    }
    if (missing) {
      await this.recover(missing);
      return missing;
    }
    // A call that was under way while another one had it recreated failed for the same reason.
    const recent = this.lastRecreated;
    if (recent && this.now() - recent.at < 5 * this.cacheMs) return recent.missing;
    return isOwnerMissing(error) ? { database: false, containers: [] } : undefined;
  }

  /**
   * Creates what is missing when allowed, once for all concurrent callers, and resolves when it
   * is done (never throws: a failure is logged and the next failure or probe tries again).
   * Without permission it does nothing: {@link check} has reported it.
   */
  async recover(missing: MissingParts): Promise<void> {
    if (!this.createMissing) return;
    if (this.recreating) {
      // A listener's own call failing must not wait for the recovery that runs it.
      if (!this.runningListeners) await this.recreating;
      return;
    }
    this.recreating = this.recreate(missing).finally(() => {
      this.recreating = undefined;
    });
    await this.recreating;
  }

  private async recreate(missing: MissingParts): Promise<void> {
    const { client, log, retry } = this.opts;
    try {
      await createSchema(client, this.databaseId, log, retry);
    } catch (error) {
      log.error(
        { cosmos: 'missing', err: { type: (error as Error).name, status: statusOf(error) } },
        `Cosmos ${describeMissing(missing, this.databaseId)} is missing and could not be created; trying again on the next failure or readiness probe`,
      );
      return;
    }
    log.warn(
      { cosmos: 'recreated', database: this.databaseId, containers: missing.containers },
      `Cosmos ${describeMissing(missing, this.databaseId)} was missing and has been created again, empty: what it held is gone`,
    );
    this.lastRecreated = { missing, at: this.now() };
    this.record(undefined, { quiet: true });
    this.runningListeners = true;
    try {
      for (const listener of this.listeners) {
        await listener().catch((error: unknown) =>
          log.error(
            { err: { type: (error as Error).name, stack: (error as Error).stack } },
            'a step after recreating Cosmos containers failed',
          ),
        );
      }
    } finally {
      this.runningListeners = false;
    }
  }

  /** Keeps the latest answer and logs when it changes: once per change, not per failed call. */
  private record(missing: MissingParts | undefined, opts: { quiet?: boolean } = {}): void {
    this.lastCheck = { missing, at: this.now() };
    const described = missing ? describeMissing(missing, this.databaseId) : undefined;
    if (described === this.known) return;
    const before = this.known;
    this.known = described;
    this.changes += 1;
    const { log } = this.opts;
    if (!missing) {
      if (before !== undefined && !opts.quiet) {
        log.info(
          { cosmos: 'present', database: this.databaseId },
          'Cosmos database and containers are all there again',
        );
      }
      return;
    }
    const fields = {
      cosmos: 'missing',
      database: this.databaseId,
      databaseMissing: missing.database,
      containers: missing.containers,
      createMissing: this.createMissing,
    };
    if (this.createMissing) {
      log.warn(fields, `Cosmos ${described} is missing; creating it again`);
    } else {
      log.error(
        fields,
        `Cosmos ${described} is missing. Voordeur does not create databases or containers without an account key (a managed identity cannot): create it with infra (infra/main.bicep). Voordeur recovers by itself once it is there; until then /readyz answers 503.`,
      );
    }
  }
}

const recoveries = new WeakMap<Container, StoreRecovery>();

/**
 * The error a failed call on `container` should surface: `VD_STORE_MISSING` when its database
 * or container turned out to be missing (after recovering it where allowed), else `error`.
 */
export async function storeMissingOr(
  error: unknown,
  container: Container | undefined,
): Promise<unknown> {
  const recovery = container ? recoveries.get(container) : undefined;
  if (!recovery || error instanceof VoordeurError) return error;
  const missing = await recovery.explain(error);
  if (!missing) return error;
  const detail =
    missing.database || missing.containers.length > 0
      ? describeMissing(missing, recovery.databaseId)
      : `a container of database '${recovery.databaseId}'`;
  return new VoordeurError('VD_STORE_MISSING', detail, { cause: error });
}
