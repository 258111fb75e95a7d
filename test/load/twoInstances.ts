/**
 * `npm run load:instances` (`-- --quick` for a small run): two Voordeur processes
 * (`src/index.ts`) on one Cosmos server process, on loopback only, with residents booking first
 * meetings over the local Direct Line (each conversation on one instance) and over Bot
 * Framework `/api/messages` (every message to the other instance, so the instances find their
 * memory of those conversations stale and then read them every turn). Three phases, each on
 * coaches of its own:
 *
 * a. steady: residents × 10 messages, each conversation ending in a booking; every fifth
 *    resident wants exactly the time the one before wants;
 * b. the same with the Cosmos process stopped (SIGSTOP: its data stays in memory, nothing
 *    answers, as an unreachable store) for 10 s once half the messages are sent;
 * c. coaches with a CalDAV calendar (Radicale): everyone walks to the read-back, then the
 *    calendar answers 503 with Retry-After, everyone confirms, and 10 s later it recovers.
 *
 * Prints per phase: messages answered/sent, p50/p99 reply time, lost updates, duplicate replies,
 * double bookings, residents told plainly, the outbox drained, peak RSS per instance. Exits
 * non-zero when a correctness figure is not what it must be. Stops by itself (a few minutes)
 * and ends every process it started.
 */
import { execFileSync } from 'node:child_process';
import { problemsOf, runPhase, type PhaseFigures, type PhaseOptions } from './phases.js';
import { startStack } from './stack.js';

const quick = process.argv.includes('--quick');
if (process.argv.includes('--built')) {
  // As `npm start` runs it: the production build, so memory is what production would see.
  execFileSync(process.execPath, ['build.mjs', '--if-changed'], {
    stdio: 'inherit',
    cwd: new URL('../..', import.meta.url),
  });
  process.env['VOORDEUR_BUILT'] = '1';
}
const residents = Number(process.env['LOAD_RESIDENTS'] ?? (quick ? 20 : 200));
const outageSeconds = Number(process.env['LOAD_OUTAGE_SECONDS'] ?? (quick ? 3 : 10));
const coaches = Math.max(2, Math.ceil(residents / 20));

function print(f: PhaseFigures): void {
  const rss = f.rss.map((r) => `${r.name} ${r.peakMiB} MiB`).join(', ');
  console.log(
    [
      `phase ${f.name} (${f.residents} residents, ${f.seconds} s)`,
      `  messages answered/sent   ${f.answered}/${f.sent}; reply p50 ${f.p50} ms, p99 ${f.p99} ms, max ${f.max} ms`,
      `  lost updates             ${f.wrongAnswers}${f.wrongExamples.length ? ` e.g. ${f.wrongExamples.join(' // ')}` : ''}`,
      `  saved though told not   ${f.savedThoughToldNot} (a message sent again after "store down" found its first turn saved)`,
      `  duplicate replies        ${f.duplicateReplies}; out of order ${f.outOfOrder}; unanswered ${f.unanswered}`,
      `  bookings                 ${f.booked}/${f.residents} residents booked${
        Object.keys(f.unbookedWhy).length
          ? ` (not booked: ${Object.entries(f.unbookedWhy)
              .map(([k, v]) => `${v} ${k}`)
              .join(', ')})`
          : ''
      } (${f.takenThenRebooked} after their time was taken, ${f.bookedElsewhere} with a coach of another area); double bookings ${f.doubleBookings}; half-written ${f.halfWritten}`,
      `  told plainly             ${f.told}/${f.affected} residents the fault reached${f.storeDownMessages + f.answeredAfterStop > 0 ? ` (their messages during the stop: ${f.storeDownMessages} answered "store down", ${f.answeredAfterStop} answered once it was back)` : ''}; general apologies ${f.apologies}`,
      `  outbox (whole store)     ${f.outbox.drained ? 'drained' : 'NOT drained'} ${f.outbox.ms} ms after the residents; ${f.outbox.jobs} jobs, ${f.outbox.open} open; calendar events ${f.outbox.events} (missing ${f.missingEvents}, extra ${f.extraEvents})`,
      ...(f.calendarRequests && f.calendarRequests.refused + f.calendarRequests.forwarded > 0
        ? [
            `  CalDAV requests          ${f.calendarRequests.forwarded} forwarded, ${f.calendarRequests.refused} answered 503`,
          ]
        : []),
      `  outbox jobs              ${Object.entries(f.outcomes)
        .map(([k, v]) => `${k} ×${v}`)
        .join(', ')}`,
      `  peak RSS (VmHWM)         ${rss}`,
    ].join('\n'),
  );
}

async function main(): Promise<number> {
  const began = performance.now();
  console.log(
    `two instances (${process.env['VOORDEUR_BUILT'] === '1' ? 'dist/server/index.js' : 'src/index.ts through tsx'}), one Cosmos process: ${residents} residents per phase, ${coaches} coaches per phase, outages ${outageSeconds} s (Node ${process.version})`,
  );
  const stack = await startStack({ cosmosCoaches: 2 * coaches, caldavCoaches: coaches });
  const problems: string[] = [];
  try {
    const base = {
      residents,
      botFrameworkEvery: 4,
      thinkMs: [200, 800] as const,
      rampMs: quick ? 2000 : 10_000,
      drainWithinMs: 90_000,
      log: (line: string) => console.log(line),
    };
    const phases: PhaseOptions[] = [
      { ...base, name: 'a: steady', coachIds: stack.coaches.cosmos.slice(0, coaches) },
      {
        ...base,
        name: `b: Cosmos stopped ${outageSeconds} s`,
        coachIds: stack.coaches.cosmos.slice(coaches),
        fault: { kind: 'storeStopped', seconds: outageSeconds },
      },
      {
        ...base,
        name: `c: calendar 503 ${outageSeconds} s`,
        coachIds: stack.coaches.caldav,
        fault: { kind: 'calendar503', seconds: outageSeconds },
      },
    ];
    const only = process.env['LOAD_PHASES'];
    for (const phase of phases.filter((p) => !only || only.includes(p.name[0]!))) {
      console.log(`\nphase ${phase.name} …`);
      const figures = await runPhase(stack, phase);
      print(figures);
      problems.push(...problemsOf(figures, phase.fault).map((p) => `${phase.name}: ${p}`));
    }
    const errorLines = stack.instances.map((p) => `${p.name} ${p.errorLines}`).join(', ');
    console.log(`\nerror log lines: ${errorLines}; by message:`);
    const messages = new Map<string, number>();
    for (const line of stack.logLines) {
      const entry = (() => {
        try {
          return JSON.parse(line) as Record<string, unknown>;
        } catch {
          return {};
        }
      })() as { level?: number; msg?: string; err?: { type?: string; code?: string } };
      const key = `${entry.level} ${entry.msg} ${entry.err?.type ?? ''} ${entry.err?.code ?? ''}`;
      messages.set(key, (messages.get(key) ?? 0) + 1);
    }
    for (const [key, count] of messages) console.log(`  ${count} × ${key}`);
    if (process.env['LOAD_DEBUG']) {
      const failed = stack.logLines.find((l) => l.includes('turn failed'));
      if (failed) console.log(failed.slice(0, 3000));
    }
  } finally {
    await stack.close();
  }
  console.log(`whole run ${Math.round((performance.now() - began) / 1000)} s`);
  console.log(problems.length === 0 ? '\nOK' : `\nFAILED:\n  ${problems.join('\n  ')}`);
  return problems.length === 0 ? 0 : 1;
}

process.exit(await main());
