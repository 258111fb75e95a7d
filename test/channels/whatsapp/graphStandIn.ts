import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for Meta's Graph API, because Meta's cloud cannot run here. It serves only
 * the two documented endpoints Voordeur calls, in their documented wire format:
 *
 * - `POST /{version}/{phone-number-id}/messages` (JSON) → `{ messaging_product, contacts,
 *   messages: [{ id }] }`
 * - `POST /{version}/{phone-number-id}/media` (multipart: `messaging_product`, `type`, `file`)
 *   → `{ id }`
 *
 * It records every request and can be told to answer the next requests with Graph errors
 * (`{ error: { message, type, code, error_data, fbtrace_id } }`), e.g. 429 / 130429, 131047,
 * 131056 or 500.
 */

export interface SentMessage {
  to: string;
  type: string;
  body: Record<string, unknown>;
  /** The id the stand-in answered with. */
  id: string;
}

export interface Upload {
  type: string;
  filename: string;
  mimeType: string;
  text: string;
  id: string;
}

export interface ScriptedError {
  status: number;
  code?: number;
  retryAfterSeconds?: number;
}

export interface GraphStandIn {
  url: string;
  version: string;
  phoneNumberId: string;
  accessToken: string;
  messages: SentMessage[];
  uploads: Upload[];
  /** Every request that reached the stand-in, failed ones included: `messages` or `media`. */
  requests: string[];
  /** The next requests (of any endpoint) fail like this, in order. */
  failNext(...errors: ScriptedError[]): void;
  /** From now on, messages of these types fail like this (until cleared with `[]`). */
  failAlways(types: string[], error: ScriptedError): void;
  /** Resolves once at least `count` messages were accepted. */
  waitForMessages(count: number, timeoutMs?: number): Promise<void>;
  reset(): void;
  close(): Promise<void>;
}

const errorTitles: Record<number, string> = {
  4: 'Application request limit reached',
  130429: 'Rate limit hit',
  131047: 'Re-engagement message',
  131056: '(Business Account, Consumer Account) pair rate limit hit',
  131000: 'Something went wrong',
  100: 'Invalid parameter',
};

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startGraphStandIn(
  options: { version?: string; phoneNumberId?: string; accessToken?: string } = {},
): Promise<GraphStandIn> {
  const version = options.version ?? 'v23.0';
  const phoneNumberId = options.phoneNumberId ?? '106540352242922';
  const accessToken = options.accessToken ?? 'EAAtest-access-token-not-real';
  const messages: SentMessage[] = [];
  const uploads: Upload[] = [];
  const requests: string[] = [];
  let scripted: ScriptedError[] = [];
  let always: { types: string[]; error: ScriptedError } | undefined;
  let counter = 0;
  let waiters: Array<() => void> = [];

  /**
   * Answers with JSON. `writeHead` and `end` are called separately: restify (loaded by the
   * server under test) replaces `ServerResponse.prototype.writeHead` with one that does not
   * return the response, so chaining would throw.
   */
  const reply = (
    res: ServerResponse,
    status: number,
    body: unknown,
    extra: Record<string, string> = {},
  ) => {
    const json = JSON.stringify(body);
    res.statusCode = status;
    for (const [name, value] of Object.entries({
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(json)),
      ...extra,
    })) {
      res.setHeader(name, value);
    }
    res.end(json);
  };

  const sendError = (res: ServerResponse, error: ScriptedError) => {
    reply(
      res,
      error.status,
      {
        error: {
          message: errorTitles[error.code ?? 0] ?? 'Error',
          type: error.status >= 500 ? 'GraphMethodException' : 'OAuthException',
          code: error.code ?? error.status,
          error_data: {
            messaging_product: 'whatsapp',
            details: errorTitles[error.code ?? 0] ?? '',
          },
          fbtrace_id: `trace${counter}`,
        },
      },
      error.retryAfterSeconds === undefined
        ? {}
        : { 'retry-after': String(error.retryAfterSeconds) },
    );
  };

  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    const match = /^\/([^/]+)\/([^/]+)\/(messages|media)$/.exec(
      (req.url ?? '').split('?')[0] ?? '',
    );
    if (req.method !== 'POST' || !match || match[1] !== version || match[2] !== phoneNumberId) {
      res.statusCode = 404;
      res.end();
      return;
    }
    const endpoint = match[3] as 'messages' | 'media';
    requests.push(endpoint);
    if (req.headers.authorization !== `Bearer ${accessToken}`) {
      sendError(res, { status: 401, code: 190 });
      return;
    }
    const next = scripted.shift();
    if (next) {
      sendError(res, next);
      return;
    }
    counter += 1;
    if (endpoint === 'media') {
      const form = await new Request('http://stand-in/', {
        method: 'POST',
        headers: { 'content-type': req.headers['content-type'] ?? '' },
        body: new Uint8Array(body),
      }).formData();
      const file = form.get('file');
      if (form.get('messaging_product') !== 'whatsapp' || !(file instanceof Blob)) {
        sendError(res, { status: 400, code: 100 });
        return;
      }
      const id = `media-${counter}`;
      uploads.push({
        type: String(form.get('type')),
        filename: file instanceof File ? file.name : '',
        mimeType: file.type,
        text: await file.text(),
        id,
      });
      reply(res, 200, { id });
      return;
    }
    const json = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    if (json['messaging_product'] !== 'whatsapp' || typeof json['to'] !== 'string') {
      sendError(res, { status: 400, code: 100 });
      return;
    }
    const type = String(json['type']);
    if (always && always.types.includes(type)) {
      sendError(res, always.error);
      return;
    }
    const id = `wamid.out.${counter}`;
    messages.push({ to: json['to'], type, body: json, id });
    reply(res, 200, {
      messaging_product: 'whatsapp',
      contacts: [{ input: json['to'], wa_id: json['to'] }],
      messages: [{ id }],
    });
    const ready = waiters;
    waiters = [];
    for (const wake of ready) wake();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    version,
    phoneNumberId,
    accessToken,
    messages,
    uploads,
    requests,
    failNext: (...errors) => {
      scripted.push(...errors);
    },
    failAlways: (types, error) => {
      always = types.length > 0 ? { types, error } : undefined;
    },
    async waitForMessages(count, timeoutMs = 5_000) {
      const deadline = performance.now() + timeoutMs;
      while (messages.length < count) {
        if (performance.now() > deadline) {
          throw new Error(`expected ${count} messages, the stand-in got ${messages.length}`);
        }
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
    },
    reset() {
      messages.length = 0;
      uploads.length = 0;
      requests.length = 0;
      scripted = [];
      always = undefined;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
