import type { Interval } from '../../domain/calendarTime.js';
import { VoordeurError } from '../../errors.js';
import {
  busyWithin,
  released,
  scheduleClaim,
  type ScheduleEntry,
} from '../../ports/bookingSchedule.js';
import type { Booking, BookingStore, CreateBookingOptions } from '../../ports/bookings.js';
import type { Clock } from '../../ports/clock.js';
import { canonicalBooking } from '../canonical.js';

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
    const claim = scheduleClaim(canonical, options.bufferMinutes);
    const outcome = claim(this.schedules.get(canonical.coachId) ?? [], this.clock.now());
    if (outcome.kind === 'taken') throw new VoordeurError('VD_SLOT_TAKEN', canonical.id);
    if (outcome.kind === 'held') {
      const existing = this.bookings.get(canonical.id);
      if (existing?.residentKey === canonical.residentKey) return structuredClone(existing);
    }
    this.schedules.set(canonical.coachId, outcome.entries);
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
    const rest = released(this.schedules.get(coachId) ?? [], id, residentKey, this.clock.now());
    if (rest) this.schedules.set(coachId, rest);
  }

  async forCoach(coachId: string, from: Date, to: Date): Promise<Booking[]> {
    const [fromIso, toIso] = [from.toISOString(), to.toISOString()];
    return [...this.bookings.values()]
      .filter((b) => b.coachId === coachId && b.start < toIso && b.end > fromIso)
      .sort((a, b) => a.start.localeCompare(b.start))
      .map((b) => structuredClone(b));
  }

  async busyIntervals(coachId: string, from: Date, to: Date): Promise<Interval[]> {
    return busyWithin(this.schedules.get(coachId) ?? [], from, to);
  }

  async upcomingCounts(now: Date): Promise<Record<string, number>> {
    const nowIso = now.toISOString();
    const counts: Record<string, number> = {};
    for (const { coachId, start } of this.bookings.values()) {
      if (start >= nowIso) counts[coachId] = (counts[coachId] ?? 0) + 1;
    }
    return counts;
  }
}
