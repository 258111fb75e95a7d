import { expect } from 'chai';
import { getBasicAuthHeaders, makeCalendar } from 'tsdav';
import { CalDavCalendar } from '../../src/adapters/caldav/caldavCalendar.js';
import type { CosmosConnection } from '../../src/adapters/cosmos/cosmosClient.js';
import { calendarAt, type Calendar } from '../../src/ports/calendar.js';
import { claim, type WorkItem } from '../../src/ports/leasedWorkQueue.js';
import type { OutboxJob } from '../../src/ports/outbox.js';
import {
  skipWithoutRadicale,
  startRadicale,
  type RunningRadicale,
} from '../adapters/caldav/radicale.js';
import { startTestCosmos, type TestCosmos } from '../adapters/cosmos/cosmosTestServer.js';
import { TestClock } from '../clocks.js';
import { instance, request, type Sent } from './harness.js';

/**
 * The outbox against a CalDAV server (Debian's Radicale, started on a free loopback port) and
 * the Cosmos SDK on the in-process server: an instance that wrote the event and died before it
 * marked the job done leaves a job that runs again elsewhere — and still one event.
 */
describe('the booking outbox with CalDAV (Radicale, Cosmos server)', function () {
  this.timeout(30_000);
  let cosmos: TestCosmos;
  let second: CosmosConnection;
  let radicale: RunningRadicale;
  let calendar: Calendar;
  const clock = new TestClock('2026-11-23T08:15:00.000Z');

  before(async function () {
    skipWithoutRadicale(this);
    [cosmos, radicale] = await Promise.all([startTestCosmos('outbox-caldav'), startRadicale()]);
    second = await cosmos.secondInstance();
    const collectionOf = (coachId: string) => `${radicale.url}${radicale.username}/${coachId}/`;
    for (const coachId of ['elke', 'samir', 'joyce']) {
      await makeCalendar({
        url: collectionOf(coachId),
        props: {},
        headers: getBasicAuthHeaders(radicale),
      });
    }
    calendar = calendarAt(
      new CalDavCalendar({ credentials: radicale, clock, retry: { attempts: 1 } }),
      collectionOf,
    );
  });
  after(async () => {
    await radicale?.stop();
    await cosmos?.close();
  });

  it('runs a job again after a crash that followed the write, and keeps one event', async () => {
    const sent: Sent[] = [];
    const a = instance(cosmos.cosmos, { clock, calendar, sent, instanceId: 'a' });
    const offer = await a.planner.propose(
      { key: 'x', language: 'nl', channel: 'webchat', place: 'Haaren' },
      {},
    );
    if (offer.kind === 'none') throw new Error('no free time');
    const proposal = offer.proposals[0]!;
    const result = await a.planner.book(
      request('webchat/caldav', proposal.start.toISOString(), { coachId: proposal.coach.id }),
    );
    if (result.kind !== 'booked') throw new Error('not booked');
    const { booking } = result;
    await a.worker.idle();
    const jobId = `calendarPut.${Date.parse(booking.createdAt)}`;
    expect((await a.queue.get(booking.id, jobId))?.outcome).to.equal('written');

    // As if "done" never landed: the job stays claimed by instance a, which died.
    const done = (await a.queue.get(booking.id, jobId)) as OutboxJob;
    const reopened: OutboxJob & WorkItem = { ...done, state: 'pending' };
    delete reopened.outcome;
    delete reopened.handledAt;
    await cosmos.cosmos.containers.outbox
      .item(jobId, booking.id)
      .replace(claim(reopened, 'a', clock.ms + 30_000));

    clock.advance(31_000);
    const b = instance(second, { clock, calendar, sent, instanceId: 'b' });
    expect(await b.worker.recover()).to.equal(1);
    await b.worker.idle();
    const again = (await b.queue.get(booking.id, jobId)) as OutboxJob;
    // Its own event is no clash: written again, in place.
    expect([again.state, again.outcome]).to.deep.equal(['handled', 'written']);
    const busy = await calendar.busy(
      booking.coachId,
      new Date(booking.start),
      new Date(booking.end),
    );
    expect(busy, 'one event, no duplicate').to.have.length(1);
    expect(sent).to.deep.equal([]);
  });
});
