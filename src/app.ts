import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { Server } from 'restify';
import { createDialogs } from '../dialogs/index.js';
import { resolve } from 'node:path';
import { loadCoachSeed } from './adapters/coachSeed.js';
import { connectCoachCalendars } from './adapters/coachCalendars.js';
import { CosmosBookingStore } from './adapters/cosmos/cosmosBookings.js';
import { CosmosCallbackStore } from './adapters/cosmos/cosmosCallbacks.js';
import { CosmosLeasedWorkQueue } from './adapters/cosmos/cosmosLeasedWorkQueue.js';
import { CosmosWhatsAppStore } from './adapters/cosmos/whatsAppStore.js';
import { connectCosmos, type CosmosConnection } from './adapters/cosmos/cosmosClient.js';
import { CosmosCoachDirectory, seedCoaches } from './adapters/cosmos/cosmosCoaches.js';
import { CosmosCalendar } from './adapters/cosmos/cosmosCalendar.js';
import { closureDays } from './domain/closureDays.js';
import { brandContrastProblems } from './domain/contrast.js';
import { createPlanner } from './planner/createPlanner.js';
import { describeHandoff } from './planner/handoffText.js';
import { projectRoot } from './paths.js';
import { CosmosConversationStore } from './adapters/cosmos/cosmosConversationStore.js';
import { CosmosReadiness } from './adapters/cosmos/cosmosReadiness.js';
import { ConversationTurnState } from './bot/conversationTurnState.js';
import { createTurnErrorHandler } from './bot/turnErrorHandler.js';
import { registerBotFramework } from './channels/botFramework/botFrameworkChannel.js';
import { registerDirectLine } from './channels/directLine/directLine.js';
import { withInboundDedup } from './channels/whatsapp/inboundDedup.js';
import { WhatsAppChannel } from './channels/whatsapp/whatsAppChannel.js';
import { createStateAccessors } from '../dialogs/state.js';
import { TurnGate } from './bot/turnGate.js';
import type { Config } from './config.js';
import { baseUrl, createServer } from './http/server.js';
import { createTranslator, type Translator } from './i18n.js';
import { createLogger, type Logger } from './log.js';
import type { Clock } from './ports/clock.js';
import type { WhatsAppInboxItem } from './ports/whatsAppStore.js';
import { composeStaff } from './staffComposition.js';
import { withCalendarTelemetry } from './telemetry/calendarTelemetry.js';
import { countingCosmosHttpClient } from './telemetry/cosmosHttpClient.js';
import { Telemetry } from './telemetry/telemetry.js';
import { whatsAppFetch } from './telemetry/whatsAppTelemetry.js';

export interface App {
  server: Server;
  cosmos: CosmosConnection;
  /** The WhatsApp channel, when configured. */
  whatsApp: WhatsAppChannel | undefined;
  /** Spans and counters (turns, Cosmos requests and request units, calendar calls, WhatsApp sends). */
  telemetry: Telemetry;
  /** Starts listening on the configured host and port; resolves to the base URL. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

export interface AppOptions {
  /** Where every part of the app reads the time: the system clock in production. */
  clock: Clock;
  log?: Logger;
  telemetry?: Telemetry;
}

