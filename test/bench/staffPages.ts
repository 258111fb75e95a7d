/**
 * The staff pages with a busy week: 2 000 conversations and their funnel events in one week,
 * against the real app and the embedded Cosmos server (in-process). Goal: the first page of the
 * week's conversations, a filtered page and the funnel each load in well under a second on
 * this machine; paging through the week and exporting it as CSV are measured too.
 *
 * `npx tsx test/bench/staffPages.ts` prints the result; `test/bench/index.ts` calls
 * {@link benchStaffPages}.
 */
import { pathToFileURL } from 'node:url';
import { CosmosFunnelEventStore } from '../../src/adapters/cosmos/cosmosFunnelEvents.js';
import { CosmosReviewStore } from '../../src/adapters/cosmos/cosmosReviews.js';
import {
  startReview,
  updateReview,
  withStep,
  type StepCode,
} from '../../src/domain/conversationReview.js';
import type { FunnelStage } from '../../src/domain/funnel.js';
import { fixedClock } from '../clocks.js';
import { localLogin, startApp } from '../staff/harness.js';

const CONVERSATIONS = 2000;
const RUNS = 5;
/** Wednesday of week 2026-W48, so the whole week is in the past or today. */
const now = '2026-11-29T18:00:00.000Z';

export interface StaffBench {
  conversations: number;
  firstPageMs: number;
  filteredPageMs: number;
  funnelMs: number;
  allPagesMs: number;
  pages: number;
  csvMs: number;
  csvRows: number;
}

async function timed(run: () => Promise<void>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

export async function benchStaffPages(): Promise<StaffBench> {
  const { app, url } = await startApp({}, fixedClock(now));
  try {
    const reviews = new CosmosReviewStore(app.cosmos.containers.conversationReviews, {
      ttlSeconds: 86_400,
    });
    const funnel = new CosmosFunnelEventStore(app.cosmos.containers.funnelEvents, {
      ttlSeconds: 86_400,
    });
    const weekStart = Date.parse('2026-11-23T07:00:00.000Z');
    const seed = async (i: number) => {
      const id = `b${String(i).padStart(11, '0')}`;
      const at = new Date(weekStart + i * 3 * 60_000).toISOString();
      const language = ['nl', 'nl', 'nl', 'ar', 'tr', 'en'][i % 6] ?? 'nl';
      const channel = i % 3 === 0 ? 'whatsapp' : 'webchat';
      const booked = i % 4 === 0;
      const steps: StepCode[] = booked
        ? ['greeted', 'planning', 'offered', 'booked']
        : i % 4 === 1
          ? ['greeted', 'question']
          : ['greeted', 'planning'];
      await reviews.update(id, () =>
        updateReview(startReview({ id, week: '2026-W48', at, channel, language }), at, (r) => ({
          ...r,
          steps: steps.reduce<StepCode[]>((all, step) => withStep(all, step), []),
          ...(booked
            ? { booking: { coachId: 'elke', bookingId: `x${i}`, start: at }, coachId: 'elke' }
            : {}),
        })),
      );
      const stages: FunnelStage[] = booked
        ? ['contact', 'asked', 'booked']
        : steps.includes('planning')
          ? ['contact', 'asked']
          : ['contact'];
      for (const stage of stages) {
        await funnel.record(`${stage}-${id}`, { stage, week: '2026-W48', channel, language });
      }
    };
    for (let i = 0; i < CONVERSATIONS; i += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, CONVERSATIONS - i) }, (_, k) => seed(i + k)),
      );
    }
    const team = await localLogin(url, { name: 'Bench', role: 'lead' });
    const ok = async (path: string): Promise<string> => {
      const response = await team.get(path);
      const body = await response.text();
      if (response.status !== 200) throw new Error(`bench: ${path} answered ${response.status}`);
      return body;
    };
    const firstPageMs = await timed(async () => {
      await ok('/staff/gesprekken?week=2026-W48');
    });
    const filteredPageMs = await timed(async () => {
      await ok('/staff/gesprekken?week=2026-W48&stand=dropped&taal=nl');
    });
    const funnelMs = await timed(async () => {
      const body = await ok('/staff/cijfers?week=2026-W48');
      if (!body.includes(`Contact: ${CONVERSATIONS}`))
        throw new Error('bench: funnel did not count every contact');
    });
    let pages = 0;
    const allStarted = performance.now();
    let next: string | undefined = '/staff/gesprekken?week=2026-W48';
    while (next) {
      const body = await ok(next);
      pages++;
      const link = /href="(\/staff\/gesprekken\?[^"]*na=[^"]+)" rel="next"/.exec(body)?.[1];
      next = link?.replace(/&amp;/g, '&');
    }
    const allPagesMs = performance.now() - allStarted;
    let csvRows = 0;
    const csvMs = await timed(async () => {
      const csv = await ok('/staff/export/gesprekken.csv?week=2026-W48');
      csvRows = csv.trim().split('\r\n').length - 1;
    });
    if (csvRows !== CONVERSATIONS) throw new Error(`bench: export had ${csvRows} rows`);
    return {
      conversations: CONVERSATIONS,
      firstPageMs,
      filteredPageMs,
      funnelMs,
      allPagesMs,
      pages,
      csvMs,
      csvRows,
    };
  } finally {
    await app.close();
  }
}

export function describeStaffBench(r: StaffBench): string {
  return (
    `Staff pages, one week of ${r.conversations} conversations (embedded Cosmos, median of ${RUNS}): ` +
    `first page ${r.firstPageMs.toFixed(0)} ms, filtered page ${r.filteredPageMs.toFixed(0)} ms, ` +
    `funnel ${r.funnelMs.toFixed(0)} ms (goal: each < 1000 ms); all ${r.pages} pages ${r.allPagesMs.toFixed(0)} ms; ` +
    `CSV export of ${r.csvRows} rows ${r.csvMs.toFixed(0)} ms`
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(describeStaffBench(await benchStaffPages()));
  process.exit(0);
}
