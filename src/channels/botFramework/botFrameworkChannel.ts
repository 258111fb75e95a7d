import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { Server } from 'restify';
import { BodyError, MAX_BODY_BYTES, readJsonBody } from '../../http/bodyReader.js';

/** Where Azure Bot Service (and any Bot Framework channel) posts activities. */
export const BOT_FRAMEWORK_PATH = '/api/messages';

export interface BotFrameworkChannelDeps {
  /** Authenticates each request (when an app id is configured) and runs the turn. */
  adapter: CloudAdapter;
  /** The bot's turn logic: `bot.run` of the turn gate. */
  bot: (context: TurnContext) => Promise<void>;
}

/**
 * `POST /api/messages`: the Bot Framework endpoint. The body is read by the shared body reader
 * (256 KiB, identity encoding only, JSON) and handed to CloudAdapter already parsed, as it
 * expects; refusals use restify's error shape, `{ code, message }`.
 */
export function registerBotFramework(server: Server, deps: BotFrameworkChannelDeps): void {
  server.post(BOT_FRAMEWORK_PATH, async (req, res) => {
    let body: unknown;
    try {
      body = await readJsonBody(req, { maxBytes: MAX_BODY_BYTES });
    } catch (error) {
      if (!(error instanceof BodyError)) throw error;
      if (error.status !== 400) res.setHeader('connection', 'close');
      res.send(error.status, { code: codes[error.problem], message: error.message });
      return;
    }
    // CloudAdapter reads only the parsed body, the headers (Authorization) and the method.
    await deps.adapter.process(
      { body: body as Record<string, unknown>, headers: req.headers, method: req.method },
      res,
      deps.bot,
    );
  });
}

const codes: Record<BodyError['problem'], string> = {
  encoding: 'UnsupportedMediaType',
  tooLarge: 'PayloadTooLarge',
  notJson: 'InvalidContent',
  tooDeep: 'InvalidContent',
};
