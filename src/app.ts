import type { TurnContext } from 'botbuilder';
import type { Server } from 'restify';
import { createDialogs } from '../dialogs/index.js';
import { CosmosLeasedWorkQueue } from './adapters/cosmos/cosmosLeasedWorkQueue.js';
import { CosmosWhatsAppStore } from './adapters/cosmos/whatsAppStore.js';
import { connectCosmos, type CosmosConnection } from './adapters/cosmos/cosmosClient.js';
import { CosmosConversationReferences } from './adapters/cosmos/cosmosConversationReferences.js';
import { createResidentNotifier } from './channels/residentNotifier.js';
import { rememberConversations } from './channels/rememberConversations.js';
import type { DurableOutbox } from './outbox/bookingOutbox.js';
import { CoachCalendarSync } from './outbox/coachCalendarSync.js';
import type { CancelCalendarEntry } from './ports/outbox.js';
import type { ResidentNotifier } from './ports/residentNotices.js';
import { brandContrastProblems } from './domain/contrast.js';
import { CosmosConversationStore } from './adapters/cosmos/cosmosConversationStore.js';
import { CosmosReadiness } from './adapters/cosmos/cosmosReadiness.js';
import { ConversationTurnState } from './bot/conversationTurnState.js';
import { createTurnErrorHandler } from './bot/turnErrorHandler.js';
import { createBotFrameworkTurns } from './channels/botFramework/botFrameworkAdapter.js';
import { registerBotFramework } from './channels/botFramework/botFrameworkChannel.js';
import { registerDirectLine } from './channels/directLine/directLine.js';
import { withInboundDedup } from './channels/whatsapp/inboundDedup.js';
import { WhatsAppChannel } from './channels/whatsapp/whatsAppChannel.js';
import { createStateAccessors } from '../dialogs/state.js';
import { TurnGate } from './bot/turnGate.js';
import type { Config } from './config.js';
import { baseUrl, createServer } from './http/server.js';
import { createTranslator } from './i18n.js';
import { createLogger, type Logger } from './log.js';
import type { Clock } from './ports/clock.js';
import type { WhatsAppInboxItem } from './ports/whatsAppStore.js';
import { composeStaff } from './staffComposition.js';
import { composePlanning, DAY_SECONDS } from './planningComposition.js';
import { composeResidentData } from './privacyComposition.js';
import { minimisePlanning } from './privacy/minimise.js';
import { eraseAfterConfirmedTurn } from './bot/eraseAfterTurn.js';
import { countingCosmosHttpClient } from './telemetry/cosmosHttpClient.js';
import { Telemetry } from './telemetry/telemetry.js';
import { whatsAppFetch } from './telemetry/whatsAppTelemetry.js';

