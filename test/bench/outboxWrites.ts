/**
 * `npx tsx test/bench/outboxWrites.ts`: how long a booking takes to reach the coach's calendar
 * through the durable outbox, on loopback — the resident's turn (`planner.book`: the jobs
 * queued, the booking stored) and the whole way to the event written (the worker claims the
 * job in Cosmos, re-reads the booking, re-checks the coach's time, writes, marks it done).
 * Bookings and jobs in the in-process Cosmos server; calendars in Radicale (CalDAV) and the
 * Microsoft Graph stand-in. Counts events per booking afterwards (duplicates must be 0).
 */
import { randomUUID } from 'node:crypto';
import { getBasicAuthHeaders, makeCalendar } from 'tsdav';
import { pino } from 'pino';
import { CalDavCalendar } from '../../src/adapters/caldav/caldavCalendar.js';
import { connectCosmos } from '../../src/adapters/cosmos/cosmosClient.js';
import type { Booking } from '../../src/ports/bookings.js';
import { calendarAt, type Calendar } from '../../src/ports/calendar.js';
import { startRadicale } from '../adapters/caldav/radicale.js';
import { startMsGraphStandIn } from '../adapters/graph/msGraphStandIn.js';
import { TestClock } from '../clocks.js';
import { graphCalendar, instance, request, type Sent } from '../outbox/harness.js';

const BOOKINGS = Number(process.env.BENCH_BOOKINGS ?? 30);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export interface OutboxBenchRow {
  name: string;
  turn: { p50: number; p99: number };
  written: { p50: number; p99: number };
  bookings: number;
  events: number;
  duplicates: number;
}

async function measure(
  name: string,
  calendar: Calendar,
  clock: TestClock,
): Promise<OutboxBenchRow> {
  const cosmos = await connectCosmos(
    { kind: 'embedded', database: `bench-outbox-${randomUUID()}` },
    pino({ level: 'silent' }),
  );
  try {
    const sent: Sent[] = [];
    const one = instance(cosmos, { clock, calendar, sent, instanceId: 'bench' });
    const turns: number[] = [];
    const written: number[] = [];
    const ids: string[] = [];
    const booked: Booking[] = [];
    for (let i = 0; i < BOOKINGS; i++) {
      const offer = await one.planner.propose(
        { key: 'bench', language: 'nl', channel: 'webchat', place: 'Haaren' },
        {},
        1,
      );
      if (offer.kind === 'none') throw new Error(`no free time left after ${i} bookings`);
      const proposal = offer.proposals[0]!;
      const started = performance.now();
      const result = await one.planner.book(
        request(`webchat/bench-${i}`, proposal.start.toISOString(), {
          coachId: proposal.coach.id,
          placeId: proposal.coach.places[0]?.id,
        }),
      );
      turns.push(performance.now() - started);
      if (result.kind !== 'booked') throw new Error(`not booked: ${result.kind}`);
      await one.worker.idle();
      written.push(performance.now() - started);
      const job = await one.queue.get(
        result.booking.id,
        `calendarPut.${Date.parse(result.booking.createdAt)}`,
      );
      if (job?.outcome !== 'written') throw new Error(`job ended ${job?.outcome}`);
      ids.push(result.booking.id);
      booked.push(result.booking);
    }
    // Every booked interval once in the calendar: count the busy intervals per coach.
    const from = new Date(clock.ms);
    const to = new Date(clock.ms + 40 * 86_400_000);
    const coachIds = [...new Set(ids.map((id) => id.split('_')[0]!))];
    // Each booking's interval exactly once in its coach's calendar.
    let events = 0;
    let duplicates = 0;
    for (const coachId of coachIds) {
      const busy = await calendar.busy(coachId, from, to);
      for (const booking of booked.filter((b) => b.coachId === coachId)) {
        const copies = busy.filter(
          (i) => i.start === Date.parse(booking.start) && i.end === Date.parse(booking.end),
        ).length;
        events += Math.min(copies, 1);
        duplicates += Math.max(0, copies - 1);
      }
    }
    const sort = (values: number[]) => [...values].sort((a, b) => a - b);
    const stats = (values: number[]) => ({
      p50: percentile(sort(values), 50),
      p99: percentile(sort(values), 99),
    });
    return {
      name,
      turn: stats(turns),
      written: stats(written),
      bookings: ids.length,
      events,
      duplicates,
    };
  } finally {
    await cosmos.close();
  }
}

/** Runs the outbox bench against Radicale and the Graph stand-in. */
export async function benchOutboxWrites(): Promise<OutboxBenchRow[]> {
  const clock = new TestClock('2026-11-23T08:15:00.000Z');
  const radicale = await startRadicale();
  const graph = await startMsGraphStandIn();
  try {
    // One collection per coach, as each coach has their own calendar.
    const collectionOf = (coachId: string) => `${radicale.url}${radicale.username}/${coachId}/`;
    for (const coachId of ['elke', 'samir', 'joyce']) {
      const url = collectionOf(coachId);
      await makeCalendar({ url, props: {}, headers: getBasicAuthHeaders(radicale) });
    }
    const caldav = calendarAt(
      new CalDavCalendar({ credentials: radicale, clock, retry: { attempts: 1 } }),
      collectionOf,
    );
    return [
      await measure('CalDAV (Radicale)', caldav, clock),
      await measure('Graph (local stand-in)', graphCalendar(graph, clock), clock),
    ];
  } finally {
    await graph.close();
    await radicale.stop();
  }
}

export function describeOutboxBench(rows: OutboxBenchRow[]): string {
  const ms = (s: { p50: number; p99: number }) => `${s.p50.toFixed(1)} / ${s.p99.toFixed(1)}`;
  return [
    `Calendar writes through the outbox, ${BOOKINGS} bookings each, p50 / p99 ms (loopback):`,
    ...rows.map(
      (r) =>
        `${r.name.padEnd(24)} booking turn ${ms(r.turn).padEnd(14)} event written ${ms(r.written).padEnd(14)} events ${r.events}/${r.bookings}, duplicates ${r.duplicates}`,
    ),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(describeOutboxBench(await benchOutboxWrites()));
  process.exit(0);
}
