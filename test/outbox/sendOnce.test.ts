import { expect } from 'chai';
import { pino } from 'pino';
import type { CosmosConnection } from '../../src/adapters/cosmos/cosmosClient.js';
import { CosmosOutbox } from '../../src/adapters/cosmos/cosmosOutbox.js';
import { pseudonym } from '../../src/domain/pseudonym.js';
import { LeasedWorker } from '../../src/outbox/leasedWorker.js';
import type { Booking } from '../../src/ports/bookings.js';
import type { Calendar } from '../../src/ports/calendar.js';
import {
  outboxJobId,
  outboxOrder,
  type OutboxJob,
  type OutboxQueue,
  type ResidentNoticeKind,
} from '../../src/ports/outbox.js';
import type { ResidentNotifier } from '../../src/ports/residentNotices.js';
import { startTestCosmos, type TestCosmos } from '../adapters/cosmos/cosmosTestServer.js';
import { startMsGraphStandIn, type MsGraphStandIn } from '../adapters/graph/msGraphStandIn.js';
import { TestClock } from '../clocks.js';
import { graphCalendar, instance, request, settings, type Sent } from './harness.js';

/** An instance's outbox queue after it died: no write reaches Cosmos DB any more. */
function dyingQueue(queue: OutboxQueue, dead: () => boolean): OutboxQueue {
  return {
    add: (item) => queue.add(item),
    open: (pk) => queue.open(pk),
    stale: (before, now) => queue.stale(before, now),
    get: (pk, id) => queue.get(pk, id),
    replace: (current, next) =>
      dead() ? Promise.reject(new Error('the instance died')) : queue.replace(current, next),
  };
}

/**
 * A message to the resident when an instance dies between sending it and marking its job done:
 * what is sent again and what is not (src/outbox/noticeDelivery.ts). Real parts: the Cosmos SDK
 * on the in-process server, two connections for two instances; Graph's local stand-in for the
 * coach's calendar. The notifier records what it sends (the channels are tested with them).
 */
