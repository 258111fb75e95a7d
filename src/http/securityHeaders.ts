import type { IncomingHttpHeaders } from 'node:http';
import type { Server } from 'restify';

/** One year, as App Service and the HSTS preload list expect. */
export const HSTS_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

/**
 * Headers every response starts with, before any route runs (so 404s, 405s and refusals carry
 * them too):
 * - `X-Content-Type-Options: nosniff`: a JSON answer that quotes a caller's input is never
 *   sniffed into HTML or script.
 * - `Cache-Control: no-store`: tokens, conversation ids and activities are not kept by a browser
 *   or a proxy. Routes with cacheable content (the web chat page, photos) set their own.
 * - `Strict-Transport-Security` when the request reached App Service over https: its front end
 *   (ARR) terminates TLS and says so in `X-ARR-SSL` and `X-Forwarded-Proto`. Over plain http a
 *   browser ignores the header, so a forged `X-Forwarded-Proto` gains nothing.
 */
export function registerSecurityHeaders(server: Server): void {
  server.pre((req, res, next) => {
    for (const [name, value] of Object.entries(securityHeaders(req.headers))) {
      res.setHeader(name, value);
    }
    return next();
  });
}

/** The headers {@link registerSecurityHeaders} sets for a request with these headers. */
export function securityHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  return {
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
    ...(overHttps(headers)
      ? { 'strict-transport-security': `max-age=${HSTS_MAX_AGE_SECONDS}; includeSubDomains` }
      : {}),
  };
}

function overHttps(headers: IncomingHttpHeaders): boolean {
  if (headers['x-arr-ssl'] !== undefined) return true;
  const proto = headers['x-forwarded-proto'];
  const first = (Array.isArray(proto) ? proto[0] : proto)?.split(',')[0]?.trim().toLowerCase();
  return first === 'https';
}
