import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { TurnContext } from 'botbuilder';
import type { Server } from 'restify';
import { KeyedQueue } from '../../bot/keyedQueue.js';
import type { WhatsAppConfig } from '../../config.js';
import type { Language } from '../../domain/language.js';
import { pseudonym } from '../../domain/pseudonym.js';
import type { Translator } from '../../i18n.js';
import type { Logger } from '../../log.js';
import type { Clock } from '../../ports/clock.js';
import { GraphClient, type GraphClientOptions } from './graphClient.js';
import { residentIdOf } from './identity.js';
import { optKeywordOf, toActivity } from './inbound.js';
import { isValidSignature, secretsEqual } from './signature.js';
import { WhatsAppAdapter, type TemplateRequest } from './whatsAppAdapter.js';
import {
  WhatsAppStore,
  type Contact,
  type InboxDocument,
  type Versioned,
  type WhatsAppContainers,
} from './whatsAppStore.js';
import {
  inboundMessageSchema,
  parseMessagesChange,
  statusSchema,
  webhookSchema,
  type InboundMessage,
  type StatusUpdate,
} from './wireFormat.js';

/** Where Meta posts the webhook (configure `https://<host>/api/whatsapp` in the Meta app). */
export const WHATSAPP_WEBHOOK_PATH = '/api/whatsapp';

/** Meta's webhook payloads are at most 3 MB; anything larger is refused with 413. */
export const WHATSAPP_MAX_BODY_BYTES = 3 * 1024 * 1024;

/** The key of the list-button label ("Kies"); until the locales have it, a neutral sign. */
export const LIST_BUTTON_KEY = 'whatsapp.list.button';
const listButtonFallback = '☰';

