import type { Interval } from '../domain/calendarTime.js';
import { conflictsWith, type Booking } from './bookings.js';

/**
 * The rules of a coach's *schedule* — the intervals claimed on it — that every booking store
 * keeps (see `BookingStore`): who holds what, which new claim conflicts, and when an old entry
 * stops mattering. Pure, so the memory store and the Cosmos store decide alike; how a store
 * keeps its schedule and makes the claim atomic (no `await` in between, an ETag-guarded
 * replace) is the adapter's own business.
 */

/** One claimed interval on a coach's schedule: the booking's id, time and holder. */
export interface ScheduleEntry {
  id: string;
  /** ISO instants in the stores' one spelling, so entries sort as strings. */
  start: string;
  end: string;
  residentKey: string;
}

/** What a claim on the schedule as read comes to. */
export type Claim =
  /** Another resident holds this slot, or the time conflicts with a booking (buffer included). */
  | { kind: 'taken' }
  /** This resident holds the slot already (a retried turn); `entries` is the schedule, pruned. */
  | { kind: 'held'; entries: ScheduleEntry[] }
  /** The time is free: `entries` is the schedule, pruned, with the claim added in order. */
  | { kind: 'claimed'; entries: ScheduleEntry[] };

const DAY_MS = 86_400_000;
const taken: Claim = { kind: 'taken' };

function byStart(a: ScheduleEntry, b: ScheduleEntry): number {
  return a.start < b.start ? -1 : a.start > b.start ? 1 : 0;
}

/** The entry a booking claims. */
export function entryOf({ id, start, end, residentKey }: Booking): ScheduleEntry {
  return { id, start, end, residentKey };
}

/**
 * The entries that still matter at `now`: one that ended more than a day ago no longer blocks
 * anything bookable, so it is dropped whenever the schedule is written.
 */
export function pruned(entries: readonly ScheduleEntry[], now: Date): ScheduleEntry[] {
  const cutoff = new Date(now.getTime() - DAY_MS).toISOString();
  return entries.filter((e) => e.end >= cutoff);
}

/**
 * How `booking` is claimed on a schedule: made once per `create` (it checks `bufferMinutes`
 * before the store reads anything), then applied to each version of the schedule the store
 * reads. Throws `RangeError` for a negative buffer, as {@link conflictsWith} does.
 *
 * @example
 * const claim = scheduleClaim(booking, coach.bufferMinutes);
 * const outcome = claim(await readEntries(), clock.now()); // 'taken' | 'held' | 'claimed'
 */
export function scheduleClaim(
  booking: Booking,
  bufferMinutes: number,
): (entries: readonly ScheduleEntry[], now: Date) => Claim {
  const conflicts = conflictsWith(booking, bufferMinutes);
  const entry = entryOf(booking);
  return (read, now) => {
    const entries = pruned(read, now);
    const same = entries.find((e) => e.id === entry.id);
    if (same) return same.residentKey === entry.residentKey ? { kind: 'held', entries } : taken;
    if (entries.some(conflicts)) return taken;
    return { kind: 'claimed', entries: [...entries, entry].sort(byStart) };
  };
}

/**
 * The schedule without the entry `id` that `residentKey` holds, pruned; `undefined` when they
 * hold no such entry (gone already, or another resident's since), so there is nothing to write.
 */
export function released(
  entries: readonly ScheduleEntry[],
  id: string,
  residentKey: string,
  now: Date,
): ScheduleEntry[] | undefined {
  const held = entries.find((e) => e.id === id);
  if (held?.residentKey !== residentKey) return undefined;
  return pruned(
    entries.filter((e) => e !== held),
    now,
  );
}

/** The meeting time of the entries that overlap [from, to), in order, as epoch-ms intervals. */
export function busyWithin(entries: readonly ScheduleEntry[], from: Date, to: Date): Interval[] {
  const [fromMs, toMs] = [from.getTime(), to.getTime()];
  return entries
    .map((e) => ({ start: Date.parse(e.start), end: Date.parse(e.end) }))
    .filter((i) => i.start < toMs && i.end > fromMs)
    .sort((a, b) => a.start - b.start);
}
