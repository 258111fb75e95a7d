import type { Logger } from '../../log.js';
import {
  graphErrorCodes,
  graphErrorSchema,
  sendResponseSchema,
  uploadResponseSchema,
  type MessageContent,
  type MessageRequest,
} from './wireFormat.js';
import type { UploadFile } from './outbound.js';

/**
 * The two Graph API endpoints Voordeur calls, with bounded retries:
 * `POST /{version}/{phone-number-id}/messages` and `POST /{version}/{phone-number-id}/media`.
 *
 * Rate limits (HTTP 429, codes 130429, 131056, 4, 80007), Meta's transient errors and 5xx are
 * retried with exponential backoff and jitter (the pair rate limit 131056 waits longer: one
 * resident may only receive so many messages in a short time). Everything else, and a retryable
 * failure that outlasts the attempts, ends in a {@link GraphError} carrying the HTTP status and
 * Meta's code. Logs carry the endpoint, status, code and attempt: never the token, the
 * recipient or the message.
 *
 * A retry after a lost response can deliver a message twice (the Messages API has no
 * idempotency key); only failures that normally mean "not sent" are retried.
 */

export interface GraphClientOptions {
  /** e.g. `https://graph.facebook.com` (config `WHATSAPP_GRAPH_URL`). */
  baseUrl: string;
  /** e.g. `v23.0` (config `WHATSAPP_GRAPH_VERSION`). */
  version: string;
  phoneNumberId: string;
  accessToken: string;
  log: Logger;
  /** Total attempts per request, the first included. Default 5. */
  attempts?: number;
  /** First backoff step in ms (doubled per attempt, full jitter). Default 500. */
  baseDelayMs?: number;
  /** First backoff step for the pair rate limit (131056). Default 4000. */
  pairBaseDelayMs?: number;
  /** Upper bound of one wait. Default 30 000. */
  maxDelayMs?: number;
  /** Deadline per HTTP request. Default 10 000. */
  timeoutMs?: number;
  /** Injected for tests. */
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export type GraphFailure =
  /** Outside the 24-hour window: only a template can reach the resident now. */
  'reEngagement' | 'rateLimited' | 'server' | 'network' | 'permanent';

/** A Graph API request that did not succeed (after any retries). */
export class GraphError extends Error {
  constructor(
    readonly failure: GraphFailure,
    readonly status: number | undefined,
    readonly code: number | undefined,
    readonly attempts: number,
    options?: { cause?: unknown },
  ) {
    super(
      `WhatsApp Graph API request failed (${failure}, status ${status ?? '-'}, code ${code ?? '-'}, ${attempts} attempt(s))`,
      options,
    );
    this.name = 'GraphError';
  }
}

const rateLimitCodes = new Set<number>([
  graphErrorCodes.throughput,
  graphErrorCodes.pairRateLimit,
  graphErrorCodes.appRateLimit,
  graphErrorCodes.accountRateLimit,
]);
const transientCodes = new Set<number>([
  graphErrorCodes.unknown,
  graphErrorCodes.service,
  graphErrorCodes.serviceUnavailable,
  graphErrorCodes.somethingWentWrong,
  graphErrorCodes.serverUnavailable,
]);

/** What a failed response means, from its status and Meta's error code. */
export function classify(status: number, code: number | undefined): GraphFailure {
  if (code === graphErrorCodes.reEngagement) return 'reEngagement';
  if (status === 429 || (code !== undefined && rateLimitCodes.has(code))) return 'rateLimited';
  if (status >= 500 || (code !== undefined && transientCodes.has(code))) return 'server';
  return 'permanent';
}

const retryable = new Set<GraphFailure>(['rateLimited', 'server', 'network']);
const timerSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class GraphClient {
  private readonly base: string;
  private readonly fetch: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;

  constructor(private readonly options: GraphClientOptions) {
    this.base = `${options.baseUrl.replace(/\/+$/, '')}/${encodeURIComponent(options.version)}/${encodeURIComponent(options.phoneNumberId)}`;
    this.fetch = options.fetch ?? fetch;
    this.sleep = options.sleep ?? timerSleep;
    this.random = options.random ?? Math.random;
  }

  /**
   * Sends one message; resolves to its WhatsApp message id (`wamid.…`). `trace` (no personal
   * data, ≤ 512 characters) comes back in the message's status callbacks.
   */
  async sendMessage(to: string, content: MessageContent, trace?: string): Promise<string> {
    const request: MessageRequest = {
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to,
      ...(trace ? { biz_opaque_callback_data: trace.slice(0, 512) } : {}),
      ...content,
    };
    const body = await this.post('messages', () => ({
      body: JSON.stringify(request),
      headers: { 'content-type': 'application/json' },
    }));
    const parsed = sendResponseSchema.safeParse(body);
    if (!parsed.success) throw new GraphError('permanent', 200, undefined, 1);
    return parsed.data.messages[0]?.id ?? '';
  }

  /** Uploads a file to the Media API; resolves to the media id to send it by. */
  async uploadMedia(file: UploadFile): Promise<string> {
    const body = await this.post('media', () => {
      const form = new FormData();
      form.set('messaging_product', 'whatsapp');
      form.set('type', file.mimeType);
      form.set(
        'file',
        new Blob([new Uint8Array(file.bytes)], { type: file.mimeType }),
        file.filename,
      );
      return { body: form, headers: {} };
    });
    const parsed = uploadResponseSchema.safeParse(body);
    if (!parsed.success) throw new GraphError('permanent', 200, undefined, 1);
    return parsed.data.id;
  }

  private async post(
    endpoint: 'messages' | 'media',
    request: () => { body: string | FormData; headers: Record<string, string> },
  ): Promise<unknown> {
    const attempts = Math.max(1, this.options.attempts ?? 5);
    const timeoutMs = this.options.timeoutMs ?? 10_000;
    for (let attempt = 1; ; attempt += 1) {
      let status: number | undefined;
      let code: number | undefined;
      let failure: GraphFailure;
      let retryAfterMs: number | undefined;
      let cause: unknown;
      try {
        const { body, headers } = request();
        const response = await this.fetch(`${this.base}/${endpoint}`, {
          method: 'POST',
          headers: { ...headers, authorization: `Bearer ${this.options.accessToken}` },
          body,
          signal: AbortSignal.timeout(timeoutMs),
        });
        status = response.status;
        const payload: unknown = await response.json().catch(() => undefined);
        if (response.ok) return payload;
        const error = graphErrorSchema.safeParse(payload);
        code = error.success ? error.data.error.code : undefined;
        failure = classify(response.status, code);
        retryAfterMs = retryAfter(response.headers.get('retry-after'));
      } catch (error) {
        failure = 'network';
        cause = error;
      }
      const last = attempt >= attempts || !retryable.has(failure);
      const base =
        code === graphErrorCodes.pairRateLimit
          ? (this.options.pairBaseDelayMs ?? 4_000)
          : (this.options.baseDelayMs ?? 500);
      const maxDelayMs = this.options.maxDelayMs ?? 30_000;
      const delayMs = Math.min(
        maxDelayMs,
        retryAfterMs ?? base * 2 ** (attempt - 1) * (0.5 + this.random() / 2),
      );
      this.options.log.warn(
        { endpoint, status, code, failure, attempt, ...(last ? {} : { retryInMs: delayMs }) },
        last ? 'WhatsApp request failed' : 'WhatsApp request failed; retrying',
      );
      if (last) throw new GraphError(failure, status, code, attempt, { cause });
      await this.sleep(delayMs);
    }
  }
}

function retryAfter(header: string | null): number | undefined {
  if (header === null) return undefined;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}
