import type { Server } from 'restify';
import { BodyError, readRawBody } from '../../http/bodyReader.js';
import type { Logger } from '../../log.js';
import { secretsEqual } from './signature.js';

/** Where Meta posts the webhook (configure `https://<host>/api/whatsapp` in the Meta app). */
export const WHATSAPP_WEBHOOK_PATH = '/api/whatsapp';

/** Meta's webhook payloads are at most 3 MB; anything larger is refused with 413. */
export const WHATSAPP_MAX_BODY_BYTES = 3 * 1024 * 1024;

/** What the webhook answers a delivery: 200 (also for payloads it does not understand) or 401. */
export interface Received {
  status: 200 | 401;
  /** Residents with new (or re-delivered) messages, to handle next. */
  residents: string[];
}

export interface WebhookDeps {
  verifyToken: string;
  /** Checks and stores a delivery; throws when it could not be stored. */
  receive(rawBody: Buffer, signature: string | undefined): Promise<Received>;
  /** Handles the residents' messages after Meta has its answer. */
  dispatch(residents: readonly string[]): void;
  log: Logger;
}

/**
 * `GET /api/whatsapp` (the verification handshake) and `POST /api/whatsapp` (deliveries). The
 * body is read raw by the shared body reader, since the signature is over the exact bytes; a
 * compressed body gets 415 and one over {@link WHATSAPP_MAX_BODY_BYTES} 413.
 */
export function registerWebhook(server: Server, deps: WebhookDeps): void {
  server.get(WHATSAPP_WEBHOOK_PATH, async (req, res) => {
    const result = verifyWebhook(
      req.query as Record<string, unknown> | undefined,
      deps.verifyToken,
      deps.log,
    );
    if (result.status !== 200) {
      res.send(result.status);
      return;
    }
    res.setHeader('content-type', 'text/plain; charset=utf-8');
    res.sendRaw(200, result.challenge);
  });

  server.post(WHATSAPP_WEBHOOK_PATH, async (req, res) => {
    let raw: Buffer;
    try {
      raw = await readRawBody(req, WHATSAPP_MAX_BODY_BYTES);
    } catch (error) {
      if (!(error instanceof BodyError)) throw error;
      // The rest of the body is unread: do not reuse the connection.
      res.setHeader('connection', 'close');
      res.send(error.status);
      return;
    }
    let received: Received;
    try {
      received = await deps.receive(raw, req.header('x-hub-signature-256') || undefined);
    } catch (error) {
      // Not stored: Meta must deliver again.
      deps.log.error(
        { err: { type: (error as Error).name, stack: (error as Error).stack } },
        'WhatsApp delivery not stored; Meta will retry',
      );
      res.send(500);
      return;
    }
    res.send(received.status);
    if (received.status === 200) deps.dispatch(received.residents);
  });
}

/** The verification handshake Meta does when the webhook URL is configured. */
export function verifyWebhook(
  query: Record<string, unknown> | undefined,
  verifyToken: string,
  log: Logger,
): { status: 200; challenge: string } | { status: 400 | 403 } {
  // restify's query parser nests `hub.mode` as `{ hub: { mode } }`; a plain parser does not.
  const param = (name: string): unknown => {
    const [group, key] = name.split('.') as [string, string];
    const nested = query?.[group];
    return (
      query?.[name] ??
      (typeof nested === 'object' && nested ? (nested as Record<string, unknown>)[key] : undefined)
    );
  };
  const mode = param('hub.mode');
  const token = param('hub.verify_token');
  const challenge = param('hub.challenge');
  if (mode !== 'subscribe' || typeof token !== 'string' || !secretsEqual(token, verifyToken)) {
    log.warn(
      { mode: typeof mode === 'string' ? mode.slice(0, 20) : undefined },
      'WhatsApp webhook verification refused',
    );
    return { status: 403 };
  }
  if (typeof challenge !== 'string' || !/^[\x21-\x7e]{1,256}$/.test(challenge)) {
    return { status: 400 };
  }
  log.info('WhatsApp webhook verified');
  return { status: 200, challenge };
}
