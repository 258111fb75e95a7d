import { randomUUID } from 'node:crypto';
import type { Container } from '@azure/cosmos';
import { expect } from 'chai';
import {
  CosmosCalendar,
  type CalendarEventDocument,
} from '../../../src/adapters/cosmos/cosmosCalendar.js';
import type { EmbeddedCosmos } from '../../../src/adapters/cosmos/embeddedCosmos.js';
import { fixedClock as fixedClockAt } from '../../clocks.js';
import type { Clock } from '../../../src/ports/clock.js';
import type { CalendarEvent } from '../../../src/ports/calendar.js';
import { calendarContract } from '../../ports/calendar.contract.js';
import { useTestCosmos } from './cosmosTestServer.js';

const ttlSeconds = 30 * 24 * 3600;
const fixedClock: Clock = fixedClockAt('2031-03-01T00:00:00.000Z');

describe('CosmosCalendar', () => {
  const db = useTestCosmos('calendar');
  let embedded: EmbeddedCosmos;
  let container: Container;
  let coach: string;

  before(() => {
    embedded = db().embedded;
    container = db().cosmos.containers.calendarEvents;
  });
  beforeEach(() => {
    coach = `coach-${randomUUID()}`;
  });

  calendarContract('CosmosCalendar on the embedded Cosmos server', async () => {
    const calendar = new CosmosCalendar(container, { ttlSeconds, clock: fixedClock });
    return {
      calendar,
      event: (coachId, eventId) => calendar.event(coachId, eventId),
      cleanup: async () => {},
    };
  });

  const meeting = (): CalendarEvent => ({
    id: 'booking-1',
    coachId: coach,
    start: '2031-03-04T08:00:00.000Z',
    end: '2031-03-04T08:45:00.000Z',
    title: 'Kennismaking',
    description: 'Wil graag buiten werken.',
  });

  it('writes an event with one upsert and reads busy time with one query', async () => {
    const calendar = new CosmosCalendar(container, { ttlSeconds, clock: fixedClock });
    embedded.requests.reset();
    await calendar.put(meeting());
    expect(embedded.requests.byKind()).to.deep.equal({ 'UPSERT docs': 1 });
    embedded.requests.reset();
    await calendar.busy(coach, new Date('2031-03-04'), new Date('2031-03-05'));
    // The extra POST is @azure/cosmos asking for a query plan alongside the query.
    expect(embedded.requests.byKind()).to.deep.equal({ 'QUERY docs': 1, 'POST docs': 1 });
  });

  it("stores events by coach with a ttl of the retention period after the event's end", async () => {
    const calendar = new CosmosCalendar(container, { ttlSeconds: 1000, clock: fixedClock });
    await calendar.put(meeting());
    const { resource } = await container.item('booking-1', coach).read<CalendarEventDocument>();
    expect(resource?.pk).to.equal(coach);
    expect(resource?.ttl).to.equal(3 * 86_400 + 8 * 3_600 + 45 * 60 + 1000);
    expect(await calendar.event(coach, 'booking-1')).to.deep.equal(meeting());
  });

  it('refuses a ttl that Cosmos would not honour', () => {
    expect(() => new CosmosCalendar(container, { ttlSeconds: 0, clock: fixedClock })).to.throw(
      RangeError,
    );
  });
});
