/**
 * `npx tsx test/bench/calendarWrites.ts`: how long one calendar write takes per provider, on
 * loopback — Voordeur's own calendar on the in-process Cosmos server, CalDAV on Radicale, and
 * Microsoft Graph's local stand-in (the real Graph adds the network and Exchange's own time).
 * It writes new meetings one after another (a create), writes them again (a retry), moves each
 * (an update), then reads the busy time of the nine days they are in; p50/p99 in milliseconds. Also counts the events per booking afterwards: it must be one.
 */
import { randomUUID } from 'node:crypto';
import type { TokenCredential } from '@azure/identity';
import { getBasicAuthHeaders, makeCalendar } from 'tsdav';
import { pino } from 'pino';
import { CalDavCalendar } from '../../src/adapters/caldav/caldavCalendar.js';
import { connectCosmos } from '../../src/adapters/cosmos/cosmosClient.js';
import { CosmosCalendar } from '../../src/adapters/cosmos/cosmosCalendar.js';
import { createGraphClient } from '../../src/adapters/graph/graphClient.js';
import { GraphCalendar } from '../../src/adapters/graph/graphCalendar.js';
import { calendarAt, type Calendar, type CalendarEvent } from '../../src/ports/calendar.js';
import { startRadicale } from '../adapters/caldav/radicale.js';
import { startMsGraphStandIn } from '../adapters/graph/msGraphStandIn.js';
import { fixedClock } from '../clocks.js';

const WRITES = Number(process.env.BENCH_WRITES ?? 50);
const clock = fixedClock('2031-03-01T08:00:00.000Z');

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function measure(name: string, calendar: Calendar, coachId: string) {
  const events: CalendarEvent[] = Array.from({ length: WRITES }, (_, i) => {
    const start = Date.parse('2031-03-03T08:00:00Z') + i * 3_600_000;
    return {
      id: `${coachId}_${i}`,
      coachId,
      start: new Date(start).toISOString(),
      end: new Date(start + 45 * 60_000).toISOString(),
      title: 'Kennismaking: werk',
      description: 'Wil graag buiten werken. Voorkeur: dinsdagochtend.',
      location: 'Dorpshuis Den Domp, Kerkstraat 2, 5076 AB Haaren',
    };
  });
  const timed = async (write: (e: CalendarEvent) => Promise<void>) => {
    const ms: number[] = [];
    for (const event of events) {
      const started = performance.now();
      await write(event);
      ms.push(performance.now() - started);
    }
    return ms.sort((a, b) => a - b);
  };
  const creates = await timed((e) => calendar.put(e));
  // Written again after a retry: nothing new.
  const repeats = await timed((e) => calendar.put(e));
  const moves = await timed((e) =>
    calendar.put({
      ...e,
      start: new Date(Date.parse(e.start) + 86_400_000).toISOString(),
      end: new Date(Date.parse(e.end) + 86_400_000).toISOString(),
    }),
  );
  const window = [new Date('2031-03-01'), new Date('2031-03-10')] as const;
  const reads: number[] = [];
  let busy = await calendar.busy(coachId, ...window);
  for (let i = 0; i < WRITES; i += 1) {
    const started = performance.now();
    busy = await calendar.busy(coachId, ...window);
    reads.push(performance.now() - started);
  }
  reads.sort((a, b) => a - b);
  const row = (ms: number[]) =>
    `${percentile(ms, 50).toFixed(1)} / ${percentile(ms, 99).toFixed(1)}`;
  console.log(
    `${name.padEnd(28)} create ${row(creates).padEnd(14)} repeat ${row(repeats).padEnd(14)} move ${row(moves).padEnd(14)} busy ${row(reads).padEnd(14)} events ${busy.length}/${WRITES}`,
  );
}

const credential: TokenCredential = {
  getToken: async () => ({ token: 'stand-in', expiresOnTimestamp: 4_102_444_800_000 }),
};

const cosmos = await connectCosmos(
  { kind: 'embedded', database: `bench-${randomUUID()}` },
  pino({ level: 'silent' }),
);
const radicale = await startRadicale();
const graph = await startMsGraphStandIn();
try {
  console.log(`calendar writes on loopback, ${WRITES} each, p50 / p99 ms`);
  await measure(
    'Voordeur (embedded Cosmos)',
    new CosmosCalendar(cosmos.containers.calendarEvents, { ttlSeconds: 86_400, clock }),
    'bench-embedded',
  );
  const collection = `${radicale.url}${radicale.username}/bench/`;
  await makeCalendar({ url: collection, props: {}, headers: getBasicAuthHeaders(radicale) });
  await measure(
    'CalDAV (Radicale)',
    calendarAt(new CalDavCalendar({ credentials: radicale, clock }), () => collection),
    'bench-caldav',
  );
  await measure(
    'Graph (local stand-in)',
    calendarAt(
      new GraphCalendar(createGraphClient(credential, graph.url), { clock }),
      () => 'bench@example.nl',
    ),
    'bench-graph',
  );
} finally {
  await graph.close();
  await radicale.stop();
  await cosmos.close();
}
