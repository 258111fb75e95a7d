import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TokenCredential } from '@azure/identity';
import { expect } from 'chai';
import { DateTime } from 'luxon';
import { createCalendarObject, getBasicAuthHeaders, makeCalendar } from 'tsdav';
import { buildApp } from '../../src/app.js';
import { CalDavCalendar } from '../../src/adapters/caldav/caldavCalendar.js';
import { CoachCalendars } from '../../src/adapters/coachCalendars.js';
import { createGraphClient } from '../../src/adapters/graph/graphClient.js';
import { GraphCalendar } from '../../src/adapters/graph/graphCalendar.js';
import { MemoryBookingStore } from '../../src/adapters/memory/memoryBookings.js';
import { MemoryCalendar } from '../../src/adapters/memory/memoryCalendar.js';
import { MemoryCoachDirectory } from '../../src/adapters/memory/memoryCoaches.js';
import { closureDays } from '../../src/domain/closureDays.js';
import type { Coach } from '../../src/domain/coach.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { createPlanner } from '../../src/planner/createPlanner.js';
import type { Planner, ResidentContext } from '../../src/planner/planner.js';
import { loadCoachSeed } from '../../src/adapters/coachSeed.js';
import { fixedClock } from '../clocks.js';
import { skipWithoutRadicale, startRadicale, type RunningRadicale } from './caldav/radicale.js';
import { startMsGraphStandIn, type MsGraphStandIn } from './graph/msGraphStandIn.js';

/**
 * The planner with coaches on different calendars: Elke on CalDAV (Radicale), Samir on
 * Microsoft 365 (the local Graph stand-in: Graph cannot be reached from here), Joyce on
 * Voordeur's own. Busy time comes from each coach's own calendar; bookings land there.
 */
const example = 'infra/coaches.example.json';
const clock = fixedClock('2026-11-23T08:15:00.000Z');
const credential: TokenCredential = {
  getToken: async () => ({ token: 'stand-in-token', expiresOnTimestamp: 4_102_444_800_000 }),
};
const summary = {
  intent: 'work',
  wishes: 'iets met mijn handen',
  form: 'location',
  language: 'nl',
  channel: 'webchat',
} as const;
const resident = (key: string, place: string): ResidentContext => ({
  key,
  language: 'nl',
  channel: 'webchat',
  place,
});

