import type { TurnContext } from 'botbuilder';
import type { Response, Server } from 'restify';
import { BodyError, MAX_BODY_BYTES, readJsonBody } from '../../http/bodyReader.js';
import { describeError } from '../../http/jsonRoute.js';
import type { Logger } from '../../log.js';
import { parseActivity, withDates, type InboundActivity } from './activitySchema.js';
import type { BotFrameworkTurns } from './botFrameworkAdapter.js';
import { looksLikeBearer } from './channelToken.js';
import { parseServiceUrl } from './replyAddresses.js';

/** Where Azure Bot Service (and any Bot Framework channel) posts activities. */
export const BOT_FRAMEWORK_PATH = '/api/messages';

export interface BotFrameworkChannelDeps {
  /** Verifies tokens (when an app id is configured) and runs the turn. */
  adapter: BotFrameworkTurns;
  /** The bot's turn logic: `bot.run` of the turn gate. */
  bot: (context: TurnContext) => Promise<void>;
  log: Logger;
}

/**
 * `POST /api/messages`: the Bot Framework endpoint. In order, each step answering in restify's
 * error shape, `{ code, message }`, never with an internal message:
 * 1. with an app id, no bearer token → 401 before the body is read;
 * 2. the body (shared body reader: 256 KiB, identity encoding, JSON, 10 s) → 400/408/413/415;
 * 3. the activity (activitySchema.ts: type, channel, conversation, sender, text length) → 400;
 * 4. the reply address (replyAddresses.ts) → 400;
 * 5. with an app id, the token (channelToken.ts) → 401, or 503 when no signing keys can be had;
 * 6. the turn; a failure is logged (ids only) and answered 500.
 */
export function registerBotFramework(server: Server, deps: BotFrameworkChannelDeps): void {
  const { adapter, log } = deps;
  server.post(BOT_FRAMEWORK_PATH, async (req, res) => {
    const authorization = req.headers.authorization;
    if (adapter.tokens && !looksLikeBearer(authorization)) {
      res.setHeader('connection', 'close');
      refuse(res, 401, 'Unauthorized', 'send Authorization: Bearer <token>');
      return;
    }
    let body: unknown;
    try {
      body = await readJsonBody(req, { maxBytes: MAX_BODY_BYTES });
    } catch (error) {
      if (!(error instanceof BodyError)) throw error;
      if (error.status !== 400) res.setHeader('connection', 'close');
      refuse(res, error.status, codes[error.problem], error.message);
      return;
    }
    const parsed = parseActivity(body);
    if (!parsed.ok) {
      refuse(res, 400, 'InvalidContent', parsed.reason);
      return;
    }
    const activity = parsed.activity;
    if (!replyAddressAllowed(adapter, activity)) {
      log.warn({ channelId: activity.channelId }, 'activity with a foreign serviceUrl refused');
      refuse(res, 400, 'InvalidContent', 'serviceUrl: replies cannot be sent to this address');
      return;
    }
    let claims: Readonly<Record<string, unknown>> | undefined;
    if (adapter.tokens) {
      const verdict = await adapter.tokens.verify(authorization, activity);
      if (!verdict.ok) {
        if (verdict.status === 503) res.setHeader('retry-after', '10');
        refuse(
          res,
          verdict.status,
          verdict.status === 503 ? 'ServiceUnavailable' : 'Unauthorized',
          verdict.reason,
        );
        return;
      }
      claims = verdict.claims;
    }
    try {
      const invoke = await adapter.runTurn(withDates(activity), claims, deps.bot);
      res.send(invoke?.status ?? 200, invoke?.body);
    } catch (error) {
      log.error(
        { channelId: activity.channelId, activityType: activity.type, error: describeError(error) },
        'a Bot Framework turn failed',
      );
      refuse(res, 500, 'InternalError', 'the activity could not be handled');
    }
  });
}

/**
 * Local mode: replies go only to this server's own Direct Line, except for `expectReplies`,
 * where they come back in the response (and the connector guard still refuses any request).
 */
function replyAddressAllowed(adapter: BotFrameworkTurns, activity: InboundActivity): boolean {
  const url = parseServiceUrl(activity.serviceUrl);
  if (!url) return false;
  if (!adapter.tokens && activity.deliveryMode === 'expectReplies') return true;
  return adapter.replyAddress(url);
}

function refuse(res: Response, status: number, code: string, message: string): void {
  res.send(status, { code, message });
}

const codes: Record<BodyError['problem'], string> = {
  encoding: 'UnsupportedMediaType',
  tooLarge: 'PayloadTooLarge',
  notJson: 'InvalidContent',
  tooDeep: 'InvalidContent',
  timeout: 'RequestTimeout',
};