export interface WhatsAppChannelDeps {
  config: WhatsAppConfig;
  containers: WhatsAppContainers;
  /** Retention of contacts and statuses, in seconds (`RETENTION_DAYS`). */
  ttlSeconds: number;
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

export interface Received {
  /** What the webhook answers: 200 (also for payloads it does not understand) or 401. */
  status: 200 | 401;
  /** Residents with new (or re-delivered) messages, to handle next. */
  residents: string[];
}

/**
 * Voordeur on WhatsApp: the webhook, the inbox that makes handling exactly-once, the recovery
 * sweep, and the adapter that runs the same dialogs as web chat.
 *
 * A delivery is handled like this:
 * 1. `POST /api/whatsapp`: the raw body's signature is checked (401 if wrong), each message is
 *    written to the inbox (a 409 means a repeat delivery), statuses are recorded, and only then
 *    does Meta get its 200.
 * 2. Right after answering, each resident's open messages are handled one at a time, oldest
 *    (Meta's timestamp) first. A message is claimed with an ETag-guarded write, so two
 *    instances never both handle it; it runs through `bot.run` (state read, dialogs, state
 *    write, replies), and is then marked handled and stripped of its content.
 * 3. If the process dies between 1 and 2, or during 2, the message stays pending or its claim
 *    runs out; the sweep (at start-up and every `WHATSAPP_RECOVERY_SECONDS`) finds it and
 *    handles it. A message older than the last one handled is still handled, never dropped.
 */
export class WhatsAppChannel {
  readonly adapter: WhatsAppAdapter;
  readonly store: WhatsAppStore;
  private readonly queue = new KeyedQueue();
  private readonly queued = new Set<string>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly instanceId: string;
  private readonly leaseMs: number;
  private readonly graceMs: number;
  private readonly maxAttempts: number;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly deps: WhatsAppChannelDeps) {
    const { config, log } = deps;
    this.instanceId = deps.instanceId ?? randomUUID();
    this.leaseMs = deps.leaseMs ?? 120_000;
    this.graceMs = deps.graceMs ?? 5_000;
    this.maxAttempts = deps.maxAttempts ?? 8;
    this.store = new WhatsAppStore(deps.containers, { ttlSeconds: deps.ttlSeconds });
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
      clock: deps.clock,
      log,
      templates: config.templates,
      templateLanguages: config.templateLanguages,
      listButtonLabel: (language: Language) =>
        deps.i18n.has(language, LIST_BUTTON_KEY)
          ? deps.i18n.t(language, LIST_BUTTON_KEY)
          : listButtonFallback,
    });
  }

  /** Adds `GET` (verification) and `POST` (deliveries) of {@link WHATSAPP_WEBHOOK_PATH}. */
  register(server: Server): void {
    server.get(WHATSAPP_WEBHOOK_PATH, async (req, res) => {
      const result = this.verify(req.query as Record<string, unknown> | undefined);
      if (result.status !== 200) {
        res.send(result.status);
        return;
      }
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      res.sendRaw(200, result.challenge);
    });

    server.post(WHATSAPP_WEBHOOK_PATH, async (req, res) => {
      if (req.headers['content-encoding'] !== undefined) {
        res.send(415);
        return;
      }
      const raw = await readRawBody(req, WHATSAPP_MAX_BODY_BYTES);
      if (raw === 'tooLarge') {
        res.setHeader('connection', 'close');
        res.send(413);
        return;
      }
      let received: Received;
      try {
        received = await this.receive(raw, req.header('x-hub-signature-256') || undefined);
      } catch (error) {
        // Not stored: Meta must deliver again.
        this.deps.log.error(
          { err: { type: (error as Error).name, stack: (error as Error).stack } },
          'WhatsApp delivery not stored; Meta will retry',
        );
        res.send(500);
        return;
      }
      res.send(received.status);
      if (received.status === 200) this.dispatch(received.residents);
    });
  }

  /** The verification handshake Meta does when the webhook URL is configured. */
  verify(
    query: Record<string, unknown> | undefined,
  ): { status: 200; challenge: string } | { status: 400 | 403 } {
    const param = (name: string): unknown => {
      const [group, key] = name.split('.') as [string, string];
      const nested = query?.[group];
      return (
        query?.[name] ??
        (typeof nested === 'object' && nested
          ? (nested as Record<string, unknown>)[key]
          : undefined)
      );
    };
    const mode = param('hub.mode');
    const token = param('hub.verify_token');
    const challenge = param('hub.challenge');
    if (
      mode !== 'subscribe' ||
      typeof token !== 'string' ||
      !secretsEqual(token, this.deps.config.verifyToken)
    ) {
      this.deps.log.warn(
        { mode: typeof mode === 'string' ? mode.slice(0, 20) : undefined },
        'WhatsApp webhook verification refused',
      );
      return { status: 403 };
    }
    if (typeof challenge !== 'string' || !/^[\x21-\x7e]{1,256}$/.test(challenge)) {
      return { status: 400 };
    }
    this.deps.log.info('WhatsApp webhook verified');
    return { status: 200, challenge };
  }

  /**
   * Checks and stores one delivery (step 1 above). Throws when the store fails, so the webhook
   * answers 500 and Meta delivers again; a repeat is harmless.
   */
  async receive(rawBody: Buffer, signature: string | undefined): Promise<Received> {
    const { log } = this.deps;
    if (!isValidSignature(this.deps.config.appSecret, rawBody, signature)) {
      log.warn(
        { signature: signature === undefined ? 'missing' : 'wrong', bytes: rawBody.length },
        'WhatsApp delivery with an invalid signature refused',
      );
      return { status: 401, residents: [] };
    }
    let json: unknown;
    try {
      json = JSON.parse(rawBody.toString('utf8'));
    } catch {
      log.warn(
        { reason: 'notJson', bytes: rawBody.length },
        'WhatsApp delivery not understood; acknowledged',
      );
      return { status: 200, residents: [] };
    }
    const payload = webhookSchema.safeParse(json);
    if (!payload.success) {
      log.warn(
        { reason: 'unknownShape', issues: issuesOf(payload.error) },
        'WhatsApp delivery not understood; acknowledged',
      );
      return { status: 200, residents: [] };
    }

    const receivedAt = this.deps.clock.now().getTime();
    const residents = new Set<string>();
    let seq = 0;
    for (const entry of payload.data.entry) {
      for (const change of entry.changes) {
        if (change.field !== 'messages') {
          log.debug({ field: change.field.slice(0, 40) }, 'WhatsApp change ignored');
          continue;
        }
        const value = parseMessagesChange(change.value);
        if (!value.success) {
          log.warn(
            { reason: 'unknownShape', issues: issuesOf(value.error) },
            'WhatsApp change not understood; acknowledged',
          );
          continue;
        }
        if (value.data.metadata.phone_number_id !== this.deps.config.phoneNumberId) {
          log.warn(
            { reason: 'otherPhoneNumber' },
            'WhatsApp change for another phone number ignored',
          );
          continue;
        }
        for (const item of value.data.messages ?? []) {
          const message = inboundMessageSchema.safeParse(item);
          if (!message.success) {
            log.warn(
              { reason: 'unknownMessageShape', issues: issuesOf(message.error) },
              'WhatsApp message not understood; acknowledged',
            );
            continue;
          }
          const pk = this.residentIdOf(message.data.from);
          const stored = await this.store.addToInbox({
            pk,
            message: message.data,
            receivedAt,
            seq: seq++,
          });
          log.debug(
            {
              conversation: pseudonym(pk),
              message: pseudonym(message.data.id),
              kind: message.data.type,
              stored,
            },
            stored === 'created'
              ? 'WhatsApp message stored'
              : 'WhatsApp message delivered again; ignored',
          );
          // Also on a repeat: if the first delivery's handling was lost, this picks it up.
          residents.add(pk);
        }
        for (const item of value.data.statuses ?? []) {
          const status = statusSchema.safeParse(item);
          if (!status.success) {
            log.warn(
              { reason: 'unknownStatusShape', issues: issuesOf(status.error) },
              'WhatsApp status not understood; acknowledged',
            );
            continue;
          }
          await this.recordStatus(status.data);
        }
      }
    }
    return { status: 200, residents: [...residents] };
  }

  /** Handles the residents' open messages in the background (step 2 above). */
  dispatch(residents: readonly string[]): void {
    for (const pk of residents) void this.schedule(pk);
  }

  /**
   * The recovery sweep: finds residents whose messages nobody is handling (pending for longer
   * than the grace period, or claimed by an instance whose claim ran out) and handles them.
   * Resolves when that is done; returns how many residents it found.
   */
  async recover(): Promise<number> {
    if (this.stopped) return 0;
    const now = this.deps.clock.now().getTime();
    let residents: string[];
    try {
      residents = await this.store.residentsWithStaleMessages(now - this.graceMs, now);
    } catch (error) {
      this.deps.log.warn(
        { err: { type: (error as Error).name } },
        'WhatsApp recovery sweep failed; next sweep tries again',
      );
      return 0;
    }
    if (residents.length > 0) {
      this.deps.log.info(
        { residents: residents.length },
        'handling WhatsApp messages left unhandled',
      );
    }
    await Promise.all(residents.map((pk) => this.schedule(pk)));
    return residents.length;
  }

  /** Sweeps once now and then every `recoveryIntervalSeconds`. */
  start(): void {
    if (this.timer) return;
    this.stopped = false;
    void this.recover();
    this.timer = setInterval(
      () => void this.recover(),
      this.deps.config.recoveryIntervalSeconds * 1000,
    );
    this.timer.unref();
  }

  /** Stops sweeping and starting new work; waits (bounded) for the message being handled. */
  async stop(waitMs = 10_000): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
    let timeout: NodeJS.Timeout | undefined;
    await Promise.race([
      this.idle(),
      new Promise<void>((resolve) => {
        timeout = setTimeout(resolve, waitMs);
        timeout.unref();
      }),
    ]);
    clearTimeout(timeout);
  }

  /** Resolves when no message is being handled or waiting to be (tests). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Sends an approved template (e.g. the meeting reminder); see {@link WhatsAppAdapter.sendTemplate}. */
  sendTemplate(residentId: string, request: TemplateRequest): Promise<string> {
    return this.adapter.sendTemplate(residentId, request);
  }

  /** The resident's pseudonym for a WhatsApp id: conversation id, `from.id` and partition key. */
  residentIdOf(waId: string): string {
    return residentIdOf(this.deps.config.idKey, waId);
  }

  // -------------------------------------------------------------------------------------------

  private schedule(pk: string): Promise<void> {
    // A drain already waiting for this resident will see every message stored before it starts.
    if (this.queued.has(pk) || this.stopped) return Promise.resolve();
    this.queued.add(pk);
    const run = this.queue
      .run(pk, async () => {
        this.queued.delete(pk);
        await this.drain(pk);
      })
      .catch((error: unknown) => {
        this.deps.log.error(
          {
            conversation: pseudonym(pk),
            err: { type: (error as Error).name, stack: (error as Error).stack },
          },
          'WhatsApp messages not handled; the recovery sweep tries again',
        );
      });
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
    return run;
  }

  /** Handles one resident's open messages, oldest first, each under a claim. */
  private async drain(pk: string): Promise<void> {
    const conversation = pseudonym(pk);
    for (let round = 0; round < 1000 && !this.stopped; round++) {
      const [next] = await this.store.openMessages(pk);
      if (!next) return;
      const now = this.deps.clock.now().getTime();
      const doc = next.doc;
      const claimedElsewhere =
        doc.state === 'claimed' &&
        doc.claimedBy !== this.instanceId &&
        (doc.claimedUntil ?? 0) > now;
      // The instance holding the oldest message handles the rest after it, keeping the order.
      if (claimedElsewhere) return;
      if (doc.attempts >= this.maxAttempts) {
        await this.store.replaceInbox(next, finished(doc, 'failed', 'gaveUp', now));
        this.deps.log.error(
          { conversation, message: pseudonym(doc.messageId), attempts: doc.attempts },
          'WhatsApp message given up after repeated failures (kept in the inbox as failed)',
        );
        continue;
      }
      const claimed = await this.store.replaceInbox(next, {
        ...doc,
        state: 'claimed',
        claimedBy: this.instanceId,
        claimedUntil: now + this.leaseMs,
        attempts: doc.attempts + 1,
      });
      if (!claimed) continue; // another instance got there first: look again

      let outcome: string;
      const started = performance.now();
      try {
        outcome = await this.handle(claimed.doc);
      } catch (error) {
        this.deps.log.error(
          {
            conversation,
            message: pseudonym(doc.messageId),
            attempt: claimed.doc.attempts,
            err: { type: (error as Error).name, stack: (error as Error).stack },
          },
          'WhatsApp message not handled; it stays in the inbox for the next sweep',
        );
        await this.release(claimed);
        return;
      }
      const done = await this.store.replaceInbox(
        claimed,
        finished(claimed.doc, 'handled', outcome, this.deps.clock.now().getTime()),
      );
      if (!done) {
        this.deps.log.warn(
          { conversation, message: pseudonym(doc.messageId) },
          'WhatsApp message claim lost before it was marked handled',
        );
      } else {
        this.deps.log.debug(
          { conversation, message: pseudonym(doc.messageId), outcome, ms: Math.round(performance.now() - started) },
          'WhatsApp message handled',
        );
      }
    }
  }

  /** One message: the resident's contact (number, window, opt-out) first, then the turn. */
  private async handle(doc: InboxDocument): Promise<string> {
    const parsed = inboundMessageSchema.safeParse(doc.message);
    if (!parsed.success) return 'unreadable';
    const message: InboundMessage = parsed.data;
    const conversation = pseudonym(doc.pk);
    const keyword = optKeywordOf(message);
    const sentAt = Number(message.timestamp) * 1000;
    const now = this.deps.clock.now();

    const contact: Contact = await this.store.updateContact(doc.pk, (current) => {
      if (keyword === 'stop') return { optedOutAt: now.toISOString() };
      if (current?.optedOutAt && keyword !== 'start') return current;
      return { waId: message.from, lastInboundAt: Math.max(current?.lastInboundAt ?? 0, sentAt) };
    });
    if (keyword === 'stop') {
      this.deps.log.info({ conversation }, 'resident opted out of WhatsApp messages');
      return 'optedOut';
    }
    if (contact.optedOutAt) {
      this.deps.log.info(
        { conversation, kind: message.type },
        'message from an opted-out resident; not answered',
      );
      return 'optedOutIgnored';
    }
    if (keyword === 'start') this.deps.log.info({ conversation }, 'resident opted in again');

    const activity = toActivity(message, {
      residentId: doc.pk,
      phoneNumberId: this.deps.config.phoneNumberId,
    });
    if (!activity) return 'ignored';
    await this.adapter.processInbound(activity, contact, this.deps.bot);
    return 'handled';
  }

  private async release(claimed: Versioned<InboxDocument>): Promise<void> {
    try {
      await this.store.replaceInbox(claimed, { ...unclaimed(claimed.doc), state: 'pending' });
    } catch {
      // The claim runs out by itself; the sweep takes the message then.
    }
  }

  private async recordStatus(status: StatusUpdate): Promise<void> {
    const pk = this.residentIdOf(status.recipient_id);
    const errorCodes = (status.errors ?? []).map((error) => error.code);
    if (status.status === 'failed') {
      this.deps.log.warn(
        { conversation: pseudonym(pk), message: pseudonym(status.id), codes: errorCodes },
        'WhatsApp reports a message as not delivered',
      );
    }
    await this.store.recordStatus({
      pk,
      messageId: status.id,
      status: status.status,
      at: Number(status.timestamp) * 1000,
      errorCodes,
    });
  }
}