/** Wires adapters, bot and dialogs into an HTTP server that is not yet listening. */
export async function buildApp(config: Config, options: AppOptions): Promise<App> {
  const log = options.log ?? createLogger(config.logLevel);
  const { clock } = options;
  const telemetry = options.telemetry ?? new Telemetry();
  warnAboutContrast(config, log);

  const ttlSeconds = config.retention.conversationDays * 24 * 60 * 60;
  // The adapter takes its own CosmosTarget; config's cosmos section has that shape, checked here.
  const cosmos = await connectCosmos(config.cosmos, log, {
    httpClient: countingCosmosHttpClient(telemetry),
  });
  const store = new CosmosConversationStore(cosmos.containers.conversations, { ttlSeconds });
  const conversationState = new ConversationTurnState(store);
  const state = createStateAccessors(conversationState);
  const i18n = await createTranslator();
  const staff = composeStaff(config, cosmos, clock, log, ttlSeconds);
  const { planner, callbacks } = staff.recordPlanning(
    await createPlanning(config, cosmos, clock, i18n, ttlSeconds, telemetry),
  );

  const dialogs = createDialogs({
    state,
    i18n,
    municipality: config.municipality,
    retentionDays: config.retention.conversationDays,
    clock,
    planner,
    callbacks,
    // Unset: photo paths stay relative, which the local web chat page resolves itself.
    publicBaseUrl: config.publicBaseUrl,
  });
  const bot = new TurnGate({
    conversationState,
    state,
    // WhatsApp redelivers: a message's effect on the conversation is recorded with the state.
    dialogs: staff.recordTurns(
      config.whatsApp ? withInboundDedup(dialogs, conversationState) : dialogs,
      conversationState,
      state,
    ),
    log,
  });
  const run: typeof bot.run = (context) =>
    telemetry.turn(
      { channel: context.activity.channelId, activityType: context.activity.type },
      () => bot.run(context),
    );

  const adapter = new CloudAdapter(
    new ConfigurationBotFrameworkAuthentication(botAuthentication(config)),
  );
  const onTurnError = createTurnErrorHandler({
    conversationState,
    state,
    t: (lng, key, opts) => i18n.t(lng, key, opts),
    phone: config.municipality.phone,
    log,
  });
  adapter.onTurnError = onTurnError;

  const whatsApp = config.whatsApp
    ? new WhatsAppChannel({
        config: config.whatsApp,
        store: new CosmosWhatsAppStore(
          {
            contacts: cosmos.containers.whatsappContacts,
            messages: cosmos.containers.whatsappMessages,
          },
          { ttlSeconds },
        ),
        inbox: new CosmosLeasedWorkQueue<WhatsAppInboxItem>(cosmos.containers.whatsappInbox),
        bot: run,
        i18n,
        clock,
        log: log.child({ component: 'whatsapp' }),
        graph: { fetch: whatsAppFetch(telemetry) },
      })
    : undefined;
  if (whatsApp) whatsApp.adapter.onTurnError = onTurnError;

  const server = createServer({
    config,
    readiness: new CosmosReadiness(cosmos.database, { recovery: cosmos.recovery }),
    i18n,
    log,
    ...(config.telemetry.metricsEndpoint ? { metrics: () => telemetry.registry.render() } : {}),
  });
  registerBotFramework(server, { adapter, bot: run });
  if (config.directLineLocal) {
    registerDirectLine(server, {
      log: log.child({ component: 'directline' }),
      serviceUrl: () => baseUrl(server),
      clock,
      deliver: (activity) => adapter.processActivityDirect('', activity as never, run),
    });
  }
  whatsApp?.register(server);
  staff.register(server, () => config.publicBaseUrl ?? baseUrl(server));

  return {
    server,
    cosmos,
    whatsApp,
    telemetry,
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.http.port, config.http.host, () => {
          // Picks up WhatsApp messages an earlier instance stored but did not handle.
          whatsApp?.start();
          resolve(baseUrl(server));
        });
      }),
    close: async () => {
      await whatsApp?.stop();
      await new Promise<void>((resolve) => {
        server.server.closeAllConnections?.();
        server.close(() => resolve());
      });
      await cosmos.close();
    },
  };
}

/**
 * Coaches (seeded from the configured file on every start: the file is the source of truth),
 * bookings, the calendar kept in Cosmos DB and call-back requests, all in Cosmos DB.
 */
async function createPlanning(
  config: Config,
  cosmos: CosmosConnection,
  clock: Clock,
  i18n: Translator,
  ttlSeconds: number,
  telemetry: Telemetry,
) {
  const coaches = new CosmosCoachDirectory(cosmos.containers.coaches, { clock });
  const seed = await loadCoachSeed(resolve(projectRoot, config.planning.coachesFile));
  const writeSeed = async () => {
    await seedCoaches(cosmos.containers.coaches, seed);
    await coaches.refresh();
  };
  await writeSeed();
  // A coaches container created again after it went missing starts empty.
  cosmos.recovery.onRecreated(writeSeed);
  const year = clock.now().getFullYear();
  const planner = createPlanner({
    coaches,
    bookings: new CosmosBookingStore(cosmos.containers.bookings, { ttlSeconds, clock }),
    // Per coach: Microsoft 365, CalDAV, or (without a setting in the coaches file) our own.
    calendar: withCalendarTelemetry(
      await connectCoachCalendars(
        coaches,
        new CosmosCalendar(cosmos.containers.calendarEvents, { ttlSeconds, clock }),
        { ...config.calendars, clock },
      ),
      telemetry,
    ),
    clock,
    // Three years, so a process that runs across New Year still knows next year's holidays.
    closures: closureDays({
      years: [year, year + 1, year + 2],
      extraDates: config.planning.closureDates,
      closedOn: config.planning.closedOn,
    }),
    minNoticeMinutes: config.planning.minNoticeMinutes,
    horizonDays: config.planning.horizonDays,
    describeHandoff: (summary, coach) => describeHandoff(summary, coach, i18n),
  });
  return {
    planner,
    callbacks: new CosmosCallbackStore(cosmos.containers.callbacks, { ttlSeconds }),
  };
}

/** Bot Framework authentication settings, from config rather than the process environment. */
function botAuthentication(config: Config) {
  if (!config.botAuth) return {};
  return {
    MicrosoftAppId: config.botAuth.appId,
    MicrosoftAppPassword: config.botAuth.appPassword,
    MicrosoftAppType: config.botAuth.appType,
    MicrosoftAppTenantId: config.botAuth.tenantId,
  };
}

/**
 * Starts anyway (the colours are the municipality's to choose), but says in the log when
 * residents would read the web chat with less contrast than WCAG AA asks.
 */
function warnAboutContrast(config: Config, log: Logger): void {
  for (const problem of brandContrastProblems(config.municipality)) {
    log.warn(
      { ...problem, setting: problem.use === 'brandText' ? 'BRAND_TEXT_COLOR' : 'BRAND_COLOR' },
      `brand colours contrast ${problem.ratio}:1, below WCAG AA ${problem.minimum}:1`,
    );
  }
}
