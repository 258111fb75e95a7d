import type { Interval } from '../../domain/planning.js';
import { VoordeurError } from '../../errors.js';
import {
  conflictsWith,
  type Booking,
  type BookingStore,
  type CreateBookingOptions,
} from '../../ports/bookings.js';
import type { Clock } from '../../ports/clock.js';
import { canonicalBooking } from '../canonical.js';

const DAY_MS = 86_400_000;

/** One claimed interval on a coach's schedule, as the Cosmos store keeps it. */
interface ScheduleEntry {
  id: string;
  start: string;
  end: string;
  residentKey: string;
}

/**
 * {@link BookingStore} in process memory, for dialog tests and single-process demos. Same
 * semantics as the Cosmos store: a schedule of booked intervals per coach, on which a booking
 * that conflicts with another (buffer included) gets `VD_SLOT_TAKEN`; the same resident booking
 * the same slot again gets the existing booking back; entries are pruned a day after they end.
 * Claiming is atomic because the check-and-set below runs without an `await` in between.
 * Values are deep-copied in and out.
 */
export class MemoryBookingStore implements BookingStore {
  private readonly bookings = new Map<string, Booking>();
  private readonly schedules = new Map<string, ScheduleEntry[]>();
  private readonly clock: Clock;

  constructor(opts: { clock: Clock }) {
    this.clock = opts.clock;
  }

  async create(booking: Booking, options: CreateBookingOptions): Promise<Booking> {
    const canonical = canonicalBooking(booking);
    const conflicts = conflictsWith(canonical, options.bufferMinutes);
    const entries = this.pruned(this.schedules.get(canonical.coachId) ?? []);
    const same = entries.find((e) => e.id === canonical.id);
    if (same) {
      if (same.residentKey !== canonical.residentKey) {
        throw new VoordeurError('VD_SLOT_TAKEN', canonical.id);
      }
      const existing = this.bookings.get(canonical.id);
      if (existing?.residentKey === canonical.residentKey) return structuredClone(existing);
    } else {
      if (entries.some(conflicts)) throw new VoordeurError('VD_SLOT_TAKEN', canonical.id);
      const { id, start, end, residentKey } = canonical;
      entries.push({ id, start, end, residentKey });
      entries.sort((a, b) => a.start.localeCompare(b.start));
    }
    this.schedules.set(canonical.coachId, entries);
    // The schedule is the source of truth: a stale booking with this id is replaced.
    this.bookings.set(canonical.id, structuredClone(canonical));
    return structuredClone(canonical);
  }

  async get(coachId: string, id: string): Promise<Booking | undefined> {
    const booking = this.bookings.get(id);
    return booking?.coachId === coachId ? structuredClone(booking) : undefined;
  }

  async cancel(coachId: string, id: string, residentKey: string): Promise<void> {
    const booking = this.bookings.get(id);
    if (booking && (booking.coachId !== coachId || booking.residentKey !== residentKey)) return;
    this.bookings.delete(id);
    const entries = this.schedules.get(coachId) ?? [];
    if (entries.some((e) => e.id === id && e.residentKey === residentKey)) {
      this.schedules.set(coachId, this.pruned(entries.filter((e) => e.id !== id)));
    }
  }

  async forCoach(coachId: string, from: Date, to: Date): Promise<Booking[]> {
    const [fromIso, toIso] = [from.toISOString(), to.toISOString()];
    return [...this.bookings.values()]
      .filter((b) => b.coachId === coachId && b.start < toIso && b.end > fromIso)
      .sort((a, b) => a.start.localeCompare(b.start))
      .map((b) => structuredClone(b));
  }

  async busyIntervals(coachId: string, from: Date, to: Date): Promise<Interval[]> {
    const [fromMs, toMs] = [from.getTime(), to.getTime()];
    return (this.schedules.get(coachId) ?? [])
      .map((e) => ({ start: Date.parse(e.start), end: Date.parse(e.end) }))
      .filter((i) => i.start < toMs && i.end > fromMs);
  }

  async upcomingCounts(now: Date): Promise<Record<string, number>> {
    const nowIso = now.toISOString();
    const counts: Record<string, number> = {};
    for (const { coachId, start } of this.bookings.values()) {
      if (start >= nowIso) counts[coachId] = (counts[coachId] ?? 0) + 1;
    }
    return counts;
  }

  /** Entries that ended more than a day ago no longer block anything bookable: drop them. */
  private pruned(entries: readonly ScheduleEntry[]): ScheduleEntry[] {
    const cutoff = new Date(this.clock.now().getTime() - DAY_MS).toISOString();
    return entries.filter((e) => e.end >= cutoff);
  }
}
