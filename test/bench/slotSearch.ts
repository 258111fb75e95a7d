/**
 * Micro-benchmark: how long `proposeSlots` takes to find three proposals for one resident
 * across 50 coaches with realistic, crowded calendars (60–80 % of working time busy, six
 * weeks ahead). Goal: p99 well under 5 ms.
 *
 * Runs rotate through a mix of preferences residents give, from "maakt niet uit" to a precise
 * moment that is usually taken (which walks the whole horizon). Calendars come from a seeded
 * generator, so every run of the benchmark sees the same data.
 *
 * `npx tsx test/bench/slotSearch.ts` prints the result; `test/bench/index.ts` calls
 * {@link benchSlotSearch}.
 */
import { pathToFileURL } from 'node:url';
import { proposeSlots, type CoachCalendar } from '../../src/domain/availability.js';
import { closureDays } from '../../src/domain/closureDays.js';
import { coachSchema, type Coach } from '../../src/domain/coach.js';
import { dayParts, type Interval, type TimePreference } from '../../src/domain/calendarTime.js';

const COACHES = 50;
const WEEKS = 6;
const WARMUP = 300;
const RUNS = 2000;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Monday 30 November 2026, 08:00 in Amsterdam. */
const now = new Date('2026-11-30T07:00:00Z');

/** mulberry32: small, fast and seeded, so the calendars are the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hhmm = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

function buildCoach(index: number, rand: () => number): Coach {
  const start = 8 * 60 + 30 * Math.floor(rand() * 3); // 08:00, 08:30 or 09:00
  const end = 16 * 60 + 30 * Math.floor(rand() * 3); // 16:00 … 17:00
  const day = [
    { start: hhmm(start), end: '12:30' },
    { start: '13:00', end: hhmm(end) },
  ];
  const workingHours: Record<string, typeof day> = {};
  // Most coaches work four or five days; one free weekday each, varying.
  const dayOff = 1 + Math.floor(rand() * 7);
  for (const weekday of ['1', '2', '3', '4', '5']) {
    if (Number(weekday) !== dayOff) workingHours[weekday] = day;
  }
  return coachSchema.parse({
    id: `coach-${index}`,
    name: `Coach ${index}`,
    photoUrl: `/coaches/${index}.jpg`,
    intro: { nl: 'Ik denk graag met u mee.' },
    languages: ['nl'],
    areas: { postcodes: [], places: [] },
    places: [{ id: 'stadhuis', name: 'Stadhuis', address: 'Markt 1' }],
    forms: ['location', 'phone'],
    workingHours,
    meetingMinutes: rand() < 0.5 ? 45 : 60,
    bufferMinutes: 15,
  });
}

/**
 * Busy blocks of 30–180 minutes with free gaps between them over each working-hours range, so
 * that `busyShare` of working time is taken, plus a few evening events; sorted, as calendar
 * adapters return them. Bookings are a few of the busy blocks, as Voordeur stores them.
 */
function buildCalendar(coach: Coach, busyShare: number, rand: () => number): CoachCalendar {
  const busy: Interval[] = [];
  const bookings: Interval[] = [];
  const firstDay = Date.UTC(2026, 10, 30); // Monday
  let busyMinutes = 0;
  let workMinutes = 0;
  for (let d = 0; d < WEEKS * 7 + 1; d += 1) {
    // Amsterdam is UTC+1 in this period; the benchmark needs realistic, not exact, walls.
    const midnight = firstDay + d * DAY - 60 * MINUTE;
    const weekday = String((d % 7) + 1) as keyof Coach['workingHours'];
    for (const range of coach.workingHours[weekday] ?? []) {
      workMinutes += range.end - range.start;
      // Blocks of 30–180 minutes adding up to the share, with the free time spread over the
      // gaps between them at random, mostly in one or two longer stretches as in real diaries.
      const length = range.end - range.start;
      const blocks: number[] = [];
      let target = 15 * Math.round((busyShare * length) / 15);
      while (target > 0) {
        const block = Math.min(target, 15 * (2 + Math.floor(rand() * 11)));
        blocks.push(block);
        target -= block;
      }
      const weights = Array.from({ length: blocks.length + 1 }, () => rand() ** 4);
      const totalWeight = weights.reduce((sum, weight) => sum + weight, 0);
      const free = length - blocks.reduce((sum, block) => sum + block, 0);
      let t = range.start;
      blocks.forEach((block, i) => {
        t += 15 * Math.floor((free * (weights[i] ?? 0)) / totalWeight / 15);
        const interval = { start: midnight + t * MINUTE, end: midnight + (t + block) * MINUTE };
        busyMinutes += block;
        busy.push(interval);
        if (rand() < 0.1) bookings.push(interval);
        t += block;
      });
    }
    if (rand() < 0.2)
      busy.push({ start: midnight + 19 * 60 * MINUTE, end: midnight + 21 * 60 * MINUTE });
  }
  busy.sort((a, b) => a.start - b.start);
  measured.busy += busyMinutes;
  measured.work += workMinutes;
  measured.minShare = Math.min(measured.minShare, busyMinutes / workMinutes);
  measured.maxShare = Math.max(measured.maxShare, busyMinutes / workMinutes);
  return { coach, busy, bookings };
}

