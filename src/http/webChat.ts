import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import type { Request, Response, Server } from 'restify';
import type { Config } from '../config.js';
import {
  defaultLanguage,
  languages,
  languageTags,
  textDirection,
  type Language,
} from '../domain/language.js';
import { webChatRememberDays } from '../domain/webChatMemory.js';
import type { Logger } from '../log.js';
import { projectRoot } from '../paths.js';

/**
 * The web chat page: `GET /` (the page), `GET /webchat.js` (Bot Framework Web Chat's bundle,
 * from node_modules) and `GET /chat.js` (ours, `src/http/public/chat.js`). The page talks to
 * the local Direct Line surface on the same origin and makes no other requests: no CDN, no
 * fonts, no analytics.
 */
export interface WebChatOptions {
  municipality: Config['municipality'];
  /**
   * The page's own words around the chat (`page.*` keys). The page opens in Dutch; the words in
   * the other languages ride along in `<template>`s, so the header follows the chat's language.
   */
  text: PageText;
  log: Logger;
}

/** A `page.*` text in `lng` (Dutch when not given). */
export type PageText = (key: string, values?: Record<string, unknown>, lng?: Language) => string;

/**
 * `style-src 'unsafe-inline'`: Web Chat styles itself through emotion, which adds `<style>`
 * elements at run time. Scripts stay `'self'` only: Web Chat needs no `eval` (its bundle
 * mentions `new Function` only as a fallback for browsers without `globalThis`).
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "media-src 'self' data: blob:",
  // 'self' covers the same origin's ws: in current browsers; the loopback hosts name it for older ones.
  "connect-src 'self' ws://127.0.0.1:* ws://localhost:*",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join('; ');

const securityHeaders = {
  'content-security-policy': contentSecurityPolicy,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
} as const;

export function registerWebChat(server: Server, opts: WebChatOptions): void {
  const html = Buffer.from(renderPage(opts.municipality, opts.text));
  const pageAsset = asset(html, 'text/html; charset=utf-8', 'no-cache');
  const chatJs = asset(
    readFileSync(join(projectRoot, 'src', 'http', 'public', 'chat.js')),
    'text/javascript; charset=utf-8',
    'no-cache',
  );

  server.get('/', (req, res, next) => {
    serve(req, res, pageAsset, securityHeaders);
    next();
  });
  server.get('/chat.js', (req, res, next) => {
    serve(req, res, chatJs);
    next();
  });
  server.get('/webchat.js', async (req, res) => {
    // Read and compressed on the first request: 4 MB and some 30 MB of zlib state that a server
    // behind Azure Bot Service, or not yet visited, does not need.
    const webChat = webChatBundle(opts.log);
    serve(req, res, await webChat.encoded(accepted(req.headers['accept-encoding'])));
  });
}

const PHONE_MARK = '\u0000phone\u0000';

/**
 * The page. Every config value is escaped for where it lands; colours are checked again.
 *
 * It opens in Dutch (`lang="nl"`). When the chat changes language, `chat.js` sets `lang` and
 * `dir` on `<html>` (right to left for Arabic) and swaps the header, title and chat label for
 * the ones in that language's `<template>`: a resident who reads only Arabic also reads that
 * this is a computer and how to reach a person.
 */
