import type { Interval } from '../../domain/calendarTime.js';
import type { Calendar, CalendarEvent, EventTimes } from '../../ports/calendar.js';
import { canonicalEvent } from '../canonical.js';

/**
 * {@link Calendar} in process memory, for dialog tests and demos: the same semantics as
 * {@link CosmosCalendar} (upsert by id per coach, removing a missing event is fine).
 */
export class MemoryCalendar implements Calendar {
  /** Per coach, events by id: ids are unique within one coach's calendar. */
  private readonly events = new Map<string, Map<string, CalendarEvent>>();

  async busy(coachId: string, from: Date, to: Date): Promise<Interval[]> {
    const [fromIso, toIso] = [from.toISOString(), to.toISOString()];
    return [...(this.events.get(coachId)?.values() ?? [])]
      .filter((event) => event.start < toIso && event.end > fromIso)
      .map((event) => ({ start: Date.parse(event.start), end: Date.parse(event.end) }))
      .sort((a, b) => a.start - b.start || a.end - b.end);
  }

  async put(event: CalendarEvent): Promise<void> {
    const canonical = canonicalEvent(event);
    let calendar = this.events.get(canonical.coachId);
    if (!calendar) this.events.set(canonical.coachId, (calendar = new Map()));
    calendar.set(canonical.id, structuredClone(canonical));
  }

  async remove(coachId: string, eventId: string): Promise<void> {
    this.events.get(coachId)?.delete(eventId);
  }

  async eventTimes(coachId: string, eventId: string): Promise<EventTimes | undefined> {
    const event = this.events.get(coachId)?.get(eventId);
    return event ? { start: event.start, end: event.end } : undefined;
  }

  /** The stored event (for tests: what the coach would see). */
  async event(coachId: string, eventId: string): Promise<CalendarEvent | undefined> {
    const event = this.events.get(coachId)?.get(eventId);
    return event ? structuredClone(event) : undefined;
  }
}
