/**
 * The planning side of the composition root: coaches (seeded from the coaches file on every
 * start), bookings, the coaches' calendars, the durable outbox and the planner, all on Cosmos DB.
 */
import { resolve } from 'node:path';
import { loadAnswersFile } from './adapters/answersFile.js';
import { loadCoachSeed } from './adapters/coachSeed.js';
import { connectCoachCalendars } from './adapters/coachCalendars.js';
import { typicalMeetingMinutes, type QuestionContent } from './domain/questionAnswers.js';
import { CosmosBookingStore } from './adapters/cosmos/cosmosBookings.js';
import { CosmosCallbackStore } from './adapters/cosmos/cosmosCallbacks.js';
import type { CosmosConnection } from './adapters/cosmos/cosmosClient.js';
import { CosmosCoachDirectory, seedCoaches } from './adapters/cosmos/cosmosCoaches.js';
import { CosmosCalendar } from './adapters/cosmos/cosmosCalendar.js';
import { CosmosOutbox } from './adapters/cosmos/cosmosOutbox.js';
import { createDurableOutbox } from './outbox/bookingOutbox.js';
import { offersFromPlanner } from './outbox/offers.js';
import type { Planner } from './planner/planner.js';
import type { ResidentNotifier } from './ports/residentNotices.js';
import { randomUUID } from 'node:crypto';
import { createPlanner } from './planner/createPlanner.js';
import { describeHandoff } from './planner/handoffText.js';
import { projectRoot } from './paths.js';
import type { Config } from './config.js';
import type { Translator } from './i18n.js';
import type { Logger } from './log.js';
import type { Clock } from './ports/clock.js';
import type { Coach } from './domain/coach.js';
import type { HandoffSummary } from './domain/handoff.js';
import { withCalendarTelemetry } from './telemetry/calendarTelemetry.js';
import type { Telemetry } from './telemetry/telemetry.js';

/**
 * Coaches (seeded from the configured file on every start: the file is the source of truth),
 * bookings, the coaches' calendars (one for the resident's turn, one with a single try for the
 * outbox, which backs off itself), the durable outbox, the planner and call-back requests.
 * `notifier` tells residents what the outbox has to say.
 */
export async function composePlanning(
  config: Config,
  cosmos: CosmosConnection,
  clock: Clock,
  i18n: Translator,
  log: Logger,
  notifier: ResidentNotifier,
  telemetry: Telemetry,
) {
  const coaches = new CosmosCoachDirectory(cosmos.containers.coaches, { clock });
  const seed = await loadCoachSeed(resolve(projectRoot, config.planning.coachesFile));
  const { answersFile } = config.planning;
  const questions: QuestionContent = {
    answers: answersFile ? await loadAnswersFile(resolve(projectRoot, answersFile)) : {},
    meetingMinutes: typicalMeetingMinutes(seed),
  };
  const writeSeed = async () => {
    await seedCoaches(cosmos.containers.coaches, seed);
    await coaches.refresh();
  };
  await writeSeed();
  // A coaches container created again after it went missing starts empty.
  cosmos.recovery.onRecreated(writeSeed);
  const year = clock.now().getFullYear();
  const meetingTtlSeconds = config.retention.meetingDaysAfter * DAY_SECONDS;
  const bookings = new CosmosBookingStore(cosmos.containers.bookings, {
    ttlSeconds: meetingTtlSeconds,
    clock,
  });
  // Per coach: Microsoft 365, CalDAV, or (without a setting in the coaches file) our own. The
  // resident's turn retries a few times; the outbox tries once per run and backs off itself.
  const embedded = new CosmosCalendar(cosmos.containers.calendarEvents, {
    ttlSeconds: meetingTtlSeconds,
    clock,
  });
  const calendar = withCalendarTelemetry(
    await connectCoachCalendars(coaches, embedded, { ...config.calendars, clock }),
    telemetry,
  );
  const outboxCalendar = withCalendarTelemetry(
    await connectCoachCalendars(coaches, embedded, {
      ...config.calendars,
      clock,
      retry: { attempts: 1 },
    }),
    telemetry,
  );
  const describe = (summary: HandoffSummary, coach: Coach) => describeHandoff(summary, coach, i18n);
  const late: { planner?: Planner } = {};
  const outboxQueue = new CosmosOutbox(cosmos.containers.outbox);
  const outbox = createDurableOutbox({
    queue: outboxQueue,
    bookings,
    coaches,
    calendar: outboxCalendar,
    clock,
    log: log.child({ component: 'outbox' }),
    describeHandoff: describe,
    notifier,
    offersFor: (booking) =>
      late.planner ? offersFromPlanner(late.planner)(booking) : Promise.resolve([]),
    ttlSeconds: meetingTtlSeconds,
    settings: {
      instanceId: `${process.pid}-${randomUUID().slice(0, 8)}`,
      leaseMs: 60_000,
      graceMs: 5_000,
      recoveryIntervalMs: config.outbox.sweepSeconds * 1000,
      retryBaseMs: config.outbox.retryBaseSeconds * 1000,
      retryMaxMs: config.outbox.retryMaxMinutes * 60_000,
      troubleAfter: 3,
      reminderHour: config.outbox.reminderHour,
      reminders: config.whatsApp !== undefined,
    },
  });
  const planner = createPlanner({
    coaches,
    bookings,
    calendar,
    clock,
    // Three years, so a process that runs across New Year still knows next year's holidays.
    // Loaded with the first search: the holiday tables are about 2 MB of code to start.
    closures: async () =>
      (await import('./domain/closureDays.js')).closureDays({
        years: [year, year + 1, year + 2],
        extraDates: config.planning.closureDates,
        closedOn: config.planning.closedOn,
      }),
    minNoticeMinutes: config.planning.minNoticeMinutes,
    horizonDays: config.planning.horizonDays,
    describeHandoff: describe,
    outbox: outbox.outbox,
  });
  late.planner = planner;
  return {
    planner,
    bookings,
    coaches,
    callbacks: new CosmosCallbackStore(cosmos.containers.callbacks, {
      ttlSeconds: config.retention.callbackDays * DAY_SECONDS,
    }),
    questions,
    outbox,
    outboxQueue,
    outboxCalendar,
  };
}

/** Seconds in a day, for retention periods given in days. */
export const DAY_SECONDS = 24 * 60 * 60;
