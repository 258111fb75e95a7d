import type { CloudAdapter, TurnContext } from 'botbuilder';
import restify, { type Server } from 'restify';
import type { Config } from '../config.js';
import { defaultLanguage } from '../domain/language.js';
import type { Translator } from '../i18n.js';
import type { Logger } from '../log.js';
import type { Clock } from '../ports/clock.js';
import type { Readiness } from '../ports/readiness.js';
import { registerCoachPhotos } from './coachPhotos.js';
import { registerDirectLine } from './directLine.js';
import { registerWebChat } from './webChat.js';
import { WHATSAPP_WEBHOOK_PATH } from '../channels/whatsapp/whatsAppChannel.js';

/** Bodies larger than this are refused with 413 (Bot Framework activities are small). */
export const MAX_BODY_BYTES = 256 * 1024;

export interface ServerDeps {
  config: Pick<Config, 'directLineLocal' | 'municipality'>;
  adapter: CloudAdapter;
  bot: (context: TurnContext) => Promise<void>;
  readiness: Readiness;
  clock: Clock;
  i18n: Pick<Translator, 't'>;
  log: Logger;
  /** The WhatsApp webhook (`/api/whatsapp`), when WhatsApp is configured. */
  whatsApp?: { register(server: Server): void } | undefined;
}

/**
 * Builds the HTTP server without listening, so tests can listen on port 0.
 *
 * Routes: `POST /api/messages` (Bot Framework), `GET /healthz`, `GET /readyz`, and in local mode
 * the Direct Line 3.0 surface plus the web chat page.
 */
export function createServer(deps: ServerDeps): Server {
  const server = restify.createServer({
    name: 'voordeur',
    // restify ≥ 9 logs through pino; @types/restify still describes the bunyan logger of restify 8.
    log: deps.log.child({ component: 'http' }) as unknown as restify.ServerOptions['log'],
    handleUncaughtExceptions: false,
  });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  // The WhatsApp webhook reads its body itself: its signature is over the raw bytes.
  server.use(
    skipPath(
      deps.whatsApp ? WHATSAPP_WEBHOOK_PATH : undefined,
      restify.plugins.bodyParser({
        mapParams: false,
        maxBodySize: MAX_BODY_BYTES,
        requestBodyOnGet: false,
      }),
    ),
  );

  server.post('/api/messages', async (req, res) => {
    await deps.adapter.process(req, res, deps.bot);
  });

  server.get('/healthz', async (_req, res) => {
    res.send(200, { status: 'alive' });
  });
  server.get('/readyz', async (_req, res) => {
    const ready = await deps.readiness.isReady();
    const reason = ready ? undefined : deps.readiness.notReadyReason?.();
    res.send(ready ? 200 : 503, {
      status: ready ? 'ready' : 'not ready',
      ...(reason && { reason }),
    });
  });

  registerCoachPhotos(server);
  deps.whatsApp?.register(server);

  if (deps.config.directLineLocal) {
    registerDirectLine(server, {
      log: deps.log.child({ component: 'directline' }),
      serviceUrl: () => baseUrl(server),
      clock: deps.clock,
      deliver: (activity) => deps.adapter.processActivityDirect('', activity as never, deps.bot),
    });
    registerWebChat(server, {
      municipality: deps.config.municipality,
      text: (key, values, lng = defaultLanguage) => deps.i18n.t(lng, key, values),
      log: deps.log.child({ component: 'webchat' }),
    });
  }

  return server;
}

/** Runs `handlers` (a plugin's chain, in order) for every request except those for `path`. */
function skipPath(
  path: string | undefined,
  handlers: restify.RequestHandler[],
): restify.RequestHandler {
  return (req, res, next) => {
    if (path !== undefined && req.getPath() === path) return next();
    const run = (index: number): void => {
      const handler = handlers[index];
      if (!handler) return next();
      handler(req, res, ((result?: unknown) =>
        result === undefined || result === null ? run(index + 1) : next(result)) as restify.Next);
    };
    run(0);
  };
}

/** `http://host:port/` of a listening server (loopback in local mode). */
export function baseUrl(server: Server): string {
  const address = server.address();
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}/`;
}
