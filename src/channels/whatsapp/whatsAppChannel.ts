import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import type { Server } from 'restify';
import type { WhatsAppConfig } from '../../config.js';
import type { Language } from '../../domain/language.js';
import type { Translator } from '../../i18n.js';
import type { Logger } from '../../log.js';
import type { Clock } from '../../ports/clock.js';
import type { LeasedWorkQueue } from '../../ports/leasedWorkQueue.js';
import type { WhatsAppInboxItem, WhatsAppStore } from '../../ports/whatsAppStore.js';
import { GraphClient, type GraphClientOptions } from './graphClient.js';
import { handleInboxMessage } from './handleMessage.js';
import { residentIdOf } from './identity.js';
import { InboxWorker } from './inboxWorker.js';
import { receiveDelivery } from './receive.js';
import { WhatsAppAdapter, type TemplateRequest } from './whatsAppAdapter.js';
import { registerWebhook, verifyWebhook, type Received } from './webhook.js';

export { WHATSAPP_MAX_BODY_BYTES, WHATSAPP_WEBHOOK_PATH, type Received } from './webhook.js';

/** The key of the list-button label ("Kies"); until the locales have it, a neutral sign. */
export const LIST_BUTTON_KEY = 'whatsapp.list.button';
const listButtonFallback = '☰';

export interface WhatsAppChannelDeps {
  config: WhatsAppConfig;
  /** Contacts and delivery statuses. */
  store: WhatsAppStore;
  /** The inbox: every inbound message, stored before Meta gets its 200. */
  inbox: LeasedWorkQueue<WhatsAppInboxItem>;
  /** The bot's turn logic: `bot.run` of the turn gate. */
  bot: (context: TurnContext) => Promise<void>;
  i18n: Pick<Translator, 't' | 'has'>;
  clock: Clock;
  log: Logger;
  /** How long a claim on a message holds before another instance may take it over. Default 2 min. */
  leaseMs?: number;
  /** A pending message older than this is picked up by the recovery sweep. Default 5 s. */
  graceMs?: number;
  /** Claims per message before it is given up (logged and kept as `failed`). Default 8. */
  maxAttempts?: number;
  /** This process's name on its claims; random by default. */
  instanceId?: string;
  /** Graph client tuning and test seams (fetch, sleep, retries). */
  graph?: Partial<
    Omit<GraphClientOptions, 'baseUrl' | 'version' | 'phoneNumberId' | 'accessToken' | 'log'>
  >;
}

/**
 * Voordeur on WhatsApp: the webhook (`webhook.ts`), the inbox that makes handling exactly-once
 * (`receive.ts` stores, `inboxWorker.ts` handles, `handleMessage.ts` runs one message), the
 * recovery sweep, and the adapter that runs the same dialogs as web chat.
 *
 * A delivery is handled like this:
 * 1. `POST /api/whatsapp`: the raw body's signature is checked (401 if wrong), each message is
 *    written to the inbox (a duplicate id means a repeat delivery), statuses are recorded, and
 *    only then does Meta get its 200.
 * 2. Right after answering, each resident's open messages are handled one at a time, oldest
 *    (Meta's timestamp) first. A message is claimed with an ETag-guarded write, so two
 *    instances never both handle it; it runs through `bot.run` (state read, dialogs, state
 *    write, replies), and is then marked handled and stripped of its content.
 * 3. If the process dies between 1 and 2, or during 2, the message stays pending or its claim
 *    runs out; the sweep (at start-up and every `WHATSAPP_RECOVERY_SECONDS`) finds it and
 *    handles it.
 */
export class WhatsAppChannel {
  readonly adapter: WhatsAppAdapter;
  readonly store: WhatsAppStore;
  readonly inbox: LeasedWorkQueue<WhatsAppInboxItem>;
  private readonly worker: InboxWorker;

  constructor(private readonly deps: WhatsAppChannelDeps) {
    const { config, log, clock } = deps;
    this.store = deps.store;
    this.inbox = deps.inbox;
    const graph = new GraphClient({
      ...deps.graph,
      baseUrl: config.graphUrl,
      version: config.graphVersion,
      phoneNumberId: config.phoneNumberId,
      accessToken: config.accessToken,
      log,
    });
    this.adapter = new WhatsAppAdapter({
      store: this.store,
      graph,
      clock,
      log,
      templates: config.templates,
      templateLanguages: config.templateLanguages,
      listButtonLabel: (language: Language) =>
        deps.i18n.has(language, LIST_BUTTON_KEY)
          ? deps.i18n.t(language, LIST_BUTTON_KEY)
          : listButtonFallback,
    });
    const handleDeps = {
      store: this.store,
      adapter: this.adapter,
      bot: deps.bot,
      phoneNumberId: config.phoneNumberId,
      clock,
      log,
    };
    this.worker = new InboxWorker({
      inbox: this.inbox,
      handle: (item) => handleInboxMessage(handleDeps, item),
      clock,
      log,
      instanceId: deps.instanceId ?? randomUUID(),
      leaseMs: deps.leaseMs ?? 120_000,
      graceMs: deps.graceMs ?? 5_000,
      maxAttempts: deps.maxAttempts ?? 8,
      recoveryIntervalMs: config.recoveryIntervalSeconds * 1000,
    });
  }

  /** Adds `GET` (verification) and `POST` (deliveries) of `/api/whatsapp`. */
  register(server: Server): void {
    registerWebhook(server, {
      verifyToken: this.deps.config.verifyToken,
      receive: (raw, signature) => this.receive(raw, signature),
      dispatch: (residents) => this.dispatch(residents),
      log: this.deps.log,
    });
  }

  /** The verification handshake Meta does when the webhook URL is configured. */
  verify(query: Record<string, unknown> | undefined) {
    return verifyWebhook(query, this.deps.config.verifyToken, this.deps.log);
  }

  /** Checks and stores one delivery (step 1 above); see {@link receiveDelivery}. */
  receive(rawBody: Buffer, signature: string | undefined): Promise<Received> {
    const { config, clock, log } = this.deps;
    return receiveDelivery(
      {
        appSecret: config.appSecret,
        phoneNumberId: config.phoneNumberId,
        inbox: this.inbox,
        store: this.store,
        residentIdOf: (waId) => this.residentIdOf(waId),
        clock,
        log,
      },
      rawBody,
      signature,
    );
  }

  /** Handles the residents' open messages in the background (step 2 above). */
  dispatch(residents: readonly string[]): void {
    this.worker.dispatch(residents);
  }

  /** The recovery sweep (step 3 above); resolves to how many residents it found. */
  recover(): Promise<number> {
    return this.worker.recover();
  }

  /** Sweeps once now and then every `recoveryIntervalSeconds`. */
  start(): void {
    this.worker.start();
  }

  /** Stops sweeping and starting new work; waits (bounded) for the message being handled. */
  stop(waitMs = 10_000): Promise<void> {
    return this.worker.stop(waitMs);
  }

  /** Resolves when no message is being handled or waiting to be (tests). */
  idle(): Promise<void> {
    return this.worker.idle();
  }

  /** Sends an approved template (e.g. the meeting reminder); see {@link WhatsAppAdapter.sendTemplate}. */
  sendTemplate(residentId: string, request: TemplateRequest): Promise<string> {
    return this.adapter.sendTemplate(residentId, request);
  }

  /** The resident's pseudonym for a WhatsApp id: conversation id, `from.id` and partition key. */
  residentIdOf(waId: string): string {
    return residentIdOf(this.deps.config.idKey, waId);
  }
}
