import restify, { type Server } from 'restify';
import type { Config } from '../config.js';
import { defaultLanguage } from '../domain/language.js';
import { isLoopback } from '../domain/loopback.js';
import type { Translator } from '../i18n.js';
import type { Logger } from '../log.js';
import type { Readiness } from '../ports/readiness.js';
import { registerCoachPhotos } from './coachPhotos.js';
import { registerSecurityHeaders } from './securityHeaders.js';
import { registerWebChat } from './webChat.js';

export interface ServerDeps {
  config: Pick<Config, 'directLineLocal' | 'municipality'>;
  readiness: Readiness;
  i18n: Pick<Translator, 't'>;
  log: Logger;
  /** `GET /metrics` in Prometheus text format, answered to loopback clients only; unset: no route. */
  metrics?: () => string;
}

/**
 * Builds the HTTP server without listening, so tests can listen on port 0.
 *
 * Generic routes only: `GET /healthz`, `GET /readyz`, the coaches' photos, and in local mode the
 * web chat page. Channels add their own routes (`src/channels/*`), reading bodies with
 * `bodyReader.ts`; there is no global body parser.
 */
export function createServer(deps: ServerDeps): Server {
  const server = restify.createServer({
    name: 'voordeur',
    // restify ≥ 9 logs through pino; @types/restify still describes the bunyan logger of restify 8.
    log: deps.log.child({ component: 'http' }) as unknown as restify.ServerOptions['log'],
    handleUncaughtExceptions: false,
  });
  // Bounds on a client that sends headers or a body slowly (the body reader has its own, shorter
  // deadline); Node's defaults are 60 s and 5 min.
  server.server.headersTimeout = 20_000;
  server.server.requestTimeout = 30_000;
  registerSecurityHeaders(server);
  server.use(restify.plugins.queryParser({ mapParams: false }));

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

  const metrics = deps.metrics;
  if (metrics) {
    server.get('/metrics', async (req, res) => {
      if (!isLoopback(req.socket.remoteAddress ?? ''))
        return res.send(403, { reason: 'loopback only' });
      res.sendRaw(200, metrics(), { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
    });
  }

  registerCoachPhotos(server);

  if (deps.config.directLineLocal) {
    registerWebChat(server, {
      municipality: deps.config.municipality,
      text: (key, values, lng = defaultLanguage) => deps.i18n.t(lng, key, values),
      log: deps.log.child({ component: 'webchat' }),
    });
  }

  return server;
}

/** `http://host:port/` of a listening server (loopback in local mode). */
export function baseUrl(server: Server): string {
  const address = server.address();
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}/`;
}
