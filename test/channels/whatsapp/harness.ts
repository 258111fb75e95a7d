import { randomUUID } from 'node:crypto';
import { TestClock } from '../../clocks.js';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TurnContext } from 'botbuilder';
import type { Server } from 'restify';
import { connectCosmos, type CosmosConnection } from '../../../src/adapters/cosmos/cosmosClient.js';
import { CosmosConversationStore } from '../../../src/adapters/cosmos/cosmosConversationStore.js';
import { CosmosLeasedWorkQueue } from '../../../src/adapters/cosmos/cosmosLeasedWorkQueue.js';
import { CosmosWhatsAppStore } from '../../../src/adapters/cosmos/whatsAppStore.js';
import type { WhatsAppInboxItem } from '../../../src/ports/whatsAppStore.js';
import { ConversationTurnState } from '../../../src/bot/conversationTurnState.js';
import { createStateAccessors } from '../../../dialogs/state.js';
import { TurnGate, type TurnHandler } from '../../../src/bot/turnGate.js';
import { loadConfig, type WhatsAppConfig } from '../../../src/config.js';
import { withInboundDedup } from '../../../src/channels/whatsapp/inboundDedup.js';
import { signatureOf } from '../../../src/channels/whatsapp/signature.js';
import {
  WHATSAPP_WEBHOOK_PATH,
  WhatsAppChannel,
  type WhatsAppChannelDeps,
} from '../../../src/channels/whatsapp/whatsAppChannel.js';
import { baseUrl, createServer } from '../../../src/http/server.js';
import { createLogger } from '../../../src/log.js';
import { projectRoot } from '../../../src/paths.js';
import { testMunicipality } from '../../dialogs/harness.js';
import { startGraphStandIn, type GraphStandIn } from './graphStandIn.js';

/** Made-up secrets: never real ones. Tests assert that none of them reaches a log. */
export const secrets = {
  appSecret: 'app-secret-for-tests-only-0123456789',
  verifyToken: 'verify-token-for-tests-only',
  accessToken: 'EAAtest-access-token-not-real',
} as const;

/** The resident's WhatsApp id in the fixtures (a made-up Dutch mobile number). */
export const residentNumber = '31612345678';
export const otherNumber = '31687654321';

export { TestClock };

export type Webhook = {
  object: string;
  entry: { id: string; changes: { field: string; value: Record<string, unknown> }[] }[];
};
type WireMessage = Record<string, unknown> & { id: string; from: string; timestamp: string };

const fixtureDir = join(projectRoot, 'test', 'channels', 'whatsapp', 'fixtures');

/** A fixture in Meta's documented wire format, parsed. */
export async function fixture(name: string): Promise<Webhook> {
  return JSON.parse(await readFile(join(fixtureDir, `${name}.json`), 'utf8')) as Webhook;
}

/** The first message (or status) of a fixture, to build other deliveries from. */
export async function fixtureMessage(name: string): Promise<WireMessage> {
  const value = (await fixture(name)).entry[0]!.changes[0]!.value;
  const list = (value['messages'] ?? value['statuses']) as WireMessage[];
  return structuredClone(list[0]!);
}

let sequence = 0;

/** A resident's message in the wire format: a fresh id, sent `ageMs` before `clock`. */
export function wireText(
  text: string,
  opts: { clock: TestClock; from?: string; id?: string; ageMs?: number },
): WireMessage {
  return {
    from: opts.from ?? residentNumber,
    id: opts.id ?? `wamid.test.${++sequence}.${randomUUID()}`,
    timestamp: String(Math.floor((opts.clock.ms - (opts.ageMs ?? 1_000)) / 1000)),
    type: 'text',
    text: { body: text },
  };
}

/** Wraps messages and statuses in a webhook delivery for `phoneNumberId`. */
export function delivery(
  messages: object[],
  statuses: object[] = [],
  phoneNumberId = '106540352242922',
): Webhook {
  const from = (messages[0] as { from?: string } | undefined)?.from ?? residentNumber;
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550783881', phone_number_id: phoneNumberId },
              ...(messages.length > 0
                ? { contacts: [{ profile: { name: 'Fatima Testpersoon' }, wa_id: from }] }
                : {}),
              ...(messages.length > 0 ? { messages } : {}),
              ...(statuses.length > 0 ? { statuses } : {}),
            },
          },
        ],
      },
    ],
  };
}

export function whatsAppConfig(
  standIn: GraphStandIn,
  env: Record<string, string> = {},
): WhatsAppConfig {
  const config = loadConfig({
    WHATSAPP_PHONE_NUMBER_ID: standIn.phoneNumberId,
    WHATSAPP_ACCESS_TOKEN: secrets.accessToken,
    WHATSAPP_APP_SECRET: secrets.appSecret,
    WHATSAPP_VERIFY_TOKEN: secrets.verifyToken,
    WHATSAPP_GRAPH_URL: standIn.url,
    WHATSAPP_GRAPH_VERSION: standIn.version,
    ...env,
  }).whatsApp;
  if (!config) throw new Error('WhatsApp config expected');
  return config;
}

