import { expect } from 'chai';
import type { CosmosConnection } from '../../src/adapters/cosmos/cosmosClient.js';
import type { Booking } from '../../src/ports/bookings.js';
import type { Calendar } from '../../src/ports/calendar.js';
import type { OutboxJob } from '../../src/ports/outbox.js';
import { VoordeurError } from '../../src/errors.js';
import { startTestCosmos, type TestCosmos } from '../adapters/cosmos/cosmosTestServer.js';
import { startMsGraphStandIn, type MsGraphStandIn } from '../adapters/graph/msGraphStandIn.js';
import { TestClock } from '../clocks.js';
import { graphCalendar, instance, mailboxOf, request, type Sent } from './harness.js';

/**
 * The booking outbox against real parts: the Cosmos SDK on the in-process server (two
 * connections for two instances), Graph's wire format from the local stand-in.
 */
describe('the booking outbox (Cosmos server, Graph stand-in)', () => {
  let cosmos: TestCosmos;
  let second: CosmosConnection;
  let standIn: MsGraphStandIn;
  let clock: TestClock;
  let calendar: Calendar;
  let sent: Sent[];

  before(async () => {
    [cosmos, standIn] = await Promise.all([startTestCosmos('outbox'), startMsGraphStandIn()]);
    second = await cosmos.secondInstance();
  });
  after(async () => {
    await standIn?.close();
    await cosmos?.close();
  });
  beforeEach(() => {
    clock = new TestClock('2026-11-23T08:15:00.000Z');
    calendar = graphCalendar(standIn, clock);
    sent = [];
  });
  afterEach(() => standIn.mailboxes.clear());

  const events = () => standIn.mailboxes.get(mailboxOf('elke')) ?? [];

  /** The first time the planner offers now: each test books another one. */
  async function freeStart(one: ReturnType<typeof instance>): Promise<string> {
    const result = await one.planner.propose(
      { key: 'x', language: 'nl', channel: 'webchat', place: 'Haaren' },
      {},
      30,
    );
    if (result.kind === 'none') throw new Error('no free time');
    const elke = result.proposals.find((p) => p.coach.id === 'elke');
    if (!elke) throw new Error('no time with Elke');
    return elke.start.toISOString();
  }

  async function book(one: ReturnType<typeof instance>, key: string): Promise<Booking> {
    const result = await one.planner.book(request(key, await freeStart(one)));
    if (result.kind !== 'booked') throw new Error(`not booked: ${result.kind}`);
    return result.booking;
  }

  const jobOf = (one: ReturnType<typeof instance>, booking: Booking, kind = 'calendarPut') =>
    one.queue.get(booking.id, `${kind}.${Date.parse(booking.createdAt)}`);

  it('writes the event after the turn: once, without surname, phone or BSN', async () => {
    const a = instance(cosmos.cosmos, { clock, calendar, sent, instanceId: 'a' });
    const booking = await book(a, 'webchat/one');
    await a.worker.idle();
    const job = (await jobOf(a, booking)) as OutboxJob;
    expect([job.state, job.outcome]).to.deep.equal(['handled', 'written']);
    expect(events()).to.have.length(1);
    const [event] = events();
    expect(event!.subject).to.equal('Kennismaking: werk');
    expect(event!.body.content).to.not.match(/111222333|12345678/);
    expect(event!.location.displayName).to.contain('Den Domp');
    expect(sent).to.deep.equal([]);
  });

  it('books while the calendar is down, tells the resident plainly, and writes it when back', async () => {
    const a = instance(cosmos.cosmos, { clock, calendar, sent, instanceId: 'a' });
    const start = await freeStart(a);
    // Down: the booking turn's busy read and the job's first attempt both get a 503.
    standIn.failNext({ status: 503 }, { status: 503 });
    const result = await a.planner.book(request('webchat/down', start));
    expect(result.kind).to.equal('booked');
    if (result.kind !== 'booked') return;
    await a.worker.idle();
    const waiting = (await jobOf(a, result.booking)) as OutboxJob;
    expect([waiting.state, waiting.lastError]).to.deep.equal([
      'pending',
      'VD_CALENDAR_UNAVAILABLE',
    ]);
    expect(waiting.dueAt).to.equal(clock.ms + 60_000);
    expect(events()).to.have.length(0);
    // The notice is a job of its own: sent once, in the resident's language.
    await a.worker.idle();
    expect(sent.map((s) => [s.key, s.language, s.notice.kind])).to.deep.equal([
      ['webchat/down', 'tr', 'calendarDelayed'],
    ]);

    // Back: after the back-off, the sweep finds the job and finishes it.
    clock.advance(62_000);
    expect(await a.worker.recover()).to.equal(1);
    await a.worker.idle();
    const done = (await jobOf(a, result.booking)) as OutboxJob;
    expect([done.state, done.outcome]).to.deep.equal(['handled', 'written']);
    expect(events()).to.have.length(1);
    expect(sent).to.have.length(1);
  });

  it('marks a job done once the store is back, without waiting for its lease to run out', async () => {
    let refusals = 2;
    const a = instance(cosmos.cosmos, {
      clock,
      calendar,
      sent,
      instanceId: 'a',
      // The store is unavailable for the first two tries of the done mark (after the write).
      wrapQueue: (queue) => ({
        add: (item) => queue.add(item),
        open: (pk) => queue.open(pk),
        stale: (before, now) => queue.stale(before, now),
        get: (pk, id) => queue.get(pk, id),
        replace: (current, next) =>
          next.state === 'handled' && refusals-- > 0
            ? Promise.reject(new VoordeurError('VD_STORE_UNAVAILABLE', 'stopped'))
            : queue.replace(current, next),
      }),
    });
    const booking = await book(a, 'webchat/blip');
    await a.worker.idle();
    const job = (await jobOf(a, booking)) as OutboxJob;
    expect(refusals).to.equal(-1);
    expect([job.state, job.outcome, job.attempts]).to.deep.equal(['handled', 'written', 1]);
    expect(events()).to.have.length(1);
  });

  it('runs the job after a crash between booking and calendar write, on a new instance', async () => {
    const a = instance(cosmos.cosmos, { clock, calendar, sent, instanceId: 'a' });
    // The instance dies right after the booking is stored: its worker never runs.
    await a.worker.stop(0);
    const booking = await book(a, 'webchat/crash');
    expect(events()).to.have.length(0);

    // A new instance, its own connection to the same Cosmos server, starts and sweeps.
    clock.advance(2_000);
    const b = instance(second, { clock, calendar, sent, instanceId: 'b' });
    expect(await b.worker.recover()).to.be.at.least(1);
    await b.worker.idle();
    const job = (await jobOf(b, booking)) as OutboxJob;
    expect([job.state, job.outcome]).to.deep.equal(['handled', 'written']);
    expect(events()).to.have.length(1);
  });

  it('takes over a job whose instance died holding its claim, once the lease ran out', async () => {
    const a = instance(cosmos.cosmos, { clock, calendar, sent, instanceId: 'a' });
    await a.worker.stop(0);
    const booking = await book(a, 'webchat/lease');
    const [open] = await a.queue.open(booking.id);
    // Instance a claimed it and died.
    const { claim } = await import('../../src/ports/leasedWorkQueue.js');
    await a.queue.replace(open!, claim(open!.value, 'a', clock.ms + 30_000));

    const b = instance(second, { clock, calendar, sent, instanceId: 'b' });
    await b.worker.recover();
    await b.worker.idle();
    expect(events(), 'not while the lease holds').to.have.length(0);
    clock.advance(31_000);
    expect(await b.worker.recover()).to.equal(1);
    await b.worker.idle();
    const job = (await jobOf(b, booking)) as OutboxJob;
    expect([job.state, job.outcome, job.attempts]).to.deep.equal(['handled', 'written', 2]);
    expect(events()).to.have.length(1);
  });

  it('lets one of two instances run a job both try at once', async () => {
    const a = instance(cosmos.cosmos, { clock, calendar, sent, instanceId: 'a' });
    const b = instance(second, { clock, calendar, sent, instanceId: 'b' });
    await a.worker.stop(0);
    const booking = await book(a, 'webchat/twice');
    const before = standIn.requests.filter(
      (r) => r.startsWith('POST') && r.includes('/events'),
    ).length;
    const c = instance(cosmos.cosmos, { clock, calendar, sent, instanceId: 'c' });
    c.worker.dispatch([booking.id]);
    b.worker.dispatch([booking.id]);
    await Promise.all([b.worker.idle(), c.worker.idle()]);
    const writes = standIn.requests.filter((r) => r.startsWith('POST') && r.includes('/events'));
    expect(writes.length - before, 'one create request').to.equal(1);
    expect(events()).to.have.length(1);
    const job = (await jobOf(a, booking)) as OutboxJob;
    expect([job.state, job.attempts]).to.deep.equal(['handled', 1]);
  });

  it('offers new times when the coach filled the time meanwhile, and shows it to staff', async () => {
    const a = instance(cosmos.cosmos, { clock, calendar, sent, instanceId: 'a' });
    await a.worker.stop(0);
    const booking = await book(a, 'webchat/late');
    // The coach books something else in Outlook before the job runs.
    const utc = (iso: string) => ({ dateTime: iso.slice(0, 19), timeZone: 'UTC' });
    standIn.addEvent(mailboxOf('elke'), {
      start: utc(booking.start),
      end: utc(new Date(Date.parse(booking.start) + 30 * 60_000).toISOString()),
      subject: 'Teamoverleg',
      showAs: 'busy',
    });
    const b = instance(second, { clock, calendar, sent, instanceId: 'b' });
    b.worker.dispatch([booking.id]);
    await b.worker.idle();
    const job = (await jobOf(b, booking)) as OutboxJob;
    expect([job.state, job.outcome]).to.deep.equal(['failed', 'conflict']);
    expect(
      events().filter((e) => e.subject !== 'Teamoverleg'),
      'no double booking',
    ).to.deep.equal([]);
    expect(sent).to.have.length(1);
    const notice = sent[0]!.notice;
    expect(notice.kind).to.equal('lateConflict');
    if (notice.kind !== 'lateConflict') return;
    expect(notice.offers.length).to.be.at.least(1);
    expect(notice.offers.map((o) => o.start)).to.not.include(booking.start);
    const troubled = await b.queue.troubled(3, 50);
    expect(troubled.map((t) => [t.pk, t.outcome])).to.deep.include([booking.id, 'conflict']);
  });

  it('clears the calendar when the resident cancels, and never sends a reminder then', async () => {
    const a = instance(cosmos.cosmos, { clock, calendar, sent, instanceId: 'a' });
    const start = await freeStart(a);
    const result = await a.planner.book(
      request('whatsapp/wa_x', start, {
        resident: { key: 'whatsapp/wa_x', language: 'nl', channel: 'whatsapp' },
      }),
    );
    if (result.kind !== 'booked') throw new Error('not booked');
    await a.worker.idle();
    expect(events()).to.have.length(1);
    const reminder = (await jobOf(a, result.booking, 'reminder')) as OutboxJob;
    expect(reminder.state).to.equal('pending');

    const whatsApp = { key: 'whatsapp/wa_x', language: 'nl', channel: 'whatsapp' };
    await a.planner.cancel(whatsApp, { coachId: 'elke', bookingId: result.booking.id });
    await a.worker.idle();
    expect(events()).to.have.length(0);
    // The day before, the reminder finds no booking: nothing is sent.
    clock.ms = reminder.dueAt + 2_000;
    await a.worker.recover();
    await a.worker.idle();
    const after = (await jobOf(a, result.booking, 'reminder')) as OutboxJob;
    expect([after.state, after.outcome]).to.deep.equal(['handled', 'bookingGone']);
    expect(sent).to.deep.equal([]);
  });
});
