import type { IncomingHttpHeaders } from 'node:http';
import type { Request, Response, Server } from 'restify';
import type { Logger } from '../log.js';
import { BodyError, parseJsonBody, readRawBody } from './bodyReader.js';

/**
 * Routes as plain functions from a request to a result, so a channel can describe its routes
 * once, the server can mount them, and tests can call them without a socket (as hono's
 * `app.request()`): see {@link requestRoutes}.
 */

/** What a route handler sees of a request. */
export interface JsonRequest {
  /** Path parameters (`:name`), decoded. */
  params: Readonly<Record<string, string>>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body, `undefined` when empty (or for a route without a body). */
  body: unknown;
  /** The caller's address as the socket reports it. */
  remoteAddress: string | undefined;
}

/** What a route handler answers: a status and a JSON body. */
export interface JsonResult {
  status: number;
  body: unknown;
  /** Extra response headers, e.g. `Retry-After` on a 429. */
  headers?: Readonly<Record<string, string>>;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface JsonRoute {
  method: Method;
  /** restify-style pattern: `/v3/conversations/:conversationId/activities`. */
  path: string;
  /** Set on routes that read a body: its largest size in bytes. */
  maxBodyBytes?: number;
  /**
   * Checked before the body is read: a result (e.g. 429) refuses the request. For limits per
   * client, so a flood costs as little as possible.
   */
  admit?(remoteAddress: string | undefined): JsonResult | undefined;
  handle(request: JsonRequest): JsonResult | Promise<JsonResult>;
}

/** How a group of routes answers what its handlers never see. */
export interface JsonRouteErrors {
  /** A body refused by the body reader (413, 415, 400), in the routes' error shape. */
  bodyError(error: BodyError): JsonResult;
  /** A handler that threw: logged by the caller, answered with this (a 500, no internals). */
  internalError: JsonResult;
}

/** Adds `routes` to `server`; bodies are read by the shared body reader. */
export function mountJsonRoutes(
  server: Server,
  routes: readonly JsonRoute[],
  errors: JsonRouteErrors,
  log: Logger,
): void {
  for (const route of routes) {
    const method = route.method === 'DELETE' ? 'del' : (route.method.toLowerCase() as 'get');
    server[method](route.path, async (req: Request, res: Response) => {
      const result = await answer(route, errors, log, req.socket.remoteAddress, async () => ({
        params: stringParams(req.params),
        query: new URL(req.url ?? '/', 'http://local').searchParams,
        headers: req.headers,
        body:
          route.maxBodyBytes === undefined
            ? undefined
            : parseJsonBody(await readRawBody(req, route.maxBodyBytes)),
        remoteAddress: req.socket.remoteAddress,
      }));
      // The rest of a refused body is unread: do not reuse the connection.
      if (unreadBody.has(result.status)) res.setHeader('connection', 'close');
      for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, value);
      res.send(result.status, result.body);
    });
  }
}

/** Refusals that leave the rest of the body unread (too slow, too large, compressed). */
const unreadBody = new Set([408, 413, 415]);

/** A request for {@link requestRoutes}: what a client would send, without a socket. */
export interface RouteRequestInit {
  headers?: Record<string, string>;
  /** A value is sent as JSON; a string or bytes as they are. */
  body?: unknown;
  remoteAddress?: string;
}

/**
 * Answers a request from `routes` in process, as the mounted server would (404 when no route
 * matches). For tests and tools; the body rules are those of the body reader.
 */
export async function requestRoutes(
  routes: readonly JsonRoute[],
  errors: JsonRouteErrors,
  log: Logger,
  method: Method,
  url: string,
  init: RouteRequestInit = {},
): Promise<JsonResult> {
  const parsed = new URL(url, 'http://local');
  for (const route of routes) {
    if (route.method !== method) continue;
    const params = matchPath(route.path, parsed.pathname);
    if (!params) continue;
    const remoteAddress = init.remoteAddress ?? '127.0.0.1';
    return answer(route, errors, log, remoteAddress, () => {
      const raw =
        typeof init.body === 'string' || Buffer.isBuffer(init.body)
          ? Buffer.from(init.body)
          : Buffer.from(init.body === undefined ? '' : JSON.stringify(init.body));
      if (route.maxBodyBytes !== undefined && raw.length > route.maxBodyBytes) {
        throw new BodyError('tooLarge', `the body is larger than ${route.maxBodyBytes} bytes`);
      }
      return {
        params,
        query: parsed.searchParams,
        headers: lowerCaseKeys(init.headers ?? {}),
        body: route.maxBodyBytes === undefined ? undefined : parseJsonBody(raw),
        remoteAddress,
      };
    });
  }
  return { status: 404, body: { code: 'ResourceNotFound', message: `${url} does not exist` } };
}

async function answer(
  route: JsonRoute,
  errors: JsonRouteErrors,
  log: Logger,
  remoteAddress: string | undefined,
  request: () => JsonRequest | Promise<JsonRequest>,
): Promise<JsonResult> {
  const refusal = route.admit?.(remoteAddress);
  if (refusal) return refusal;
  try {
    return await route.handle(await request());
  } catch (error) {
    if (error instanceof BodyError) return errors.bodyError(error);
    log.error({ route: route.path, error: describeError(error) }, 'route failed');
    return errors.internalError;
  }
}

/** `{ name: value }` for `pattern`'s `:name` segments, or `undefined` when `path` does not match. */
function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, segment] of want.entries()) {
    const actual = got[index] ?? '';
    if (segment.startsWith(':')) {
      if (actual === '') return undefined;
      try {
        params[segment.slice(1)] = decodeURIComponent(actual);
      } catch {
        return undefined; // a malformed escape matches nothing
      }
    } else if (segment !== actual) return undefined;
  }
  return params;
}

function stringParams(params: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (typeof params !== 'object' || params === null) return result;
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === 'string') result[name] = value;
  }
  return result;
}

function lowerCaseKeys(headers: Record<string, string>): IncomingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

/** Name, code and status only: an error's message may quote what the resident wrote. */
export function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { kind: typeof error };
  const { code, statusCode, status } = error as {
    code?: unknown;
    statusCode?: unknown;
    status?: unknown;
  };
  return { name: error.name, code, status: statusCode ?? status };
}
