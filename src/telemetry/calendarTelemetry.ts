import type { Calendar } from '../ports/calendar.js';
import type { Telemetry } from './telemetry.js';

/** The coaches' calendars with each call traced and counted (operation and outcome only). */
export function withCalendarTelemetry(calendar: Calendar, telemetry: Telemetry): Calendar {
  return {
    busy: (coachId, from, to) =>
      telemetry.calendarCall('busy', () => calendar.busy(coachId, from, to)),
    put: (event) => telemetry.calendarCall('put', () => calendar.put(event)),
    remove: (coachId, eventId) =>
      telemetry.calendarCall('remove', () => calendar.remove(coachId, eventId)),
    eventTimes: (coachId, eventId) =>
      telemetry.calendarCall('eventTimes', () => calendar.eventTimes(coachId, eventId)),
  };
}
