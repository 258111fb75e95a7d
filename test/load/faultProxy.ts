import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback HTTP proxy in front of a calendar server (Radicale here) that can be switched to
 * answer every request with `503 Service Unavailable` and `Retry-After`, as a calendar provider
 * does during an outage; switched back, it forwards again. Everything it forwards reaches the
 * real server unchanged (method, path, headers, body).
 */
export interface FaultProxy {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  /** From now on every request gets 503 with `Retry-After: <seconds>`. */
  down(retryAfterSeconds: number): void;
  up(): void;
  /** Requests answered 503 and requests forwarded so far. */
  counts(): { refused: number; forwarded: number };
  close(): Promise<void>;
}

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const to = new URL(target);
  let retryAfter: number | undefined;
  let refused = 0;
  let forwarded = 0;

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    if (retryAfter !== undefined) {
      refused++;
      req.resume();
      req.on('end', () => {
        res.writeHead(503, {
          'retry-after': String(retryAfter ?? 1),
          'content-type': 'text/plain',
        });
        res.end('Service Unavailable');
      });
      return;
    }
    forwarded++;
    const upstream = request(
      {
        host: to.hostname,
        port: to.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: to.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  };

  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    down: (seconds) => {
      retryAfter = seconds;
    },
    up: () => {
      retryAfter = undefined;
    },
    counts: () => ({ refused, forwarded }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
