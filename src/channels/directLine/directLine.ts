import type { Activity } from 'botbuilder';
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
import { defaultDirectLineLimits, type DirectLineLimits } from './context.js';
import { DirectLineConversations } from './conversationStore.js';
import { directLineErrors } from './errors.js';

export { defaultDirectLineLimits, type DirectLineLimits };

/**
 * A local Direct Line 3.0 surface (polling only), so Web Chat and any Direct Line client work
 * without Azure: the client routes (`clientRoutes.ts`), the bot routes where CloudAdapter posts
 * its replies (`botRoutes.ts`), over an in-memory conversation store (`conversationStore.ts`)
 * with bearer tokens (`tokens.ts`).
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
 * every kept conversation is active.
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
}

/** The Direct Line routes over one conversation store, not yet mounted on a server. */
export function createDirectLine(opts: DirectLineOptions): DirectLine {
  const limits: DirectLineLimits = { ...defaultDirectLineLimits, ...opts.limits };
  const ctx = {
    conversations: new DirectLineConversations(limits, opts.log),
    limits,
    rates: {
      token: new RateLimiter(limits.tokenRate),
      conversation: new RateLimiter(limits.conversationRate),
    },
    now: () => opts.clock.now().getTime(),
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
  return directLine;
}