const measured = { busy: 0, work: 0, minShare: 1, maxShare: 0 };

const preferences: Array<{ label: string; preference: TimePreference; expectSome: boolean }> = [
  { label: 'maakt niet uit', preference: {}, expectSome: true },
  {
    label: 'dinsdagochtend',
    preference: { days: [2], times: [dayParts.morning] },
    expectSome: true,
  },
  {
    label: 'middag, niet op maandag',
    preference: { excludedDays: [1], times: [dayParts.afternoon] },
    expectSome: true,
  },
  {
    label: 'volgende week, tussen 9 en 12',
    preference: { earliest: '2026-12-07', latest: '2026-12-13', times: [{ start: 540, end: 720 }] },
    expectSome: true,
  },
  {
    label: 'donderdag 3 december om 13:30',
    preference: { at: { date: '2026-12-03', minute: 13 * 60 + 30 } },
    expectSome: false,
  },
  {
    label: "'s avonds (nobody works then)",
    preference: { times: [dayParts.evening] },
    expectSome: false,
  },
];

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
}

export async function benchSlotSearch(): Promise<{ p50Us: number; p99Us: number; runs: number }> {
  const rand = random(20261130);
  Object.assign(measured, { busy: 0, work: 0, minShare: 1, maxShare: 0 });
  const coaches = Array.from({ length: COACHES }, (_, index) => {
    const coach = buildCoach(index, rand);
    // Rounded to quarter hours per range, 62–78 % lands at about 60–80 % per coach.
    return buildCalendar(coach, 0.62 + rand() * 0.16, rand);
  });
  const closures = closureDays({ years: [2026, 2027], extraDates: ['2026-12-28', '2026-12-29'] });
  const search = (preference: TimePreference) =>
    proposeSlots({
      coaches,
      preference,
      closures,
      now,
      minNoticeMinutes: 24 * 60,
      horizonDays: WEEKS * 7,
      count: 3,
    });

  for (const { label, preference, expectSome } of preferences) {
    const found = search(preference).length;
    if (expectSome && found !== 3) throw new Error(`bench: "${label}" found ${found} slots, not 3`);
  }
  for (let i = 0; i < WARMUP; i += 1) search(preferences[i % preferences.length]!.preference);

  const micros: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const { preference } = preferences[i % preferences.length]!;
    const start = process.hrtime.bigint();
    search(preference);
    micros.push(Number(process.hrtime.bigint() - start) / 1000);
  }
  micros.sort((a, b) => a - b);
  return {
    p50Us: Math.round(percentile(micros, 0.5)),
    p99Us: Math.round(percentile(micros, 0.99)),
    runs: RUNS,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await benchSlotSearch();
  const share = Math.round((100 * measured.busy) / measured.work);
  const range = `${Math.round(100 * measured.minShare)}–${Math.round(100 * measured.maxShare)}`;
  console.log(
    `slot search: ${COACHES} coaches, ${WEEKS} weeks, ${share}% (${range}%) of working time busy, ` +
      `${result.runs} runs: p50 ${result.p50Us} µs, p99 ${result.p99Us} µs`,
  );
}
