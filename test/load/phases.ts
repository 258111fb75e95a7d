import { bookFirstMeeting, isDelayedNotice, type ResidentOutcome } from './bookingResident.js';
import { botFrameworkChat, directLineChat, type Chat } from './chat.js';
import { doubleBookings, transcriptFigures, waitForOutbox } from './checks.js';
import { rssMiB } from './processes.js';
import { postcodeOf, type Stack } from './stack.js';

/**
 * One phase of the two-instance load test: residents book first meetings, spread over both
 * instances, while (optionally) the store or the coaches' calendar fails for a while; then the
 * figures, read from what the residents saw and from the store and the calendars.
 */
export interface PhaseOptions {
  name: string;
  residents: number;
  /** The coaches these residents are offered (by postcode): no other phase books them. */
  coachIds: readonly string[];
  /**
   * `storeStopped`: the Cosmos process is stopped (SIGSTOP; its data stays in memory) for
   * `seconds` once half the planned messages are sent. `calendar503`: once every resident is at
   * the read-back, the CalDAV server answers 503 (Retry-After) for `seconds` after the last
   * "Ja"; then it recovers.
   */
  fault?: { kind: 'storeStopped' | 'calendar503'; seconds: number };
  /** Every n-th resident talks Bot Framework, each message to the other instance; 0: none. */
  botFrameworkEvery: number;
  thinkMs: readonly [min: number, max: number];
  /** Residents start spread over this many milliseconds. */
  rampMs: number;
  /** How long the outbox may take to finish after the phase (or the fault) ended. */
  drainWithinMs: number;
  log?: (line: string) => void;
}

export interface PhaseFigures {
  name: string;
  residents: number;
  sent: number;
  answered: number;
  p50: number;
  p99: number;
  max: number;
  /** Steps answered as another step (a lost or repeated update of the conversation). */
  wrongAnswers: number;
  wrongExamples: string[];
  /** Messages sent again after "store down" whose first turn had been saved after all. */
  savedThoughToldNot: number;
  unanswered: number;
  duplicateReplies: number;
  outOfOrder: number;
  booked: number;
  /** Residents whose conversation did not end in a booking, and why (besides wrong answers). */
  notBooked: number;
  unbookedWhy: Record<string, number>;
  takenThenRebooked: number;
  /** Residents booked with another coach than the one serving their postcode (wider search). */
  bookedElsewhere: number;
  doubleBookings: number;
  halfWritten: number;
  /**
   * storeStopped: residents with a message in flight during the stop whose every such message
   * was answered (the real answer once the store was back, or "store down"). calendar503:
   * residents booked during the 503s who were sent the calendar notice.
   */
  told: number;
  /** storeStopped: messages in flight during the stop answered "store down" / answered late. */
  storeDownMessages: number;
  answeredAfterStop: number;
  /** Residents the fault reached: messages during the stop, or bookings during the 503s. */
  affected: number;
  apologies: number;
  outbox: { drained: boolean; ms: number; jobs: number; open: number; events: number };
  /** Outbox jobs by kind (and notice) and outcome, e.g. `notice calendarDelayed: sent`. */
  outcomes: Record<string, number>;
  missingEvents: number;
  extraEvents: number;
  /** Calendar requests refused (503) and forwarded during the phase. */
  calendarRequests?: { refused: number; forwarded: number };
  rss: { name: string; peakMiB: number; nowMiB: number; exited: string }[];
  seconds: number;
}

const percentile = (values: number[], p: number) => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!);
};

const WHEN = [
  'maandagochtend',
  'dinsdagmiddag',
  'woensdagochtend',
  'donderdagmiddag',
  'vrijdagochtend',
  'maandagmiddag',
  'dinsdagochtend',
  'donderdagochtend',
  'vrijdagmiddag',
  'maakt niet uit',
];