describe("a booking in the coach's own calendar", function () {
  this.timeout(30_000);
  let radicale: RunningRadicale;
  let graph: MsGraphStandIn;
  let caldav: CalDavCalendar;
  let collection: string;
  let planner: Planner;
  let embedded: MemoryCalendar;
  const samirMailbox = 'samir@gemeente-voorbeeld.nl';

  before(async function () {
    skipWithoutRadicale(this);
    [radicale, graph] = await Promise.all([startRadicale(), startMsGraphStandIn()]);
    collection = `${radicale.url}${radicale.username}/elke/`;
    await makeCalendar({ url: collection, props: {}, headers: getBasicAuthHeaders(radicale) });
    const [elke, samir, joyce] = await loadCoachSeed(example);
    const coaches: Coach[] = [
      { ...elke!, calendar: { provider: 'caldav', url: collection } },
      { ...samir!, calendar: { provider: 'graph', mailbox: samirMailbox } },
      joyce!,
    ];
    caldav = new CalDavCalendar({ credentials: radicale, clock });
    embedded = new MemoryCalendar();
    planner = createPlanner({
      coaches: new MemoryCoachDirectory(coaches),
      bookings: new MemoryBookingStore({ clock }),
      calendar: new CoachCalendars({
        coaches: new MemoryCoachDirectory(coaches),
        embedded,
        caldav,
        graph: new GraphCalendar(createGraphClient(credential, graph.url), { clock }),
      }),
      clock,
      closures: closureDays({ years: [2026, 2027] }),
      minNoticeMinutes: 24 * 60,
      horizonDays: 28,
      describeHandoff: (s, coach) => ({
        title: `Kennismaking met ${coach.name}`,
        description: s.wishes ?? '',
      }),
    });
  });
  after(async () => {
    await graph?.close();
    await radicale?.stop();
  });

  it("skips the coach's day off in their CalDAV calendar, and books into it", async () => {
    const tuesdayMornings = { days: [2 as const], times: [{ start: 480, end: 720 }] };
    const dateOf = (start: Date) =>
      DateTime.fromJSDate(start, { zone: 'Europe/Amsterdam' }).toISODate()!;
    const before = await planner.propose(resident('a', 'Haaren'), tuesdayMornings);
    if (before.kind !== 'matches') throw new Error(`expected matches, got ${before.kind}`);
    const offered = dateOf(before.proposals[0]!.start);
    // Elke's phone app puts her day off on the first Tuesday Voordeur would offer.
    const compact = offered.replace(/-/g, '');
    const next = DateTime.fromISO(offered).plus({ days: 1 }).toFormat('yyyyMMdd');
    const day = await createCalendarObject({
      calendar: { url: collection },
      filename: 'day-off.ics',
      iCalString: [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//Test//Phone//EN',
        'BEGIN:VEVENT',
        'UID:day-off@phone',
        'DTSTAMP:20261101T120000Z',
        `DTSTART;VALUE=DATE:${compact}`,
        `DTEND;VALUE=DATE:${next}`,
        'SUMMARY:Vrij',
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n'),
      headers: getBasicAuthHeaders(radicale),
    });
    expect(day.status).to.equal(201);
    const result = await planner.propose(resident('a', 'Haaren'), tuesdayMornings);
    if (result.kind !== 'matches') throw new Error(`expected matches, got ${result.kind}`);
    expect(result.proposals.map((p) => p.coach.id)).to.deep.equal(['elke', 'elke', 'elke']);
    expect(result.proposals.map((p) => dateOf(p.start))).not.to.include(offered);

    const first = result.proposals[0]!;
    const booked = await planner.book({
      coachId: 'elke',
      start: first.start.toISOString(),
      resident: resident('a', 'Haaren'),
      form: 'location',
      placeId: 'den-domp',
      summary,
    });
    if (booked.kind !== 'booked') throw new Error('expected a booking');
    const event = await caldav.event(collection, 'elke', booked.booking.id);
    expect(event?.title).to.equal('Kennismaking met Elke');
    expect(event?.start).to.equal(booked.booking.start);
    expect(
      await embedded.busy('elke', new Date('2026-11-01'), new Date('2027-01-01')),
    ).to.deep.equal([]);

    await planner.cancel(resident('a', 'Haaren'), {
      coachId: 'elke',
      bookingId: booked.booking.id,
    });
    expect(await caldav.event(collection, 'elke', booked.booking.id)).to.equal(undefined);
  });

  it("books into the coach's Microsoft 365 calendar, and a move leaves one event", async () => {
    const result = await planner.propose(resident('b', 'Vught'), { days: [3] });
    if (result.kind !== 'matches') throw new Error(`expected matches, got ${result.kind}`);
    const [first, second] = result.proposals;
    expect(first?.coach.id).to.equal('samir');
    const booked = await planner.book({
      coachId: 'samir',
      start: first!.start.toISOString(),
      resident: resident('b', 'Vught'),
      form: 'phone',
      summary,
    });
    if (booked.kind !== 'booked') throw new Error('expected a booking');
    expect(graph.mailboxes.get(samirMailbox)?.map((e) => e.subject)).to.deep.equal([
      'Kennismaking met Samir',
    ]);

    const moved = await planner.move(
      { coachId: 'samir', bookingId: booked.booking.id },
      {
        coachId: 'samir',
        start: second!.start.toISOString(),
        resident: resident('b', 'Vught'),
        form: 'phone',
        summary,
      },
    );
    if (moved.kind !== 'booked') throw new Error('expected the move to book');
    const events = graph.mailboxes.get(samirMailbox) ?? [];
    expect(events).to.have.length(1);
    expect(events[0]?.transactionId).to.equal(moved.booking.id);
  });

  it('stops start-up when a coach names Microsoft 365 and Graph is not configured', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'vd-calendars-'));
    try {
      const seed = JSON.parse(await readFile(example, 'utf8'));
      seed.coaches[1].calendar = { provider: 'graph', mailbox: samirMailbox };
      const file = path.join(dir, 'coaches.json');
      await writeFile(file, JSON.stringify(seed));
      const error = await buildApp(
        loadConfig({ PORT: '0', LOG_LEVEL: 'silent', COACHES_FILE: file }),
        {
          clock,
          log: createLogger('silent'),
        },
      ).then(
        async (app) => {
          await app.close();
          return undefined;
        },
        (e: unknown) => e,
      );
      expect(String(error)).to.contain('coach "samir": calendar.provider is "graph"');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
