import { STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { describeError } from '../../http/jsonRoute.js';
import type { DirectLineContext } from './context.js';
import type { Conversation } from './conversationStore.js';
import { DirectLineError } from './errors.js';
import { parseWatermark } from './schemas.js';
import type { Capacity } from './streams.js';

const STREAM_PATH = /^\/v3\/directline\/conversations\/([^/]+)\/stream$/;

const full: Record<Capacity, string> = {
  conversation: 'this conversation has too many open streams',
  address: 'too many open streams from this address',
  server: 'too many open streams',
};

/**
 * Opens Direct Line streams on `server`'s `upgrade` event:
 * `GET /v3/directline/conversations/:conversationId/stream?watermark=N&t=<stream token>`.
 *
 * Everything is checked before the upgrade, and a refusal is a plain HTTP answer in Direct Line's
 * error shape: 429 too many requests from one address (with `Retry-After`), 400 not a WebSocket
 * handshake or a bad watermark, 401 no stream token, 403 an unknown, used or expired stream token
 * (or the conversation's own token expired) or one for another conversation, or a page of
 * another site (its `Origin`), 404 an unknown conversation (or another upgrade path), 429 too many
 * open streams. The stream token travels in the URL (a browser's WebSocket sends no headers), so
 * the URL is never logged.
 */
export function handleStreamUpgrades(
  server: Server,
  ctx: DirectLineContext,
  /** Whether another listener answers upgrades this one does not; if none does, this one says 404. */
  othersListen: () => boolean = () => server.listenerCount('upgrade') > 1,
): void {
  const wss = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    maxPayload: ctx.limits.maxSocketMessageBytes,
    perMessageDeflate: false,
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // A reset during the handshake must not become an unhandled 'error'.
    socket.on('error', () => socket.destroy());
    // Split by hand: the request line is the client's, and `new URL` would throw on some.
    const target = req.url ?? '';
    const mark = target.indexOf('?');
    const path = mark < 0 ? target : target.slice(0, mark);
    const query = mark < 0 ? '' : target.slice(mark + 1);
    const match = STREAM_PATH.exec(path);
    if (!match) {
      // Another upgrade path is for another listener; with none, the socket would wait forever.
      if (!othersListen()) {
        refuse(socket, new DirectLineError(404, 'NotFound', 'there is nothing to upgrade here'));
      }
      return;
    }
    try {
      open(req, socket, head, match[1], new URLSearchParams(query));
    } catch (error) {
      if (error instanceof DirectLineError) {
        ctx.log.debug(
          { status: error.status, code: error.code },
          'stream refused before the upgrade',
        );
        refuse(socket, error);
        return;
      }
      ctx.log.error({ error: describeError(error) }, 'opening a stream failed');
      refuse(socket, new DirectLineError(500, 'ServiceError', 'internal error'));
    }
  });

  function open(
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    conversationId: string | undefined,
    query: URLSearchParams,
  ): void {
    const address = req.socket.remoteAddress ?? 'unknown';
    const admission = ctx.rates.conversation.take(address, ctx.elapsedMs());
    if (!admission.allowed) {
      throw new DirectLineError(
        429,
        'TooManyRequests',
        `too many requests; try again in ${admission.retryAfterSeconds} s`,
        admission.retryAfterSeconds,
      );
    }
    if (req.method !== 'GET' || req.headers.upgrade?.toLowerCase() !== 'websocket') {
      throw new DirectLineError(400, 'BadArgument', 'a stream opens with a WebSocket handshake');
    }
    if (!fromLocalPage(req)) {
      throw new DirectLineError(403, 'Forbidden', "a stream opens from this server's own pages");
    }
    const watermark = parseWatermark(query.get('watermark'));
    const conversation = authorizeStream(ctx, query.get('t'), decoded(conversationId));
    const crowded = ctx.streams.full(conversation, address);
    if (crowded) {
      // Within two keep-alives a dead peer's stream is gone.
      throw new DirectLineError(429, 'TooManyRequests', full[crowded], ctx.limits.keepAliveSeconds);
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      try {
        ctx.conversations.touch(conversation);
        ctx.streams.open(ws, conversation, address, {
          activities: ctx.conversations.since(conversation, watermark),
          watermark: String(Math.max(conversation.lastSeq, watermark)),
        });
      } catch (error) {
        ctx.log.error({ error: describeError(error) }, 'opening a stream failed');
        ws.terminate();
      }
    });
  }
}

/**
 * As `authorizeFor` does for the REST routes: 401 without a token, 403 for an unknown (or used)
 * or expired one, 404 for an unknown conversation, 403 for another conversation's token.
 */
function authorizeStream(
  ctx: DirectLineContext,
  token: string | null,
  conversationId: string | undefined,
): Conversation {
  if (!token) throw new DirectLineError(401, 'MissingToken', 'the stream URL has no token (t)');
  const redeemed = ctx.streams.redeem(token);
  // A conversation dropped since the token was issued has ended: its token opens nothing.
  if (
    redeemed === undefined ||
    (redeemed !== 'expired' && ctx.conversations.byToken(redeemed.token) !== redeemed)
  ) {
    throw new DirectLineError(403, 'Forbidden', 'the token is not valid');
  }
  if (redeemed === 'expired' || redeemed.tokenExpiresAt <= ctx.now()) {
    throw new DirectLineError(403, 'TokenExpired', 'the token has expired');
  }
  if (conversationId === undefined || !ctx.conversations.started(conversationId)) {
    throw new DirectLineError(404, 'NotFound', 'there is no such conversation');
  }
  if (redeemed.id !== conversationId) {
    throw new DirectLineError(403, 'Forbidden', 'the token belongs to another conversation');
  }
  return redeemed;
}

const loopbackNames: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Whether the page opening the stream, if a browser says which (`Origin`; other clients send
 * none), is one this server could have served: http on a loopback name, on this server's port.
 * The local Direct Line exists only on loopback, so a site the developer happens to visit cannot
 * reach it from its own page, even with a stream token in hand.
 */
function fromLocalPage(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    const page = new URL(origin);
    const server = new URL(`http://${req.headers.host ?? ''}`);
    return (
      page.protocol === 'http:' && loopbackNames.has(page.hostname) && page.port === server.port
    );
  } catch {
    return false;
  }
}

function decoded(segment: string | undefined): string | undefined {
  try {
    return segment === undefined ? undefined : decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** An HTTP answer on the raw socket, then closed: the connection never becomes a WebSocket. */
function refuse(socket: Duplex, error: DirectLineError): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify({ error: { code: error.code, message: error.message } });
  const headers = [
    `HTTP/1.1 ${error.status} ${STATUS_CODES[error.status] ?? 'Error'}`,
    'Connection: close',
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Cache-Control: no-store',
    'X-Content-Type-Options: nosniff',
    ...(error.retryAfterSeconds === undefined ? [] : [`Retry-After: ${error.retryAfterSeconds}`]),
  ];
  socket.end(`${headers.join('\r\n')}\r\n\r\n${body}`);
}
