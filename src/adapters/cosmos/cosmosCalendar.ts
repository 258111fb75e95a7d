import type { Container } from '@azure/cosmos';
import type { Interval } from '../../domain/calendarTime.js';
import type { Calendar, CalendarEvent, EventTimes } from '../../ports/calendar.js';
import type { Clock } from '../../ports/clock.js';
import { canonicalEvent } from '../canonical.js';
import {
  callCosmos,
  deleteDocument,
  queryOverlapping,
  readDocument,
  storeSettings,
  ttlAfter,
  withoutDocumentFields,
  type CosmosCallOptions,
  type CosmosStoreOptions,
} from './cosmosOps.js';

/** What one event looks like in the `calendarEvents` container: partitioned by coach. */
export type CalendarEventDocument = CalendarEvent & {
  pk: string;
  /** The retention period after the event's end: descriptions carry handoff summaries. */
  ttl: number;
};

/**
 * The coaches' calendars kept by Voordeur itself in Cosmos DB: the {@link Calendar} provider for
 * a coach whose own calendar is not connected (Microsoft Graph and CalDAV are other providers
 * behind the same port). It holds Voordeur's meetings and the coach's own appointments alike — `put` takes any id, so tests, demos and a team's import can add
 * "dentist 10:00-11:00" the same way.
 *
 * `put` is an upsert, last write wins. That is safe here: an event's id is its booking's id
 * (or the id its importer gave it), so two writes of one id describe the same meeting, and the
 * booking — not the calendar — decides who has a slot.
 */
export class CosmosCalendar implements Calendar {
  private readonly ttlSeconds: number;
  private readonly clock: Clock;
  private readonly call: CosmosCallOptions;

  /** @param opts.ttlSeconds - retention in seconds, counted from the end of the event. */
  constructor(
    private readonly container: Container,
    opts: CosmosStoreOptions & { clock: Clock },
  ) {
    ({ ttlSeconds: this.ttlSeconds, call: this.call } = storeSettings(opts));
    this.clock = opts.clock;
  }

  async busy(coachId: string, from: Date, to: Date): Promise<Interval[]> {
    const spans = await queryOverlapping<{ start: string; end: string }>(
      this.container,
      coachId,
      { from, to, select: 'c.start, c["end"]' },
      this.call,
    );
    return spans
      .map((span) => ({ start: Date.parse(span.start), end: Date.parse(span.end) }))
      .sort((a, b) => a.start - b.start || a.end - b.end);
  }

  /** The stored event (for tests and demos: what the coach would see); one point read. */
  async event(coachId: string, eventId: string): Promise<CalendarEvent | undefined> {
    const found = await readDocument<CalendarEventDocument>(
      this.container,
      eventId,
      coachId,
      this.call,
    );
    return found ? withoutDocumentFields<CalendarEvent>(found.resource, ['pk', 'ttl']) : undefined;
  }

  /** One point read: Voordeur's own calendar has no cancelled state, a removed event is gone. */
  async eventTimes(coachId: string, eventId: string): Promise<EventTimes | undefined> {
    const found = await readDocument<CalendarEventDocument>(
      this.container,
      eventId,
      coachId,
      this.call,
    );
    return found ? { start: found.resource.start, end: found.resource.end } : undefined;
  }

  async put(event: CalendarEvent): Promise<void> {
    const canonical = canonicalEvent(event);
    const document: CalendarEventDocument = {
      ...canonical,
      pk: canonical.coachId,
      ttl: ttlAfter(canonical.end, this.ttlSeconds, this.clock.now().getTime()),
    };
    await callCosmos(
      (options) => this.container.items.upsert(document, options),
      this.call,
      this.container,
    );
  }

  async remove(coachId: string, eventId: string): Promise<void> {
    await deleteDocument(this.container, eventId, coachId, this.call);
  }
}
