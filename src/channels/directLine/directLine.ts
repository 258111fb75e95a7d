import type { Activity } from 'botbuilder';
import type { Server as HttpServer } from 'node:http';
import type { Server } from 'restify';
import {
  mountJsonRoutes,
  requestRoutes,
  type JsonResult,
  type JsonRoute,
  type Method,
  type RouteRequestInit,
} from '../../http/jsonRoute.js';
import { RateLimiter } from '../../http/rateLimit.js';
import type { Logger } from '../../log.js';
import type { Clock } from '../../ports/clock.js';
import { botRoutes } from './botRoutes.js';
import { clientRoutes } from './clientRoutes.js';
import {
  defaultDirectLineLimits,
  type DirectLineContext,
  type DirectLineLimits,
} from './context.js';
import { DirectLineConversations } from './conversationStore.js';
import { directLineErrors } from './errors.js';
import { handleStreamUpgrades } from './streamUpgrade.js';
import { DirectLineStreams } from './streams.js';

export { defaultDirectLineLimits, type DirectLineLimits };

/**
 * A local Direct Line 3.0 surface, so Web Chat and any Direct Line client work without Azure:
 * the client routes (`clientRoutes.ts`), the bot routes where CloudAdapter posts its replies
 * (`botRoutes.ts`), over an in-memory conversation store (`conversationStore.ts`) with bearer
 * tokens (`tokens.ts`). Clients read activities by polling (`GET …/activities`) or from a
 * WebSocket stream (the `streamUrl`, `streamUpgrade.ts` and `streams.ts`), which pushes each
 * activity as soon as it is posted.
 *
 * **Local / development use only.** Everything lives in this process's memory: conversations
 * are lost on restart, are not shared between instances, and anyone who can reach the server
 * can start one (there is no Direct Line secret). In Azure, the Direct Line channel of Azure
 * Bot Service does this job and this surface is not registered.
 *
 * Errors use Direct Line's shape, `{ error: { code, message } }`: 400 malformed body or query,
 * 401 no bearer token, 403 unknown/expired token or a token for another conversation (or a
 * non-loopback bot caller), 404 unknown conversation, 408 body too slow, 413 body too large,
 * 415 compressed body, 429 too many requests from one address (with `Retry-After`), 503 when
 * every kept conversation is active. A stream is refused before its upgrade in the same shape
 * (see `streamUpgrade.ts`).
 */
export interface DirectLineOptions {
  /**
   * Hands an activity to the bot. Called without holding the client's request, one activity
   * at a time per conversation (so two quick messages never run as concurrent turns).
   * A rejection is logged (ids only) and does not stop later deliveries.
   */
  deliver(activity: Partial<Activity>): Promise<void>;
  /** Base URL at which the bot reaches the bot routes, e.g. `http://127.0.0.1:3978/`. */
  serviceUrl(): string;
  log: Logger;
  limits?: Partial<DirectLineLimits> | undefined;
  /** Time source for token expiry and activity timestamps. */
  clock: Clock;
  /** Milliseconds for durations (rate limits); `performance.now` by default. */
  elapsedMs?: () => number;
}

export interface DirectLine {
  readonly routes: readonly JsonRoute[];
  /** Answers a request in process, as the mounted routes would (tests). */
  request(method: Method, url: string, init?: RouteRequestInit): Promise<JsonResult>;
  /**
   * Opens streams (the `streamUrl`s) on this HTTP server's `upgrade` event; other upgrades get a
   * 404 unless `othersListen()` says another listener answers them.
   */
  attachStreams(server: HttpServer, othersListen?: () => boolean): void;
  /** WebSocket streams open now. */
  readonly openStreams: number;
  /** Closes every open stream (an upgraded socket keeps `server.close()` waiting). */
  close(): void;
}

/** The Direct Line routes over one conversation store, not yet mounted on a server. */
export function createDirectLine(opts: DirectLineOptions): DirectLine {
  const limits: DirectLineLimits = { ...defaultDirectLineLimits, ...opts.limits };
  const now = () => opts.clock.now().getTime();
  const streams = new DirectLineStreams(limits, now, opts.log);
  const ctx: DirectLineContext = {
    conversations: new DirectLineConversations(limits, opts.log, streams),
    streams,
    limits,
    rates: {
      token: new RateLimiter(limits.tokenRate),
      conversation: new RateLimiter(limits.conversationRate),
    },
    now,
    elapsedMs: opts.elapsedMs ?? (() => performance.now()),
    serviceUrl: opts.serviceUrl,
    deliver: opts.deliver,
    log: opts.log,
  };
  const routes = [...clientRoutes(ctx), ...botRoutes(ctx)];
  return {
    routes,
    request: (method, url, init) =>
      requestRoutes(routes, directLineErrors, opts.log, method, url, init),
    attachStreams: (server, othersListen) => handleStreamUpgrades(server, ctx, othersListen),
    get openStreams() {
      return streams.size;
    },
    close: () => streams.close(),
  };
}

/**
 * Registers the local Direct Line routes on `server`. See {@link DirectLineOptions}.
 *
 * @example
 * registerDirectLine(server, {
 *   deliver: (activity) => adapter.processActivityDirect('', activity, bot.run),
 *   serviceUrl: () => baseUrl(server),
 *   clock,
 *   log,
 * });
 */
export function registerDirectLine(server: Server, opts: DirectLineOptions): DirectLine {
  const directLine = createDirectLine(opts);
  mountJsonRoutes(server, directLine.routes, directLineErrors, opts.log);
  // restify re-emits every upgrade on itself (unless `handleUpgrades`): only its listeners count.
  directLine.attachStreams(server.server, () => server.listenerCount('upgrade') > 0);
  return directLine;
}
