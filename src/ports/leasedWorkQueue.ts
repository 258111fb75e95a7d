import type { Versioned } from './conversationStore.js';

/**
 * Work that must be done exactly once although any instance may die at any moment: each item
 * is claimed for a while (a lease) with an ETag-guarded write, so two instances never both work
 * on it; an item whose lease ran out, or that stayed pending too long, is found again and
 * finished by whichever instance looks next. The WhatsApp inbox works this way; so can an
 * outbox of calendar jobs.
 *
 * A worker reads a group's open items ({@link LeasedWorkQueue.open}), claims the oldest with
 * {@link claim} and {@link LeasedWorkQueue.replace}, does the work, and writes {@link finish}
 * (or {@link release} on a failure, for another try). A lost race is `undefined`, never an
 * error: somebody else holds the item, look again.
 */

/** Where an item is in its life. `handled` and `failed` are final. */
export type WorkState = 'pending' | 'claimed' | 'handled' | 'failed';

/** The fields every leased item carries; the rest is the job's own. */
export interface WorkItem {
  /** Unique within its group; adding the same id twice is a duplicate, not a second item. */
  id: string;
  /** The group (and partition) whose items are worked one at a time, in order: a resident. */
  pk: string;
  /** When it was added (ms since the epoch): a pending item is stale after a grace period. */
  receivedAt: number;
  state: WorkState;
  /** Claims so far; an item that keeps failing is given up after a few. */
  attempts: number;
  /** The instance holding the lease. */
  claimedBy?: string;
  /** Until when (ms) the lease holds; after that another instance may take the item over. */
  claimedUntil?: number;
  handledAt?: number;
  /** A short word for how it ended (`handled`, `gaveUp`, …), for staff and logs. */
  outcome?: string;
}

/**
 * A queue of leased work items, ETag-guarded.
 *
 * @example
 * const [oldest] = (await queue.open(pk)).sort(byAge);
 * const mine = oldest && (await queue.replace(oldest, claim(oldest.value, me, now + leaseMs)));
 * if (mine) await queue.replace(mine, finish(mine.value, 'handled', await work(mine.value), now));
 */
export interface LeasedWorkQueue<T extends WorkItem> {
  /** Stores a new item as given (normally `pending`); `duplicate` when its id is there already. */
  add(item: T): Promise<'created' | 'duplicate'>;
  /** The group's items that are pending or claimed, in no particular order. */
  open(pk: string): Promise<Versioned<T>[]>;
  /**
   * Groups with an item nobody is working on: pending and received before `pendingBefore`, or
   * claimed with a lease that ran out before `now`.
   */
  stale(pendingBefore: number, now: number): Promise<string[]>;
  /** Replaces the item if nobody changed it since it was read; `undefined` if somebody did. */
  replace(current: Versioned<T>, next: T): Promise<Versioned<T> | undefined>;
  /** One item, whatever its state (tools and tests). */
  get(pk: string, id: string): Promise<T | undefined>;
}

/** Whether another instance holds a lease on the item that has not run out at `now`. */
export function claimedElsewhere(item: WorkItem, by: string, now: number): boolean {
  return item.state === 'claimed' && item.claimedBy !== by && (item.claimedUntil ?? 0) > now;
}

/** The item claimed by `by` until `until`, one attempt more. */
export function claim<T extends WorkItem>(item: T, by: string, until: number): T {
  return {
    ...item,
    state: 'claimed',
    claimedBy: by,
    claimedUntil: until,
    attempts: item.attempts + 1,
  };
}

/** The item back to pending, without its lease: the next look takes it again. */
export function release<T extends WorkItem>(item: T): T {
  return { ...withoutLease(item), state: 'pending' };
}

/** The item done with (`handled`) or given up (`failed`), without its lease. */
export function finish<T extends WorkItem>(
  item: T,
  state: 'handled' | 'failed',
  outcome: string,
  at: number,
): T {
  return { ...withoutLease(item), state, outcome, handledAt: at };
}

function withoutLease<T extends WorkItem>(item: T): T {
  const copy = { ...item };
  delete copy.claimedBy;
  delete copy.claimedUntil;
  return copy;
}
