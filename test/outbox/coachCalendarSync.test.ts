import { expect } from 'chai';
import { pino, type Logger } from 'pino';
import { getBasicAuthHeaders, makeCalendar } from 'tsdav';
import { CalDavCalendar } from '../../src/adapters/caldav/caldavCalendar.js';
import type { CosmosConnection } from '../../src/adapters/cosmos/cosmosClient.js';
import { CosmosFunnelEventStore } from '../../src/adapters/cosmos/cosmosFunnelEvents.js';
import { CosmosMeetingNoteStore } from '../../src/adapters/cosmos/cosmosMeetingNotes.js';
import { CosmosReviewStore } from '../../src/adapters/cosmos/cosmosReviews.js';
import { MemoryCoachDirectory } from '../../src/adapters/memory/memoryCoaches.js';
import { CoachCalendarSync, type SyncRound } from '../../src/outbox/coachCalendarSync.js';
import type { Planner } from '../../src/planner/planner.js';
import type { Booking } from '../../src/ports/bookings.js';
import { calendarAt, type Calendar } from '../../src/ports/calendar.js';
import type { OutboxJob } from '../../src/ports/outbox.js';
import { ConversationRecorder, reviewIdOf } from '../../src/recording/conversationRecorder.js';
import { recordingPlanner } from '../../src/recording/recordingPlanner.js';
import {
  skipWithoutRadicale,
  startRadicale,
  type RunningRadicale,
} from '../adapters/caldav/radicale.js';
import { startTestCosmos, type TestCosmos } from '../adapters/cosmos/cosmosTestServer.js';
import { startMsGraphStandIn, type MsGraphStandIn } from '../adapters/graph/msGraphStandIn.js';
import { TestClock } from '../clocks.js';
import { coaches, graphCalendar, instance, mailboxOf, request, type Sent } from './harness.js';

/**
 * The coach's own calendar read back, with bookings, outbox and staff records in Cosmos DB (the
 * in-process server, real SDK), against Radicale (Debian's, on a free loopback port) and the
 * local Microsoft Graph stand-in (Graph cannot run here; it speaks Graph's documented shapes).
 */

type Instance = ReturnType<typeof instance>;

/** Log lines as written, to check they carry no personal data. */
function capturingLog(lines: string[]): Logger {
  return pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) });
}

function syncOf(
  a: Instance,
  planner: Planner,
  deps: { calendar: Calendar; clock: TestClock; log?: Logger; maxChecksPerRound?: number },
): CoachCalendarSync {
  return new CoachCalendarSync({
    coaches: new MemoryCoachDirectory(coaches),
    bookings: a.bookings,
    calendar: deps.calendar,
    queue: a.queue,
    clock: deps.clock,
    log: deps.log ?? pino({ level: 'silent' }),
    cancel: (booking) =>
      planner.cancel(
        {
          key: booking.residentKey,
          language: booking.summary.language,
          channel: booking.summary.channel,
        },
        { coachId: booking.coachId, bookingId: booking.id },
      ),
    dispatch: (id) => a.worker.dispatch([id]),
    horizonDays: 28,
    ttlSeconds: 86_400,
    ...(deps.maxChecksPerRound ? { maxChecksPerRound: deps.maxChecksPerRound } : {}),
  });
}

/** Books the `nth` time offered (and lets the outbox write the coach's calendar). */
async function book(a: Instance, key: string, nth = 0): Promise<Booking> {
  const offer = await a.planner.propose(
    { key, language: 'tr', channel: 'webchat', place: 'Haaren' },
    {},
  );
  if (offer.kind === 'none') throw new Error('no free time');
  const proposal = offer.proposals[nth]!;
  const result = await a.planner.book(
    request(key, proposal.start.toISOString(), { coachId: proposal.coach.id }),
  );
  if (result.kind !== 'booked') throw new Error(`not booked: ${result.reason}`);
  await a.worker.idle();
  const put = await a.queue.get(
    result.booking.id,
    `calendarPut.${Date.parse(result.booking.createdAt)}`,
  );
  expect(put?.outcome).to.equal('written');
  return result.booking;
}