export async function runPhase(stack: Stack, options: PhaseOptions): Promise<PhaseFigures> {
  const log = options.log ?? (() => {});
  const started = performance.now();
  const [a, b] = stack.instances as [(typeof stack.instances)[0], (typeof stack.instances)[0]];
  const progress = { sent: 0 };
  const n = options.residents;
  const coaches = options.coachIds;
  const fault = options.fault;
  const calendarBefore = stack.calendar.proxy.counts();

  // Phase c: everyone walks to the read-back; the calendar goes down; everyone says "Ja".
  let atReadBack = 0;
  let finished = 0;
  let release: () => void = () => {};
  const confirmGate = new Promise<void>((resolve) => (release = resolve));
  let calendarDownAt = 0;
  const maybeRelease = () => {
    if (fault?.kind !== 'calendar503' || atReadBack + finished < n || calendarDownAt) return;
    stack.calendar.proxy.down(1);
    calendarDownAt = performance.now();
    log(`  calendar answers 503 from now (${Math.round((calendarDownAt - started) / 1000)} s)`);
    release();
  };

  const chats: Chat[] = [];
  const kinds: ('directLine' | 'botFramework')[] = [];
  const plans = Array.from({ length: n }, (_, i) => {
    // Every fifth resident wants exactly what the one before wants: the same coach, time, card.
    const j = i % 5 === 4 ? i - 1 : i;
    const coachId = coaches[j % coaches.length]!;
    return {
      coachId,
      postcode: postcodeOf(coachId),
      when: WHEN[Math.floor(j / coaches.length) % WHEN.length]!,
      card: Math.floor(j / (coaches.length * WHEN.length)) % 3,
    };
  });
  const think = () =>
    options.thinkMs[0] + Math.random() * (options.thinkMs[1] - options.thinkMs[0]);
  const giveUpAt = started + 10 * 60_000;

  const resident = async (i: number): Promise<ResidentOutcome> => {
    await new Promise((resolve) => setTimeout(resolve, (options.rampMs * i) / n));
    const botFramework =
      fault?.kind !== 'calendar503' &&
      options.botFrameworkEvery > 0 &&
      i % options.botFrameworkEvery === options.botFrameworkEvery - 1;
    const chat = botFramework
      ? botFrameworkChat([a.base, b.base], 60_000)
      : await directLineChat(
          (i % 2 === 0 ? a : b).base,
          `127.0.${1 + Math.floor(i / 250)}.${1 + (i % 250)}`,
          60_000,
        );
    chats[i] = chat;
    kinds[i] = botFramework ? 'botFramework' : 'directLine';
    try {
      return await bookFirstMeeting(chat, {
        ...plans[i]!,
        progress,
        thinkMs: think(),
        giveUpAt,
        ...(fault?.kind === 'calendar503'
          ? {
              atReadBack: () => {
                atReadBack++;
                maybeRelease();
              },
              beforeConfirm: () => confirmGate,
            }
          : {}),
      });
    } finally {
      finished++;
      if (fault?.kind === 'calendar503') maybeRelease();
    }
  };

  // Phase b: stop the store once half the planned messages are out, for `seconds`.
  let stoppedFrom = 0;
  let stoppedUntil = 0;
  const storeStop = async (until: Promise<unknown>) => {
    if (fault?.kind !== 'storeStopped') return;
    let done = false;
    void until.finally(() => (done = true));
    while (!done && progress.sent < (n * 10) / 2)
      await new Promise((resolve) => setTimeout(resolve, 50));
    if (done) return;
    stack.cosmos.child.kill('SIGSTOP');
    stoppedFrom = performance.now();
    log(`  Cosmos stopped (SIGSTOP) after ${progress.sent} messages`);
    await new Promise((resolve) => setTimeout(resolve, fault.seconds * 1000));
    stack.cosmos.child.kill('SIGCONT');
    stoppedUntil = performance.now();
    log(`  Cosmos running again (SIGCONT)`);
  };

  const all = Promise.all(Array.from({ length: n }, (_, i) => resident(i)));
  const [outcomes] = await Promise.all([all, storeStop(all)]);
  log(`  residents done in ${Math.round((performance.now() - started) / 1000)} s`);

  if (fault?.kind === 'calendar503') {
    const upAt = calendarDownAt + fault.seconds * 1000;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, upAt - performance.now())));
    stack.calendar.proxy.up();
    log(`  calendar answers again`);
  }
  // The whole store, not only this phase's coaches: a resident may be offered any coach.
  const everyCoach = [...stack.coaches.cosmos, ...stack.coaches.caldav];
  const outbox = await waitForOutbox(stack, everyCoach, options.drainWithinMs);
  log(`  outbox ${outbox.drained ? 'drained' : 'NOT drained'} after ${outbox.ms} ms`);
  const { bookings: stored, overlaps, halfWritten } = await doubleBookings(stack, everyCoach);
  const keys = new Set(chats.map((chat) => chat.key));
  const bookings = stored.filter((booking) => keys.has(booking.residentKey));
  const elsewhere = outcomes.filter(
    (o, i) => o.booked && o.booked.coachId !== plans[i]!.coachId,
  ).length;

  let unanswered = 0;
  let duplicateReplies = 0;
  let outOfOrder = 0;
  let told = 0;
  let affected = 0;
  let toldStoreDown = 0;
  let answeredLate = 0;
  for (const [i, outcome] of outcomes.entries()) {
    const figures = transcriptFigures(await chats[i]!.transcript());
    unanswered += figures.unanswered;
    duplicateReplies += figures.duplicates;
    outOfOrder += figures.outOfOrder;
    if (fault?.kind === 'storeStopped') {
      // Messages in flight while the store was stopped: each must have been answered, with
      // the real answer once the store was back, or with "store down".
      const during = outcome.messages.filter(
        (m) => m.at < stoppedUntil && m.at + (m.answered ? m.ms : 60_000) > stoppedFrom,
      );
      if (during.length > 0) affected++;
      if (during.length > 0 && during.every((m) => m.answered)) told++;
      toldStoreDown += during.filter((m) => m.storeDown).length;
      answeredLate += during.filter((m) => m.answered && !m.storeDown).length;
    }
    if (fault?.kind === 'calendar503' && outcome.booked) {
      affected++;
      const notices = await chats[i]!.notices();
      if (notices.some(isDelayedNotice)) told++;
      duplicateReplies += Math.max(0, notices.filter(isDelayedNotice).length - 1);
    }
  }
  const latencies = outcomes.flatMap((o) => o.latencies);
  const wrong = outcomes.flatMap((o) => o.wrongAnswers);
  const booked = outcomes.filter((o) => o.booked).length;
  // What residents were told was booked is what the store holds, one for one.
  const storedKeys = new Set(bookings.map((bk) => `${bk.residentKey} ${bk.coachId} ${bk.start}`));
  const missing = outcomes.filter(
    (o, i) => o.booked && !storedKeys.has(`${chats[i]!.key} ${o.booked.coachId} ${o.booked.start}`),
  );
  const claimedButMissing = missing.length;
  if (process.env['LOAD_DEBUG']) {
    for (const o of missing) {
      const i = outcomes.indexOf(o);
      const t = await chats[i]!.transcript();
      log(
        `MISSING ${kinds[i]} ${JSON.stringify(o.booked)} held by ${bookings
          .filter((b) => b.coachId === o.booked?.coachId && b.start === o.booked?.start)
          .map((b) => b.residentKey)
          .join()}`,
      );
      for (const entry of t.slice(-6))
        log(`   ${entry.replies.map((r) => (r.text ?? '').slice(0, 70)).join(' | ')}`);
    }
  }
  const counts = stack.calendar.proxy.counts();
  return {
    name: options.name,
    residents: n,
    sent: outcomes.reduce((s, o) => s + o.sent, 0),
    answered: outcomes.reduce((s, o) => s + o.answered, 0),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: percentile(latencies, 100),
    wrongAnswers: wrong.length + claimedButMissing + Math.abs(bookings.length - booked),
    wrongExamples: wrong.slice(0, 5),
    savedThoughToldNot: outcomes.reduce((s, o) => s + o.savedThoughToldNot, 0),
    unanswered,
    duplicateReplies,
    outOfOrder,
    booked,
    notBooked: n - booked,
    unbookedWhy: outcomes.reduce<Record<string, number>>((why, o) => {
      if (o.unbooked) why[o.unbooked] = (why[o.unbooked] ?? 0) + 1;
      return why;
    }, {}),
    bookedElsewhere: elsewhere,
    takenThenRebooked: outcomes.filter((o) => o.taken > 0 && o.booked).length,
    doubleBookings: overlaps,
    halfWritten,
    told,
    affected,
    storeDownMessages: toldStoreDown,
    answeredAfterStop: answeredLate,
    apologies: outcomes.reduce((s, o) => s + o.apologies, 0),
    outbox: {
      drained: outbox.drained,
      ms: outbox.ms,
      jobs: outbox.jobs.length,
      open: outbox.open.length,
      events: outbox.events,
    },
    outcomes: outbox.jobs.reduce<Record<string, number>>((all, job) => {
      const key = `${job.kind}${job.notice ? ` ${job.notice}` : ''}: ${job.outcome ?? job.state}`;
      all[key] = (all[key] ?? 0) + 1;
      return all;
    }, {}),
    missingEvents: outbox.missingEvents,
    extraEvents: outbox.extraEvents,
    calendarRequests: {
      refused: counts.refused - calendarBefore.refused,
      forwarded: counts.forwarded - calendarBefore.forwarded,
    },
    rss: stack.instances.map((proc) => ({
      name: proc.name,
      peakMiB: rssMiB(proc.child.pid, 'VmHWM'),
      nowMiB: rssMiB(proc.child.pid, 'VmRSS'),
      exited: String(proc.exited),
    })),
    seconds: Math.round((performance.now() - started) / 1000),
  };
}

