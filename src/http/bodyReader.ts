import type { IncomingMessage } from 'node:http';

/**
 * The one place a request body is read. Every route that takes a body goes through here, so
 * the same rules hold everywhere:
 * - `Content-Encoding` other than `identity` → 415. No client of ours compresses request bodies
 *   (Azure Bot Service, Meta and Web Chat send identity), and decompressing is where restify's
 *   own parser crashes the process on a body that is not what its header says.
 * - more than `maxBytes` bytes actually read → 413 (a `Content-Length` over the limit is refused
 *   before reading; a body without one is counted as it arrives).
 * - JSON nested deeper than `maxDepth` → 400, before it is parsed: later code (zod, structured
 *   clones, `JSON.stringify`) recurses over it.
 * - malformed JSON → 400 with a reason that quotes nothing of the body.
 * - a body that has not arrived in full within {@link BODY_READ_TIMEOUT_MS} → 408: a client that
 *   sends a byte now and then (slowloris) must not hold a handler, its buffers and a socket.
 *
 * The raw bytes are available on their own ({@link readRawBody}): the WhatsApp signature is
 * over them.
 */

/** Limits of one route's body. */
export interface BodyLimits {
  /** Largest body in bytes, as read from the socket. */
  maxBytes: number;
  /** Deepest nesting of JSON arrays and objects. Default {@link MAX_JSON_DEPTH}. */
  maxDepth?: number;
  /** Longest time the body may take to arrive. Default {@link BODY_READ_TIMEOUT_MS}. */
  timeoutMs?: number;
}

/** Deep enough for any activity, card or webhook payload we receive; far from a stack overflow. */
export const MAX_JSON_DEPTH = 64;

/** Bot Framework activities (cards included) are small; 256 KiB is the default for JSON routes. */
export const MAX_BODY_BYTES = 256 * 1024;

/** Longest time a whole body may take to arrive; Bot Service and Meta send theirs at once. */
export const BODY_READ_TIMEOUT_MS = 10_000;

export type BodyProblem = 'encoding' | 'tooLarge' | 'notJson' | 'tooDeep' | 'timeout';

/** A body refused, with the status to answer and a reason safe to show the caller. */
export class BodyError extends Error {
  readonly status: 400 | 408 | 413 | 415;

  constructor(
    readonly problem: BodyProblem,
    message: string,
  ) {
    super(message);
    this.name = 'BodyError';
    this.status = statuses[problem];
  }
}

const statuses: Record<BodyProblem, BodyError['status']> = {
  encoding: 415,
  tooLarge: 413,
  notJson: 400,
  tooDeep: 400,
  timeout: 408,
};

/**
 * The body's bytes. Rejects with a {@link BodyError} (415, 413) or with the stream's error.
 * On a refusal the rest of the body is left unread: answer with `Connection: close`.
 */
export async function readRawBody(
  req: IncomingMessage,
  maxBytes: number,
  timeoutMs = BODY_READ_TIMEOUT_MS,
): Promise<Buffer> {
  // `gzip, identity`, `GZIP`, `br`, `deflate`: anything but plain identity is refused.
  const encodings = (headerValue(req, 'content-encoding') ?? '')
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .filter((part) => part !== '');
  if (encodings.some((part) => part !== 'identity')) {
    throw new BodyError('encoding', 'compressed request bodies are not accepted');
  }
  const declared = Number(headerValue(req, 'content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  // Something upstream consumed the stream already: waiting for 'end' would wait forever.
  if (req.readableEnded) throw new Error('the request body was already read');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      finish();
    };
    const deadline = setTimeout(
      () =>
        settle(() =>
          reject(new BodyError('timeout', `the body did not arrive within ${timeoutMs} ms`)),
        ),
      timeoutMs,
    );
    // Listeners, not `for await`: leaving an async iterator early destroys the socket, and the
    // caller must still be able to answer 413. What comes after the limit is read and dropped.
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > maxBytes) settle(() => reject(tooLarge(maxBytes)));
      else chunks.push(chunk);
    });
    req.once('end', () => settle(() => resolve(Buffer.concat(chunks, size))));
    req.once('error', (error) => settle(() => reject(error)));
    // A client that goes away mid-body: nothing will answer, but the handler must not hang.
    req.once('close', () => settle(() => reject(new Error('the request was aborted'))));
  });
}

/**
 * JSON from raw bytes: `undefined` for an empty body, a {@link BodyError} (400) for one nested
 * deeper than `maxDepth` or that is not JSON.
 */
export function parseJsonBody(raw: Buffer, maxDepth = MAX_JSON_DEPTH): unknown {
  if (depthExceeds(raw, maxDepth)) {
    throw new BodyError('tooDeep', `the body is nested deeper than ${maxDepth} levels`);
  }
  const text = raw.toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BodyError('notJson', 'the body is not valid JSON');
  }
}

/** {@link readRawBody}, then {@link parseJsonBody}. */
export async function readJsonBody(req: IncomingMessage, limits: BodyLimits): Promise<unknown> {
  return parseJsonBody(await readRawBody(req, limits.maxBytes, limits.timeoutMs), limits.maxDepth);
}

/**
 * Whether `[`/`{` nest deeper than `max` outside strings. Scans bytes: in UTF-8 every byte of a
 * multi-byte character is ≥ 0x80, so none of them is mistaken for a bracket or a quote.
 */
function depthExceeds(raw: Buffer, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i];
    if (inString) {
      if (byte === 0x5c)
        i++; // backslash: skip the escaped character
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) inString = true;
    else if (byte === 0x5b || byte === 0x7b) {
      if (++depth > max) return true;
    } else if (byte === 0x5d || byte === 0x7d) depth--;
  }
  return false;
}

function tooLarge(maxBytes: number): BodyError {
  return new BodyError('tooLarge', `the body is larger than ${maxBytes} bytes`);
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}