export interface App {
  server: Server;
  cosmos: CosmosConnection;
  /** The WhatsApp channel, when configured. */
  whatsApp: WhatsAppChannel | undefined;
  /** The booking outbox's worker (calendar writes, reminders, notices). */
  outbox: DurableOutbox['worker'];
  /** Reads the coaches' calendars back for meetings they cancelled or moved (every few minutes). */
  coachCalendarSync: CoachCalendarSync;
  /** "Cancel this booking's calendar entry" through the outbox (erasure). */
  cancelCalendarEntry: CancelCalendarEntry;
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
  const conversationState = new ConversationTurnState(store, {
    onSharedChannel: (channel) =>
      log.info(
        { channel },
        'conversations of this channel move between instances: each is read at the start of its turn',
      ),
  });
  const state = createStateAccessors(conversationState);
  const i18n = await createTranslator();
  // The notifier needs the channels, which need the bot, which needs the planner: bound late.
  const late: { notifier?: ResidentNotifier } = {};
  const planning = await composePlanning(
    config,
    cosmos,
    clock,
    i18n,
    log,
    {
      send: (key, language, notice) =>
        late.notifier ? late.notifier.send(key, language, notice) : Promise.resolve('unreachable'),
    },
    telemetry,
  );
  const { questions } = planning;
  const staff = composeStaff(config, cosmos, clock, log, ttlSeconds);
  const { planner, callbacks } = staff.recordPlanning(minimisePlanning(planning, clock));
  // A meeting the coach cancelled or moved in their own calendar is cancelled as the resident
  // would cancel it (the recorded planner: slot freed, staff pages updated), with a notice.
  const coachCalendarSync = new CoachCalendarSync({
    coaches: planning.coaches,
    bookings: planning.bookings,
    calendar: planning.outboxCalendar,
    queue: planning.outboxQueue,
    clock,
    log: log.child({ component: 'coach-calendar-sync' }),
    cancel: (booking) =>
      planner.cancel(
        {
          key: booking.residentKey,
          language: booking.summary.language,
          channel: booking.summary.channel,
        },
        { coachId: booking.coachId, bookingId: booking.id },
      ),
    dispatch: (bookingId) => planning.outbox.worker.dispatch([bookingId]),
    horizonDays: config.planning.horizonDays,
    ttlSeconds: config.retention.meetingDaysAfter * DAY_SECONDS,
  });
  const residentData = staff.erasingAfterRecording(
    composeResidentData(config, cosmos, clock, {
      bookingStore: planning.bookings,
      coaches: planning.coaches,
      conversations: store,
      // Cancelling frees the time and queues the removal of the coach's calendar entry (outbox).
      cancelMeeting: ({ coachId, bookingId, residentKey }) =>
        planning.planner.cancel(
          { key: residentKey, language: 'nl', channel: residentKey.split('/')[0] ?? 'unknown' },
          { coachId, bookingId },
        ),
    }),
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
    questions,
    residentData,
  });
  const gate = new TurnGate({
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
  const erasing = eraseAfterConfirmedTurn(gate.run, residentData, log);
  const bot = {
    run: (context: TurnContext) =>
      telemetry.turn(
        { channel: context.activity.channelId, activityType: context.activity.type },
        () => erasing(context),
      ),
  };

  // Replies go only to this server's Direct Line (local mode) or Bot Service (authenticated).
  let serverUrl = (): string => '';
  const adapter = createBotFrameworkTurns({
    auth: config.botAuth,
    baseUrl: () => serverUrl(),
    nowSeconds: () => clock.now().getTime() / 1000,
    log: log.child({ component: 'botframework' }),
  });
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
        bot: bot.run,
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
  serverUrl = () => baseUrl(server);
  const references = new CosmosConversationReferences(cosmos.containers.conversationReferences, {
    ttlSeconds,
  });
  late.notifier = createResidentNotifier({
    i18n,
    municipality: config.municipality,
    references,
    botFramework: (reference, logic) =>
      adapter.continueConversationAsync(config.botAuth?.appId ?? '', reference, logic),
    ...(whatsApp
      ? {
          whatsApp: {
            continueConversation: (reference, logic) =>
              whatsApp.adapter.continueConversation(reference, logic),
            sendTemplate: (residentId, request) => whatsApp.sendTemplate(residentId, request),
          },
        }
      : {}),
  });
  const run = rememberConversations(bot.run, {
    references,
    clock,
    onError: (error) =>
      log.warn({ err: { type: (error as Error).name } }, 'conversation reference not kept'),
  });
  registerBotFramework(server, {
    adapter,
    bot: run,
    log: log.child({ component: 'botframework' }),
  });
  let directLine: { close(): void } | undefined;
  if (config.directLineLocal) {
    directLine = registerDirectLine(server, {
      log: log.child({ component: 'directline' }),
      serviceUrl: () => baseUrl(server),
      clock,
      deliver: (activity) => adapter.processActivityDirect('', activity as never, run),
    });
  }
  whatsApp?.register(server);
  staff.register(server, () => config.publicBaseUrl ?? baseUrl(server), residentData);

  return {
    server,
    cosmos,
    whatsApp,
    outbox: planning.outbox.worker,
    coachCalendarSync,
    cancelCalendarEntry: planning.outbox.cancelCalendarEntry,
    telemetry,
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.http.port, config.http.host, () => {
          // Picks up WhatsApp messages an earlier instance stored but did not handle.
          whatsApp?.start();
          // Works the outbox's due jobs, including those an earlier instance left; the first
          // sweep is done (its jobs started) before the app reports it is listening.
          void planning.outbox.worker.start().then(() => resolve(baseUrl(server)));
          coachCalendarSync.start(config.outbox.coachCalendarPollMinutes * 60_000);
        });
      }),
    close: async () => {
      await whatsApp?.stop();
      await coachCalendarSync.stop();
      await planning.outbox.worker.stop(5_000);
      directLine?.close();
      await staff.close();
      await new Promise<void>((resolve) => {
        server.server.closeAllConnections?.();
        server.close(() => resolve());
      });
      await cosmos.close();
    },
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
