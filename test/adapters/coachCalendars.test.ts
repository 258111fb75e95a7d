import { expect } from 'chai';
import { checkCalendarSettings, CoachCalendars } from '../../src/adapters/coachCalendars.js';
import { MemoryCalendar } from '../../src/adapters/memory/memoryCalendar.js';
import { MemoryCoachDirectory } from '../../src/adapters/memory/memoryCoaches.js';
import type { Interval } from '../../src/domain/calendarTime.js';
import type { CalendarEvent, CalendarService, EventTimes } from '../../src/ports/calendar.js';
import { coach } from '../ports/coachDirectory.contract.js';

/** A calendar service kept in memory, one MemoryCalendar per address: where did each call go? */
class AddressedMemory implements CalendarService {
  readonly calendars = new Map<string, MemoryCalendar>();
  /** Each address is one calendar, so one owner id inside it is enough. */
  private readonly owner = 'owner';
  private at(address: string) {
    if (!this.calendars.has(address)) this.calendars.set(address, new MemoryCalendar());
    return this.calendars.get(address)!;
  }
  busy(address: string, from: Date, to: Date): Promise<Interval[]> {
    return this.at(address).busy(this.owner, from, to);
  }
  put(address: string, event: CalendarEvent): Promise<void> {
    return this.at(address).put({ ...event, coachId: this.owner });
  }
  remove(address: string, eventId: string): Promise<void> {
    return this.at(address).remove(this.owner, eventId);
  }
  eventTimes(address: string, eventId: string): Promise<EventTimes | undefined> {
    return this.at(address).eventTimes(this.owner, eventId);
  }
}

const event = (coachId: string): CalendarEvent => ({
  id: `${coachId}_2031-03-04T08-00-00-000Z`,
  coachId,
  start: '2031-03-04T08:00:00.000Z',
  end: '2031-03-04T08:45:00.000Z',
  title: 'Kennismaking',
  description: '',
});
const day = [new Date('2031-03-04T00:00:00Z'), new Date('2031-03-05T00:00:00Z')] as const;

describe('CoachCalendars (the calendar chosen per coach)', () => {
  const coaches = [
    coach('elke', { calendar: { provider: 'graph', mailbox: 'elke@gemeente-voorbeeld.nl' } }),
    coach('samir', { calendar: { provider: 'caldav', url: 'https://dav.example.nl/samir/' } }),
    coach('joyce'),
  ];

  it("sends each coach's busy time, writes and removals to their own calendar", async () => {
    const [embedded, graph, caldav] = [
      new MemoryCalendar(),
      new AddressedMemory(),
      new AddressedMemory(),
    ];
    const calendars = new CoachCalendars({
      coaches: new MemoryCoachDirectory(coaches),
      embedded,
      graph,
      caldav,
    });
    for (const id of ['elke', 'samir', 'joyce']) await calendars.put(event(id));

    expect([...graph.calendars.keys()]).to.deep.equal(['elke@gemeente-voorbeeld.nl']);
    expect([...caldav.calendars.keys()]).to.deep.equal(['https://dav.example.nl/samir/']);
    expect(await embedded.busy('joyce', ...day)).to.have.length(1);
    expect(await embedded.busy('elke', ...day)).to.deep.equal([]);
    for (const id of ['elke', 'samir', 'joyce']) {
      expect(await calendars.busy(id, ...day), id).to.have.length(1);
      expect(await calendars.eventTimes(id, event(id).id), id).to.deep.equal({
        start: event(id).start,
        end: event(id).end,
      });
      await calendars.remove(id, event(id).id);
      expect(await calendars.eventTimes(id, event(id).id), id).to.equal(undefined);
      expect(await calendars.busy(id, ...day), id).to.deep.equal([]);
    }
  });

  it('refuses at start-up a coach whose provider is not configured, naming coach and field', () => {
    expect(() => checkCalendarSettings(coaches, { graph: true, caldav: true })).not.to.throw();
    expect(() => checkCalendarSettings(coaches, { graph: false, caldav: true })).to.throw(
      /coach "elke": calendar.provider is "graph", but GRAPH_CLIENT_SECRET .* are not configured/,
    );
  });

  it('says the same when such a coach appears later', async () => {
    const calendars = new CoachCalendars({
      coaches: new MemoryCoachDirectory(coaches),
      embedded: new MemoryCalendar(),
    });
    const error = await calendars.busy('elke', ...day).catch((e: unknown) => e);
    expect(String(error)).to.contain('coach "elke": calendar.provider is "graph"');
  });
});
