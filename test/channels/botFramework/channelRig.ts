import type { TurnContext } from 'botbuilder';
import { pino } from 'pino';
import type { Server } from 'restify';
import {
  createBotFrameworkTurns,
  type BotFrameworkAuth,
} from '../../../src/channels/botFramework/botFrameworkAdapter.js';
import { registerBotFramework } from '../../../src/channels/botFramework/botFrameworkChannel.js';
import { baseUrl, createServer } from '../../../src/http/server.js';
import { testMunicipality } from '../../dialogs/harness.js';

/** `POST /api/messages` on a real server (port 0), with an echo bot and the log lines kept. */
export interface ChannelRig {
  url: string;
  post(
    body: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: Record<string, unknown>; text: string; headers: Headers }>;
  logs: string[];
  turns: number;
  close(): Promise<void>;
}

export async function startChannel(
  options: {
    auth?: BotFrameworkAuth;
    bot?: (context: TurnContext) => Promise<void>;
  } = {},
): Promise<ChannelRig> {
  const logs: string[] = [];
  const log = pino({ level: 'debug' }, { write: (line: string) => logs.push(line) });
  const server: Server = createServer({
    config: { directLineLocal: false, municipality: testMunicipality },
    readiness: { isReady: async () => true },
    i18n: { t: (_lng, key) => key },
    log,
  });
  const rig: ChannelRig = {
    url: '',
    logs,
    turns: 0,
    post: async (body, headers = {}) => {
      const response = await fetch(`${rig.url}api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      let parsed: Record<string, unknown>;
      try {
        parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      } catch {
        parsed = {};
      }
      return { status: response.status, body: parsed, text, headers: response.headers };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  registerBotFramework(server, {
    adapter: createBotFrameworkTurns({
      auth: options.auth,
      baseUrl: () => baseUrl(server),
      nowSeconds: () => Date.now() / 1000,
      log,
    }),
    bot:
      options.bot ??
      (async (context) => {
        rig.turns++;
        await context.sendActivity(`echo ${context.activity.text ?? ''}`);
      }),
    log,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  rig.url = baseUrl(server);
  return rig;
}

/** An activity as Azure Bot Service posts it, replies returned in the response. */
export function activity(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'message',
    id: 'a1',
    channelId: 'test',
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    conversation: { id: 'c1' },
    from: { id: 'resident-1' },
    recipient: { id: 'voordeur' },
    deliveryMode: 'expectReplies',
    text: 'hallo',
    ...fields,
  };
}

/** The replies' texts of an `expectReplies` answer. */
export const replyTexts = (body: Record<string, unknown>) =>
  ((body['activities'] ?? []) as { text?: string }[]).map((a) => a.text);