describe('outbox messages when an instance dies while sending (Cosmos server)', () => {
  let cosmos: TestCosmos;
  let second: CosmosConnection;
  let standIn: MsGraphStandIn;
  let clock: TestClock;
  let calendar: Calendar;
  let sent: Sent[];

  before(async () => {
    [cosmos, standIn] = await Promise.all([startTestCosmos('sendonce'), startMsGraphStandIn()]);
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

  let residents = 0;

  /** A booking whose calendar write is done, with one message job queued for it. */
  async function bookingWithMessage(
    what: 'reminder' | ResidentNoticeKind,
  ): Promise<{ booking: Booking; job: OutboxJob }> {
    const setup = instance(cosmos.cosmos, { clock, calendar, sent, instanceId: 'setup' });
    const proposals = await setup.planner.propose(
      { key: 'x', language: 'nl', channel: 'webchat', place: 'Haaren' },
      {},
      40,
    );
    if (proposals.kind === 'none') throw new Error('no free time');
    const start = proposals.proposals[residents]!.start.toISOString();
    const key = `webchat/resident-${++residents}`;
    const result = await setup.planner.book(request(key, start));
    if (result.kind !== 'booked') throw new Error(`not booked: ${result.kind}`);
    await setup.worker.idle();
    const { booking } = result;
    const notice = what === 'reminder' ? undefined : what;
    const job: OutboxJob = {
      id: outboxJobId(notice ? 'notice' : 'reminder', booking.createdAt, notice),
      pk: booking.id,
      kind: notice ? 'notice' : 'reminder',
      coachId: booking.coachId,
      bookingCreatedAt: booking.createdAt,
      residentKey: key,
      receivedAt: clock.ms,
      dueAt: clock.ms,
      state: 'pending',
      attempts: 0,
      ttl: 86_400,
      ...(notice ? { notice } : {}),
      ...(notice === 'coachCancelled' ? { meetingStart: booking.start, language: 'nl' } : {}),
    };
    await setup.queue.add(job);
    return { booking, job };
  }

  /**
   * Instance a works the job: the notifier sends (recorded), then the instance dies before it
   * can mark the job done. After the lease ran out, instance b sweeps.
   */
  async function crashAfterSend(what: 'reminder' | ResidentNoticeKind) {
    const { booking, job } = await bookingWithMessage(what);
    let dead = false;
    const recorded: Sent[] = [];
    const notifier: ResidentNotifier = {
      send: async (key, language, notice, trace) => {
        recorded.push({ key, language, notice, trace });
        dead = true; // the channel took the message; the process ends right here
        return 'sent';
      },
    };
    const a = instance(cosmos.cosmos, {
      clock,
      calendar,
      sent,
      instanceId: 'a',
      notifier,
      wrapQueue: (queue) => dyingQueue(queue, () => dead),
    });
    a.worker.dispatch([booking.id]);
    await a.worker.idle();
    await a.worker.stop(0);
    expect(recorded, 'instance a sent it before it died').to.have.length(1);
    const left = (await a.queue.get(booking.id, job.id))!;
    expect(left.state, 'never marked done').to.equal('claimed');
    expect(left.sendingAt, 'marked as sending before the send').to.be.a('number');

    clock.advance(settings.leaseMs + 1_000);
    const b = instance(second, { clock, calendar, sent, instanceId: 'b' });
    expect(await b.worker.recover()).to.be.at.least(1);
    await b.worker.idle();
    const after = (await b.queue.get(booking.id, job.id))!;
    return { booking, job, recorded, after };
  }

  for (const what of ['reminder', 'calendarDelayed'] as const) {
    it(`does not send a ${what} again: at most once`, async () => {
      const { after } = await crashAfterSend(what);
      expect(sent, 'instance b sends nothing').to.deep.equal([]);
      expect([after.state, after.outcome, after.attempts]).to.deep.equal([
        'handled',
        'maybeSent',
        2,
      ]);
    });
  }

  for (const what of ['coachCancelled', 'lateConflict'] as const) {
    it(`sends a ${what} again: losing it is worse than reading it twice`, async () => {
      const { job, recorded, after } = await crashAfterSend(what);
      expect(sent.map((s) => [s.key, s.notice.kind])).to.deep.equal([[recorded[0]!.key, what]]);
      expect([after.state, after.outcome, after.attempts]).to.deep.equal(['handled', 'sent', 2]);
      // Both sends name the job, so a repeat can be traced (WhatsApp: biz_opaque_callback_data).
      const trace = `${pseudonym(job.pk)}/${job.id}`;
      expect([recorded[0]!.trace, sent[0]!.trace]).to.deep.equal([trace, trace]);
    });
  }

  it('sends a reminder the channel refused on the next try: a refusal is not a send', async () => {
    const { booking, job } = await bookingWithMessage('reminder');
    let refusals = 1;
    const notifier: ResidentNotifier = {
      send: async (key, language, notice, trace) => {
        if (refusals-- > 0)
          throw Object.assign(new Error('503'), { code: 'VD_WHATSAPP_SEND_FAILED' });
        sent.push({ key, language, notice, trace });
        return 'sent';
      },
    };
    const a = instance(cosmos.cosmos, { clock, calendar, sent, instanceId: 'a', notifier });
    a.worker.dispatch([booking.id]);
    await a.worker.idle();
    const waiting = (await a.queue.get(booking.id, job.id))!;
    expect([waiting.state, waiting.lastError, waiting.sendingAt]).to.deep.equal([
      'pending',
      'VD_WHATSAPP_SEND_FAILED',
      undefined,
    ]);
    clock.ms = waiting.dueAt + 2_000;
    await a.worker.recover();
    await a.worker.idle();
    const done = (await a.queue.get(booking.id, job.id))!;
    expect([done.state, done.outcome]).to.deep.equal(['handled', 'sent']);
    expect(sent.map((s) => s.notice.kind)).to.deep.equal(['reminder']);
  });

  it('stops a slow instance from sending once another took the job over', async () => {
    const queue = new CosmosOutbox(cosmos.cosmos.containers.outbox);
    const { booking, job } = await bookingWithMessage('coachCancelled');
    let resume: () => void = () => undefined;
    const paused = new Promise<void>((resolve) => (resume = resolve));
    const sends: string[] = [];
    const worker = (name: string, pause: boolean) =>
      new LeasedWorker<OutboxJob>({
        queue,
        clock,
        log: pino({ level: 'silent' }),
        label: 'outbox job',
        instanceId: name,
        leaseMs: settings.leaseMs,
        graceMs: settings.graceMs,
        recoveryIntervalMs: 3_600_000,
        maxAttempts: 5,
        order: outboxOrder,
        handle: async (item, checkpoint) => {
          if (pause) await paused; // a long garbage collection, a slow network
          await checkpoint((stored) => ({ ...stored, sendingAt: clock.ms }));
          sends.push(name);
          return 'sent';
        },
      });
    const slow = worker('slow', true);
    slow.dispatch([booking.id]);
    // Let the slow instance claim the job, then let its lease run out.
    for (let i = 0; i < 50 && (await queue.get(booking.id, job.id))?.state !== 'claimed'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    clock.advance(settings.leaseMs + 1_000);
    const fast = worker('fast', false);
    await fast.recover();
    await fast.idle();
    resume();
    await slow.idle();
    expect(sends).to.deep.equal(['fast']);
    const done = (await queue.get(booking.id, job.id))!;
    expect([done.state, done.outcome, done.attempts]).to.deep.equal(['handled', 'sent', 2]);
  });
});
