import type { BookingStore } from '../ports/bookings.js';
import type { Calendar } from '../ports/calendar.js';
import type { Clock } from '../ports/clock.js';
import type { CoachDirectory } from '../ports/coaches.js';
import type { BookingOutbox, BookingRef } from '../ports/outbox.js';
import { calendarEventOf, type DescribeHandoff } from './calendarEvent.js';

/**
 * A {@link BookingOutbox} without a queue, for tests and tools over memory stores: `dispatch`
 * writes or clears the calendar there and then, from the booking as stored. Nothing survives
 * a crash and nothing is retried; the app uses the durable outbox (src/outbox/).
 */
export function directOutbox(deps: {
  bookings: BookingStore;
  coaches: CoachDirectory;
  calendar: Calendar;
  clock: Clock;
  describeHandoff: DescribeHandoff;
}): BookingOutbox {
  const removals = new Map<string, BookingRef>();
  return {
    booked: () => Promise.resolve(),
    cancelled: (booking) => {
      removals.set(booking.id, booking);
      return Promise.resolve();
    },
    async dispatch({ id, coachId }) {
      const removal = removals.get(id);
      if (removal) {
        removals.delete(id);
        if (!(await deps.bookings.get(removal.coachId, id))) {
          await deps.calendar.remove(removal.coachId, id);
        }
        return;
      }
      const booking = await deps.bookings.get(coachId, id);
      const coach = booking ? await deps.coaches.get(booking.coachId) : undefined;
      if (booking && coach) {
        const now = deps.clock.now();
        await deps.calendar.put(calendarEventOf(booking, coach, deps.describeHandoff, now));
      }
    },
  };
}