/** The document once its message is done with: without the message and the claim. */
function finished(
  doc: InboxDocument,
  state: 'handled' | 'failed',
  outcome: string,
  at: number,
): InboxDocument {
  const rest = unclaimed(doc);
  // A message given up keeps its content until the inbox ttl, so it can still be looked into.
  if (state === 'handled') delete rest.message;
  return { ...rest, state, outcome, handledAt: at };
}

/** A copy of the document without its claim. */
function unclaimed(doc: InboxDocument): InboxDocument {
  const copy = { ...doc };
  delete copy.claimedBy;
  delete copy.claimedUntil;
  return copy;
}

/** Issue codes and paths only: zod messages and values could quote the payload. */
function issuesOf(error: { issues: readonly { code: string; path: readonly PropertyKey[] }[] }) {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.code}@${issue.path.map(String).join('.')}`);
}

/**
 * Reads the request body as raw bytes (the signature is over them), refusing more than `max`.
 * The global body parser is skipped for the webhook, so the stream is still unread here.
 */
export function readRawBody(req: IncomingMessage, max: number): Promise<Buffer | 'tooLarge'> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > max) {
      resolve('tooLarge');
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > max) {
        settled = true;
        resolve('tooLarge');
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => {
      if (settled) return;
      settled = true;
      resolve(Buffer.concat(chunks));
    });
    req.once('error', (error) => {
      if (settled) return;
      settled = true;
      reject(error);
    });
  });
}