export function renderPage(m: Config['municipality'], text: PageText): string {
  const brand = checkedColour(m.brandColor);
  const brandText = checkedColour(m.brandTextColor);
  const phone = `<a href="tel:${escapeHtml(m.phone.replace(/[^\d+]/g, ''))}">${escapeHtml(m.phone)}</a>`;
  const words = (lng: Language) => {
    const t = (key: string, values?: Record<string, unknown>) => text(key, values, lng);
    // The phone number becomes a link inside the translated sentence, wherever the language puts it.
    const withPhone = (key: string) =>
      escapeHtml(t(key, { phone: PHONE_MARK })).replace(PHONE_MARK, phone);
    const privacy = m.privacyUrl
      ? ` <a href="${escapeHtml(m.privacyUrl)}">${escapeHtml(t('page.privacy'))}</a>`
      : '';
    const title = escapeHtml(t('page.title', { municipality: m.name }));
    // How long this browser keeps the conversation, and the way out on a shared computer.
    const remember = `<p class="remember">${escapeHtml(t('page.remember', { days: webChatRememberDays }))} ${escapeHtml(t('page.notYours'))} <button type="button" data-new-conversation>${escapeHtml(t('page.newConversation'))}</button></p>`;
    return {
      title,
      chatLabel: escapeHtml(t('page.chatLabel')),
      header: `<h1>${title}</h1>\n<p>${withPhone('page.intro')}${privacy}</p>\n${remember}`,
      withPhone,
    };
  };
  const dutch = words(defaultLanguage);
  const templates = languages
    .map((lng) => {
      const w = words(lng);
      return `<template data-locale="${languageTags[lng]}" data-dir="${textDirection[lng]}" data-title="${w.title}" data-chat-label="${w.chatLabel}">${w.header}</template>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="${defaultLanguage}" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${dutch.title}</title>
<link rel="icon" href="data:,">
<style>
:root { --brand: ${brand}; --brand-text: ${brandText}; }
* { box-sizing: border-box; }
html, body { height: 100%; margin: 0; }
body { display: flex; flex-direction: column; background: #f4f4f4; color: #1a1a1a;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif; }
header { background: var(--brand); color: var(--brand-text); padding: .75rem 1rem; }
header h1 { margin: 0; font-size: 1.25rem; line-height: 1.3; }
header p { margin: .25rem 0 0; font-size: 1rem; }
header a { color: inherit; text-underline-offset: .15em; }
header a:focus-visible { outline: 3px solid currentColor; outline-offset: 2px; }
header .remember { font-size: .875rem; margin-top: .375rem; }
/* On a phone the header stays small, so the chat keeps the screen. */
@media (max-width: 30rem) {
  header { padding: .5rem .75rem; }
  header h1 { font-size: 1.05rem; }
  header p { font-size: .875rem; }
}
header button { font: inherit; font-weight: 600; color: var(--brand); background: var(--brand-text);
  border: 0; border-radius: .375rem; padding: .25rem .625rem; min-height: 2rem; cursor: pointer; }
header button:focus-visible { outline: 3px solid currentColor; outline-offset: 2px; }
/* "Kies deze tijd" reads at least as large as the card's text, and is easy to tap. */
#webchat .ac-pushButton { font-size: 1.0625rem; font-weight: 600; min-height: 2.75rem; }
main { flex: 1; min-height: 0; display: flex; justify-content: center; }
#webchat { flex: 1; max-width: 48rem; min-width: 0; min-height: 0; height: 100%; overflow: hidden; background: #fff; }
.notice { max-width: 48rem; margin: 1rem auto; padding: 0 1rem; }
/* Every message, and what the resident types, runs in its own direction: a Dutch message stays
   left to right in the Arabic layout, Arabic typed in a Dutch chat right to left. */
.webchat__render-markdown :is(p, li, h1, h2, h3), .webchat__text-content, #webchat textarea { unicode-bidi: plaintext; text-align: start; }
</style>
</head>
<body>
<header id="page-header">
${dutch.header}
</header>
<main>
<section id="webchat" aria-label="${dutch.chatLabel}" data-brand-color="${brand}" data-brand-text-color="${brandText}" data-locale="${languageTags[defaultLanguage]}" data-remember-days="${webChatRememberDays}"></section>
<noscript><p class="notice">${dutch.withPhone('page.noScript')}</p></noscript>
<p id="chat-unavailable" class="notice" role="alert" hidden>${dutch.withPhone('page.unavailable')}</p>
</main>
${templates}
<script src="/webchat.js"></script>
<script src="/chat.js"></script>
</body>
</html>
`;
}

export function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

function checkedColour(value: string): string {
  if (!/^#[0-9a-fA-F]{6}$/.test(value)) throw new Error(`not a colour like #1d5b7f: ${value}`);
  return value;
}

// ── static assets ──────────────────────────────────────────────────────────────────

type Encoding = 'br' | 'gzip' | 'identity';

interface Asset {
  body: Buffer;
  type: string;
  etag: string;
  cacheControl: string;
  encoding: Encoding;
}

function asset(
  body: Buffer,
  type: string,
  cacheControl: string,
  encoding: Encoding = 'identity',
): Asset {
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 27);
  return { body, type, cacheControl, encoding, etag: `"${hash}"` };
}

/**
 * Web Chat's full bundle (not `webchat-minimal.js`, which cannot render hero or adaptive cards).
 * Read on the first request for it; gzip and brotli are made once (zlib's thread pool) and
 * shared by every server in the process.
 */
let bundle: { encoded(encoding: Encoding): Promise<Asset> } | undefined;

function webChatBundle(log: Logger): NonNullable<typeof bundle> {
  if (bundle) return bundle;
  const raw = readFileSync(webChatBundlePath());
  const identity = asset(raw, 'text/javascript; charset=utf-8', 'public, max-age=86400');
  const variant = (encoding: Exclude<Encoding, 'identity'>, make: Promise<Buffer>) =>
    make.then(
      (body): Asset => ({
        ...identity,
        body,
        encoding,
        etag: `${identity.etag.slice(0, -1)}-${encoding}"`,
      }),
      (error: unknown) => {
        log.error(
          { encoding, error: String(error) },
          'compressing webchat.js failed; serving it uncompressed',
        );
        return identity;
      },
    );
  const variants = {
    gzip: variant('gzip', promisify(gzip)(raw, { level: 9 })),
    br: variant(
      'br',
      promisify(brotliCompress)(raw, {
        params: { [zlib.BROTLI_PARAM_QUALITY]: 8, [zlib.BROTLI_PARAM_SIZE_HINT]: raw.length },
      }),
    ),
  };
  bundle = {
    encoded: async (encoding) => (encoding === 'identity' ? identity : variants[encoding]),
  };
  return bundle;
}

/** `dist/webchat.js` of the installed package; its `exports` hide `dist/`, so walk from the main file. */
export function webChatBundlePath(): string {
  const main = createRequire(import.meta.url).resolve('botframework-webchat'); // …/lib/index.js
  let dir = dirname(main);
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === 'botframework-webchat') return join(dir, 'dist', 'webchat.js');
    } catch {
      // no package.json here; keep walking up
    }
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error(`botframework-webchat's package root not found above ${main}`);
    dir = parent;
  }
}

/** The best encoding the client accepts (`q=0` means "not acceptable"). */
export function accepted(header: string | undefined): Encoding {
  const q = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  const ok = (name: string) => (q.get(name) ?? q.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return 'identity';
}

function serve(req: Request, res: Response, a: Asset, extra: Record<string, string> = {}): void {
  const headers: Record<string, string> = {
    'cache-control': a.cacheControl,
    etag: a.etag,
    vary: 'Accept-Encoding',
    'x-content-type-options': 'nosniff',
    ...extra,
  };
  if (matches(req.headers['if-none-match'], a.etag)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(200, {
    ...headers,
    'content-type': a.type,
    'content-length': String(a.body.length),
    ...(a.encoding === 'identity' ? {} : { 'content-encoding': a.encoding }),
  });
  res.end(a.body);
}

/** `If-None-Match` uses the weak comparison: `W/` prefixes are ignored. */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}
