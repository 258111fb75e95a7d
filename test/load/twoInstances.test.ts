import { expect } from 'chai';
import { skipWithoutRadicale } from '../adapters/caldav/radicale.js';
import { problemsOf, runPhase, type PhaseOptions } from './phases.js';
import { startStack, type Stack } from './stack.js';

/**
 * `npm run load:instances` in small: two Voordeur processes (`src/index.ts`) on one Cosmos server
 * process, residents booking over the local Direct Line and over Bot Framework (each message to
 * the other instance). Real parts only: the Cosmos SDK against the in-memory Cosmos server in its
 * own process, Radicale for the coaches' CalDAV calendars (behind a proxy that answers 503).
 * Only correctness is asserted, never timing: the machine may be busy.
 */
describe('two instances on one Cosmos server, under faults (load test in small)', function () {
  this.timeout(120_000);
  let stack: Stack | undefined;

  before(async function () {
    skipWithoutRadicale(this);
    stack = await startStack({ cosmosCoaches: 2, caldavCoaches: 2 });
  });
  after(async () => {
    await stack?.close();
  });

  const base = {
    residents: 10,
    botFrameworkEvery: 4,
    thinkMs: [50, 150] as const,
    rampMs: 500,
    drainWithinMs: 30_000,
  };

  it('with the Cosmos process stopped for 6 s mid-run: every message answered once, in order; no update lost; no double booking; everyone booked', async () => {
    const fault: PhaseOptions['fault'] = { kind: 'storeStopped', seconds: 6 };
    const f = await runPhase(stack!, {
      ...base,
      name: 'store stopped',
      coachIds: stack!.coaches.cosmos,
      fault,
    });
    expect(problemsOf(f, fault), JSON.stringify(f)).to.deep.equal([]);
    expect(f.sent).to.be.at.least(10 * 10);
    expect(f.answered).to.equal(f.sent);
    expect([f.wrongAnswers, f.duplicateReplies, f.outOfOrder, f.doubleBookings]).to.deep.equal([
      0, 0, 0, 0,
    ]);
    expect(f.booked).to.equal(10);
    // The stop reached residents mid-conversation, and each of them got an answer.
    expect(f.affected).to.be.greaterThan(0);
    expect(f.told).to.equal(f.affected);
    expect(f.outbox.drained).to.equal(true);
    expect(f.rss.map((r) => r.exited)).to.deep.equal(['running', 'running']);
  });

  it('with the calendar answering 503: bookings stand, everyone is told, every event is written after it recovers', async () => {
    const fault: PhaseOptions['fault'] = { kind: 'calendar503', seconds: 2 };
    const f = await runPhase(stack!, {
      ...base,
      name: 'calendar 503',
      coachIds: stack!.coaches.caldav,
      fault,
    });
    expect(problemsOf(f, fault), JSON.stringify(f)).to.deep.equal([]);
    expect(f.booked).to.equal(10);
    expect(f.calendarRequests?.refused).to.be.greaterThan(0);
    expect(f.told).to.equal(10);
    expect([f.outbox.drained, f.outbox.open, f.missingEvents, f.extraEvents]).to.deep.equal([
      true,
      0,
      0,
      0,
    ]);
    expect(f.outcomes['notice calendarDelayed: sent']).to.equal(10);
  });
});