/** A small bot: answers every message with what it understood. Conversation state in Cosmos. */
function echo(): TurnHandler {
  return {
    async onTurn(context: TurnContext) {
      if (context.activity.type !== 'message') return;
      const { value, text, attachments } = context.activity;
      if (attachments?.length) {
        await context.sendActivity(`attachment ${attachments[0]?.name ?? ''}`);
        return;
      }
      const said =
        value === undefined ? text : typeof value === 'string' ? value : JSON.stringify(value);
      await context.sendActivity(`echo ${said}`);
    },
  };
}

export interface Rig {
  url: string;
  server: Server;
  channel: WhatsAppChannel;
  cosmos: CosmosConnection;
  standIn: GraphStandIn;
  clock: TestClock;
  /** Every log line of this instance (pino JSON), at trace level. */
  logs: string[];
  /** Posts a delivery, signed with the app secret unless `signature` says otherwise. */
  deliver(
    body: Webhook | string,
    opts?: { signature?: string | null; headers?: Record<string, string> },
  ): Promise<Response>;
  /** Stops this instance (its channel and server); the shared Cosmos and stand-in stay. */
  close(): Promise<void>;
}

export interface RigOptions {
  cosmos: CosmosConnection;
  standIn: GraphStandIn;
  clock?: TestClock;
  /** The bot's turn; default an echo bot behind the real turn gate. */
  bot?: 'echo' | 'hang';
  channel?: Partial<WhatsAppChannelDeps>;
  env?: Record<string, string>;
}

/** One Voordeur instance with WhatsApp: the real server, channel, turn gate and Cosmos state. */
export async function startRig(options: RigOptions): Promise<Rig> {
  const { cosmos, standIn } = options;
  const clock = options.clock ?? new TestClock();
  const logs: string[] = [];
  const log = createLogger('trace', { write: (line: string) => void logs.push(line) });
  // The echo bot says nothing of its own; lists get the fallback label.
  const i18n = { t: (_lng: string, key: string) => key, has: () => false, list: () => [] };
  const conversationState = new ConversationTurnState(
    new CosmosConversationStore(cosmos.containers.conversations, { ttlSeconds: 3600 }),
  );
  const state = createStateAccessors(conversationState);
  const bot = new TurnGate({
    conversationState,
    state,
    dialogs: withInboundDedup(echo(), conversationState),
    log,
  });
  const channel = new WhatsAppChannel({
    config: whatsAppConfig(standIn, options.env),
    store: new CosmosWhatsAppStore(
      {
        contacts: cosmos.containers.whatsappContacts,
        messages: cosmos.containers.whatsappMessages,
      },
      { ttlSeconds: 3600 },
    ),
    inbox: new CosmosLeasedWorkQueue<WhatsAppInboxItem>(cosmos.containers.whatsappInbox),
    bot: options.bot === 'hang' ? () => new Promise<void>(() => undefined) : bot.run,
    i18n,
    clock,
    log,
    graph: { sleep: async () => undefined, random: () => 0.5 },
    ...options.channel,
  });
  const server = createServer({
    config: { directLineLocal: false, municipality: testMunicipality },
    readiness: { isReady: async () => true },
    i18n,
    log,
  });
  channel.register(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = baseUrl(server);
  return {
    url,
    server,
    channel,
    cosmos,
    standIn,
    clock,
    logs,
    async deliver(body, opts = {}) {
      const raw = typeof body === 'string' ? body : JSON.stringify(body);
      const signature =
        opts.signature === undefined ? signatureOf(secrets.appSecret, raw) : opts.signature;
      return fetch(new URL(WHATSAPP_WEBHOOK_PATH, url), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(signature === null ? {} : { 'x-hub-signature-256': signature }),
          ...opts.headers,
        },
        body: raw,
      });
    },
    async close() {
      await channel.stop(200);
      await new Promise<void>((resolve) => {
        server.server.closeAllConnections?.();
        server.close(() => resolve());
      });
    },
  };
}

/** A fresh embedded Cosmos database and a fresh Graph stand-in. */
export async function startBackends(): Promise<{
  cosmos: CosmosConnection;
  standIn: GraphStandIn;
}> {
  const cosmos = await connectCosmos(
    { kind: 'embedded', database: `vd-whatsapp-${randomUUID()}` },
    createLogger('silent'),
  );
  const standIn = await startGraphStandIn({ accessToken: secrets.accessToken });
  return { cosmos, standIn };
}

/** The text a sent message shows: a text body, an interactive body, a caption. */
export function shownText(message: { body: Record<string, unknown> }): string {
  const body = message.body as {
    text?: { body: string };
    interactive?: { body: { text: string } };
    image?: { caption?: string };
    document?: { caption?: string };
  };
  return (
    body.text?.body ??
    body.interactive?.body.text ??
    body.image?.caption ??
    body.document?.caption ??
    ''
  );
}

/**
 * Fails if any log line contains a phone number (with or without country code), one of the
 * texts, or a secret.
 */
export function assertLogsPrivate(logs: readonly string[], texts: readonly string[]): void {
  const forbidden = [
    residentNumber,
    residentNumber.slice(2),
    otherNumber,
    otherNumber.slice(2),
    secrets.appSecret,
    secrets.verifyToken,
    secrets.accessToken,
    ...texts,
  ];
  for (const line of logs) {
    for (const word of forbidden) {
      if (line.includes(word)) throw new Error(`a log line contains "${word}": ${line}`);
    }
  }
}
