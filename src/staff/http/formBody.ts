import type { IncomingMessage } from 'node:http';

/** Staff forms are a few fields and a note: more than this is not a form of ours. */
export const MAX_FORM_BYTES = 16 * 1024;

export class FormError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
    this.name = 'FormError';
  }
}

/**
 * The urlencoded body of a staff form. Reads the request itself, so it does not depend on the
 * server's body parser; when a parser already read the body (restify keeps the raw text as
 * `rawBody`), that text is used instead.
 */
export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    throw new FormError(415, 'expected a form (application/x-www-form-urlencoded)');
  }
  const parsed = (req as IncomingMessage & { rawBody?: unknown }).rawBody;
  const raw =
    typeof parsed === 'string'
      ? parsed
      : Buffer.isBuffer(parsed)
        ? parsed.toString('utf8')
        : await readRaw(req);
  if (Buffer.byteLength(raw) > MAX_FORM_BYTES) throw new FormError(413, 'form too large');
  return new URLSearchParams(raw);
}

async function readRaw(req: IncomingMessage): Promise<string> {
  if (req.readableEnded) return '';
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) throw new FormError(413, 'form too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