const nameOf = (booking: Booking) => coaches.find((c) => c.id === booking.coachId)!.name;
/** The coach-cancelled notices sent, without their trace (checked in test/outbox/sendOnce.test.ts). */
const noticesIn = (sent: Sent[]) =>
  sent
    .filter((s) => s.notice.kind === 'coachCancelled')
    .map(({ key, language, notice }) => {
      // The cancellation file's details are checked on their own (see fileOf).
      const said = Object.fromEntries(Object.entries(notice).filter(([k]) => k !== 'calendarFile'));
      return { key, language, notice: said };
    });
/** What the cancellation calendar file of the first coach-cancelled notice is made of. */
const fileOf = (sent: Sent[]) =>
  sent.map((s) => s.notice).find((n) => n.kind === 'coachCancelled' && 'calendarFile' in n);
const changes = (round: SyncRound) => ({ gone: round.gone, moved: round.moved });

describe("the coach's own calendar read back (Radicale, Cosmos server)", function () {
  this.timeout(30_000);
  let cosmos: TestCosmos;
  let radicale: RunningRadicale;
  let calendar: Calendar;
  let collectionOf: (coachId: string) => string;
  const clock = new TestClock('2026-11-23T08:15:00.000Z');

  before(async function () {
    skipWithoutRadicale(this);
    radicale = await startRadicale();
    collectionOf = (coachId) => `${radicale.url}${radicale.username}/${coachId}/`;
    for (const coachId of coaches.map((c) => c.id)) {
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
  });
  // Each test its own database: the bookings of one are not the upcoming bookings of another.
  beforeEach(async () => {
    cosmos = await startTestCosmos('coach-sync');
  });
  afterEach(async () => {
    await cosmos?.close();
  });

  /** As the coach's phone or Thunderbird would: a DELETE of the event's object. */
  async function deleteInRadicale(booking: Booking): Promise<void> {
    const url = new URL(`${encodeURIComponent(booking.id)}.ics`, collectionOf(booking.coachId));
    const response = await fetch(url, {
      method: 'DELETE',
      headers: getBasicAuthHeaders(radicale),
    });
    expect(response.status).to.be.oneOf([200, 204]);
  }

  it('cancels a booking whose event the coach deleted, tells the resident once, and frees the slot', async () => {
    const sent: Sent[] = [];
    const a = instance(cosmos.cosmos, { clock, calendar, sent, instanceId: 'a' });
    const second: CosmosConnection = await cosmos.secondInstance();
    const b = instance(second, { clock, calendar, sent, instanceId: 'b' });
    const silent = pino({ level: 'silent' });
    const reviews = new CosmosReviewStore(cosmos.cosmos.containers.conversationReviews, {
      ttlSeconds: 3600,
    });
    const recorder = new ConversationRecorder({
      reviews,
      funnel: new CosmosFunnelEventStore(cosmos.cosmos.containers.funnelEvents, {
        ttlSeconds: 3600,
      }),
      notes: new CosmosMeetingNoteStore(cosmos.cosmos.containers.meetingNotes, {
        ttlSeconds: 3600,
        clock,
      }),
      clock,
      log: silent,
    });
    // As in the app: the planner the chat uses, recorded for the staff pages.
    const [plannerA, plannerB] = [recordingPlanner(a.planner, recorder), b.planner];
    const booking = await book(a, 'webchat/coach-deleted');
    await recorder.booked(
      { key: booking.residentKey, channel: 'webchat', language: 'tr' },
      booking,
    );
    const [syncA, syncB] = [
      syncOf(a, plannerA, { calendar, clock }),
      syncOf(b, plannerB, { calendar, clock }),
    ];
    const first = await syncA.round();
    expect([first.checked, first.unchanged]).to.deep.equal([1, 1]);

    await deleteInRadicale(booking);
    // Two instances poll at the same moment.
    const rounds = await Promise.all([syncA.round(), syncB.round()]);
    expect(rounds.map((r) => r.gone).reduce((x, y) => x + y)).to.be.greaterThan(0);
    await Promise.all([a.worker.idle(), b.worker.idle()]);

    expect(await a.bookings.get(booking.coachId, booking.id)).to.equal(undefined);
    expect(
      await a.bookings.busyIntervals(
        booking.coachId,
        new Date(booking.start),
        new Date(booking.end),
      ),
    ).to.deep.equal([]);
    expect(noticesIn(sent)).to.deep.equal([
      {
        key: 'webchat/coach-deleted',
        language: 'tr',
        notice: {
          kind: 'coachCancelled',
          coachName: nameOf(booking),
          start: booking.start,
          intent: 'work',
        },
      },
    ]);
    // With what the resident's cancellation calendar file needs: same meeting, same booking.
    const file = fileOf(sent) as { calendarFile?: { end: string; bookedAt: string } } | undefined;
    expect(file?.calendarFile).to.include({ end: booking.end, bookedAt: booking.createdAt });
    const review = await reviews.get(reviewIdOf(booking.residentKey));
    expect(review?.cancelled).to.equal(true);
    const jobs = await cosmos.cosmos.containers.outbox.items
      .query<OutboxJob>({
        query: 'SELECT * FROM c WHERE c.pk = @pk',
        parameters: [{ name: '@pk', value: booking.id }],
      })
      .fetchAll();
    expect(jobs.resources.filter((j) => j.kind === 'notice')).to.have.length(1);
    expect(jobs.resources.find((j) => j.kind === 'calendarRemove')?.outcome).to.equal('removed');

    // Later rounds, on either instance, find nothing more to do.
    for (const sync of [syncA, syncB]) {
      const again = await sync.round();
      expect(changes(again)).to.deep.equal({ gone: 0, moved: 0 });
    }
    await a.worker.idle();
    expect(noticesIn(sent)).to.have.length(1);
  });

  it('does not take a booking whose calendar job has not written yet for cancelled', async () => {
    const sent: Sent[] = [];
    const a = instance(cosmos.cosmos, { clock, calendar, sent, instanceId: 'a' });
    const booking = await book(a, 'webchat/not-written');
    // As if the write were still to come: the job open again, the event not there.
    const jobId = `calendarPut.${Date.parse(booking.createdAt)}`;
    const job = (await a.queue.get(booking.id, jobId))!;
    const reopened: OutboxJob = { ...job, state: 'pending', dueAt: clock.ms + 3_600_000 };
    delete reopened.outcome;
    await cosmos.cosmos.containers.outbox.item(jobId, booking.id).replace(reopened);
    await deleteInRadicale(booking);

    const round = await syncOf(a, a.planner, { calendar, clock }).round();
    expect(round.notWritten).to.be.greaterThan(0);
    expect(changes(round)).to.deep.equal({ gone: 0, moved: 0 });
    expect(await a.bookings.get(booking.coachId, booking.id)).not.to.equal(undefined);
    expect(noticesIn(sent)).to.deep.equal([]);
  });

  it('sends nothing when the resident cancelled it themselves while the round was under way', async () => {
    const sent: Sent[] = [];
    const a = instance(cosmos.cosmos, { clock, calendar, sent, instanceId: 'a' });
    const booking = await book(a, 'webchat/resident-cancelled');
    // The round has listed the booking; before it reads the calendar, the resident cancels in
    // the chat and the outbox removes the event.
    const racing: Calendar = {
      ...calendar,
      eventTimes: async (coachId, eventId) => {
        await a.planner.cancel(
          { key: booking.residentKey, language: 'tr', channel: 'webchat' },
          { coachId: booking.coachId, bookingId: booking.id },
        );
        await a.worker.idle();
        return calendar.eventTimes(coachId, eventId);
      },
    };
    const round = await syncOf(a, a.planner, { calendar: racing, clock }).round();
    expect(await calendar.eventTimes(booking.coachId, booking.id)).to.equal(undefined);
    expect(changes(round)).to.deep.equal({ gone: 0, moved: 0 });
    await a.worker.idle();
    expect(noticesIn(sent)).to.deep.equal([]);
  });

  it('logs a calendar that does not answer without personal data, loses nothing, and goes on next round', async () => {
    const sent: Sent[] = [];
    const a = instance(cosmos.cosmos, { clock, calendar, sent, instanceId: 'a' });
    const booking = await book(a, 'webchat/provider-down');
    await deleteInRadicale(booking);
    // The same coaches, but their CalDAV server is not there (a closed loopback port).
    const down = calendarAt(
      new CalDavCalendar({ credentials: radicale, clock, retry: { attempts: 1 } }),
      (coachId) => `http://127.0.0.1:9/${radicale.username}/${coachId}/`,
    );
    const lines: string[] = [];
    const failed = await syncOf(a, a.planner, {
      calendar: down,
      clock,
      log: capturingLog(lines),
    }).round();
    expect(failed.unreachable).to.be.greaterThan(0);
    expect(changes(failed)).to.deep.equal({ gone: 0, moved: 0 });
    expect(await a.bookings.get(booking.coachId, booking.id)).not.to.equal(undefined);
    const log = lines.join('\n');
    expect(log).to.include('VD_CALENDAR_UNAVAILABLE');
    for (const personal of [booking.coachId, booking.residentKey, booking.id, 'BSN', '06-1234'])
      expect(log).not.to.include(personal);

    const next = await syncOf(a, a.planner, { calendar, clock }).round();
    expect(next.gone).to.equal(1);
    await a.worker.idle();
    expect(noticesIn(sent).map((s) => s.notice.start)).to.deep.equal([booking.start]);
  });
});

describe("the coach's own calendar read back (Microsoft Graph stand-in, Cosmos server)", function () {
  this.timeout(30_000);
  let cosmos: TestCosmos;
  let standIn: MsGraphStandIn;
  let calendar: Calendar;
  const clock = new TestClock('2026-11-23T08:15:00.000Z');

  before(async () => {
    standIn = await startMsGraphStandIn();
    calendar = graphCalendar(standIn, clock);
  });
  after(async () => {
    await standIn?.close();
  });
  beforeEach(async () => {
    cosmos = await startTestCosmos('coach-sync-graph');
  });
  afterEach(async () => {
    await cosmos?.close();
  });

  /** As Outlook does when the coach deletes it: the event is no longer in the mailbox. */
  const deleteInOutlook = (booking: Booking) => {
    const events = standIn.mailboxes.get(mailboxOf(booking.coachId).toLowerCase())!;
    for (const event of eventOf(booking)) events.splice(events.indexOf(event), 1);
  };

  const eventOf = (booking: Booking) =>
    standIn.voordeurEvents(mailboxOf(booking.coachId), booking.id);

  it('cancels a booking whose event the coach deleted or cancelled in Outlook', async () => {
    const sent: Sent[] = [];
    const a = instance(cosmos.cosmos, { clock, calendar, sent, instanceId: 'a' });
    const deleted = await book(a, 'webchat/graph-deleted', 0);
    const cancelled = await book(a, 'webchat/graph-cancelled', 1);
    const sync = syncOf(a, a.planner, { calendar, clock });
    expect((await sync.round()).unchanged).to.equal(2);

    deleteInOutlook(deleted);
    eventOf(cancelled)[0]!.isCancelled = true;
    expect(changes(await sync.round())).to.deep.equal({ gone: 2, moved: 0 });
    await a.worker.idle();

    expect(
      noticesIn(sent)
        .map((s) => [s.key, s.notice.start])
        .sort(),
    ).to.deep.equal([
      ['webchat/graph-cancelled', cancelled.start],
      ['webchat/graph-deleted', deleted.start],
    ]);
    // The cancelled event that Outlook kept goes with the booking.
    expect(eventOf(cancelled)).to.deep.equal([]);
  });

  it("treats a move in Outlook as 'cannot at the booked time': the resident chooses again", async () => {
    const sent: Sent[] = [];
    const a = instance(cosmos.cosmos, { clock, calendar, sent, instanceId: 'a' });
    const booking = await book(a, 'webchat/graph-moved');
    const [event] = eventOf(booking);
    const later = Date.parse(booking.start) + 2 * 3_600_000;
    event!.start = { dateTime: new Date(later).toISOString().slice(0, -1), timeZone: 'UTC' };
    event!.end = {
      dateTime: new Date(later + 45 * 60_000).toISOString().slice(0, -1),
      timeZone: 'UTC',
    };

    const sync = syncOf(a, a.planner, { calendar, clock });
    expect(changes(await sync.round())).to.deep.equal({ gone: 0, moved: 1 });
    await a.worker.idle();
    expect(await a.bookings.get(booking.coachId, booking.id)).to.equal(undefined);
    expect(noticesIn(sent).map((s) => s.notice)).to.deep.equal([
      { kind: 'coachCancelled', coachName: nameOf(booking), start: booking.start, intent: 'work' },
    ]);
    // No meeting was agreed at the new time: the event goes, the coach's time is free again.
    expect(eventOf(booking)).to.deep.equal([]);
  });

  it('looks at a bounded number of bookings per round and reaches the others in the next', async () => {
    const sent: Sent[] = [];
    const a = instance(cosmos.cosmos, { clock, calendar, sent, instanceId: 'a' });
    const sync = syncOf(a, a.planner, { calendar, clock, maxChecksPerRound: 1 });
    const [soon, later] = [
      await book(a, 'webchat/graph-soon', 0),
      await book(a, 'webchat/graph-later', 1),
    ];
    expect(Date.parse(soon.start)).to.be.lessThan(Date.parse(later.start));
    deleteInOutlook(soon);
    deleteInOutlook(later);
    const rounds = [await sync.round(), await sync.round(), await sync.round()];
    expect(rounds.map((r) => [r.upcoming, r.checked, r.gone])).to.deep.equal([
      [2, 1, 1],
      [1, 1, 1],
      [0, 0, 0],
    ]);
    await a.worker.idle();
    expect(noticesIn(sent).map((s) => s.key)).to.deep.equal([
      'webchat/graph-soon',
      'webchat/graph-later',
    ]);
  });

  it('runs rounds on its interval until stopped, and never with an interval of 0', async () => {
    const sent: Sent[] = [];
    const a = instance(cosmos.cosmos, { clock, calendar, sent, instanceId: 'a' });
    await book(a, 'webchat/graph-loop');
    const reads = () => standIn.requests.filter((r) => r.startsWith('GET')).length;
    const off = syncOf(a, a.planner, { calendar, clock });
    const before = reads();
    off.start(0);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await off.stop();
    expect(reads()).to.equal(before);

    const on = syncOf(a, a.planner, { calendar, clock });
    on.start(20);
    while (reads() < before + 2) await new Promise((resolve) => setTimeout(resolve, 10));
    await on.stop();
    const stopped = reads();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(reads()).to.equal(stopped);
  });

  it('tries again next round when Graph is down', async () => {
    const sent: Sent[] = [];
    const a = instance(cosmos.cosmos, { clock, calendar, sent, instanceId: 'a' });
    const booking = await book(a, 'webchat/graph-down');
    deleteInOutlook(booking);
    standIn.failNext({ status: 503, method: 'GET' });
    const sync = syncOf(a, a.planner, { calendar, clock });
    const down = await sync.round();
    expect(down.unreachable).to.be.greaterThan(0);
    expect(await a.bookings.get(booking.coachId, booking.id)).not.to.equal(undefined);
    expect((await sync.round()).gone).to.equal(1);
    await a.worker.idle();
    expect(noticesIn(sent).map((s) => s.key)).to.deep.equal(['webchat/graph-down']);
  });
});