/** What is wrong with a phase's figures: every correctness figure must be exact. */
export function problemsOf(f: PhaseFigures, fault: PhaseOptions['fault']): string[] {
  return [
    f.answered < f.sent && `${f.sent - f.answered} messages unanswered`,
    f.unanswered > 0 && `${f.unanswered} messages without an answer in the transcript`,
    f.wrongAnswers > 0 && `${f.wrongAnswers} lost or repeated updates`,
    f.duplicateReplies > 0 && `${f.duplicateReplies} duplicate replies`,
    f.outOfOrder > 0 && `${f.outOfOrder} answers out of order`,
    f.doubleBookings > 0 && `${f.doubleBookings} double bookings`,
    f.halfWritten > 0 && `${f.halfWritten} half-written bookings`,
    f.notBooked > 0 && `${f.notBooked} residents without a booking`,
    !f.outbox.drained &&
      `outbox not drained (${f.outbox.open} jobs open, ${f.missingEvents} events missing)`,
    f.extraEvents > 0 && `${f.extraEvents} calendar events too many`,
    fault && f.affected === 0 && 'the fault reached nobody',
    fault && f.told < f.affected && `${f.affected - f.told} residents not told plainly`,
    f.rss.some((r) => r.exited !== 'running') && 'an instance exited',
  ].filter((p): p is string => typeof p === 'string');
}
