import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { request } from 'node:http';
import { pino } from 'pino';
import restify, { type Server } from 'restify';
import {
  accepted,
  registerWebChat,
  renderPage,
  webChatBundlePath,
} from '../../src/http/webChat.js';
import type { Config } from '../../src/config.js';
import { createTranslator } from '../../src/i18n.js';

const dutch = await createTranslator();
const text = (key: string, values?: Record<string, unknown>) => dutch.t('nl', key, values);

const municipality: Config['municipality'] = {
  name: 'gemeente <Test> & "Zo"',
  phone: '14 0123',
  privacyUrl: 'https://www.voorbeeld.nl/privacy?a=1&b="2"',
  brandColor: '#1d5b7f',
  brandTextColor: '#ffffff',
};

/** Raw HTTP, so the body arrives exactly as sent (fetch would decompress it). */
function get(base: string, path: string, headers: Record<string, string> = {}) {
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: Buffer;
  }>((resolve, reject) => {
    request(base + path, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    })
      .on('error', reject)
      .end();
  });
}

describe('web chat page', () => {
  let server: Server;
  let base: string;

  before(async () => {
    server = restify.createServer({ handleUncaughtExceptions: false });
    registerWebChat(server, { municipality, text, log: pino({ level: 'silent' }) });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    base = `http://127.0.0.1:${server.address().port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  describe('GET /', () => {
    it('is a Dutch page titled with the municipality name, escaped', async () => {
      const res = await get(base, '/');
      const html = res.body.toString();
      expect(res.status).to.equal(200);
      expect(res.headers['content-type']).to.equal('text/html; charset=utf-8');
      expect(html).to.match(/^<!doctype html>\n<html lang="nl" dir="ltr">/);
      expect(html).to.contain(
        '<title>Chat met de gemeente &lt;Test&gt; &amp; &quot;Zo&quot;</title>',
      );
      expect(html).to.contain('<h1>Chat met de gemeente &lt;Test&gt; &amp; &quot;Zo&quot;</h1>');
      expect(html).not.to.contain('<Test>');
      expect(html).to.contain('href="https://www.voorbeeld.nl/privacy?a=1&amp;b=&quot;2&quot;"');
      expect(html).to.contain('<a href="tel:140123">14 0123</a>');
    });

    it('has a main landmark, a labelled chat region and a phone-sized viewport', async () => {
      const html = (await get(base, '/')).body.toString();
      expect(html).to.contain(
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
      );
      expect(html).to.match(/<main>[\s\S]*<section id="webchat" aria-label="Chatgesprek"/);
      expect(html).to.contain('data-brand-color="#1d5b7f" data-brand-text-color="#ffffff"');
    });

    it('loads only its own scripts, with no inline script and no other origin', async () => {
      const html = (await get(base, '/')).body.toString();
      const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
      expect(scripts).to.deep.equal([' src="/webchat.js"', ' src="/chat.js"']);
      expect(html).not.to.match(/(src|href)="(https?:)?\/\/(?!www\.voorbeeld\.nl\/privacy)/);
    });

    it('sends a strict Content-Security-Policy and other security headers', async () => {
      const { headers } = await get(base, '/');
      const csp = String(headers['content-security-policy']);
      expect(csp).to.contain("default-src 'none'");
      expect(csp).to.contain("script-src 'self';");
      expect(csp).not.to.contain('unsafe-eval');
      expect(csp).to.contain("connect-src 'self' ws://127.0.0.1:* ws://localhost:*");
      expect(headers['x-content-type-options']).to.equal('nosniff');
      expect(headers['referrer-policy']).to.equal('no-referrer');
    });

    it('refuses a colour that is not #rrggbb, since it lands in CSS', () => {
      expect(() =>
        renderPage({ ...municipality, brandColor: 'red;}</style><script>' }, text),
      ).to.throw(/colour/);
    });
  });

  describe('GET /webchat.js', () => {
    const raw = readFileSync(webChatBundlePath());

    it('is the full Web Chat bundle from node_modules', () => {
      expect(webChatBundlePath()).to.match(/botframework-webchat\/dist\/webchat\.js$/);
      expect(raw.length).to.be.greaterThan(1_000_000);
    });

    it('is sent gzip-compressed when gzip is accepted, with caching headers', async () => {
      const res = await get(base, '/webchat.js', { 'accept-encoding': 'gzip, deflate' });
      expect(res.status).to.equal(200);
      expect(res.headers['content-encoding']).to.equal('gzip');
      expect(res.headers['vary']).to.equal('Accept-Encoding');
      expect(res.headers['cache-control']).to.equal('public, max-age=86400');
      expect(res.headers['content-type']).to.equal('text/javascript; charset=utf-8');
      expect(res.headers['etag']).to.match(/^"[\w-]+"$/);
      expect(res.body.length).to.be.lessThan(raw.length / 3);
      expect(gunzipSync(res.body).equals(raw)).to.equal(true);
    });

    it('prefers brotli, and sends it plain to a client that accepts neither', async () => {
      const br = await get(base, '/webchat.js', { 'accept-encoding': 'gzip, br' });
      expect(br.headers['content-encoding']).to.equal('br');
      expect(brotliDecompressSync(br.body).equals(raw)).to.equal(true);
      const plain = await get(base, '/webchat.js', { 'accept-encoding': 'gzip;q=0' });
      expect(plain.headers['content-encoding']).to.equal(undefined);
      expect(plain.body.equals(raw)).to.equal(true);
      expect(new Set([br.headers.etag, plain.headers.etag]).size).to.equal(2);
    });

    it('answers 304 Not Modified to a matching If-None-Match', async () => {
      const first = await get(base, '/webchat.js', { 'accept-encoding': 'gzip' });
      const etag = String(first.headers.etag);
      const again = await get(base, '/webchat.js', {
        'accept-encoding': 'gzip',
        'if-none-match': etag,
      });
      expect(again.status).to.equal(304);
      expect(again.body.length).to.equal(0);
      expect(again.headers.etag).to.equal(etag);
      const weak = await get(base, '/webchat.js', {
        'accept-encoding': 'gzip',
        'if-none-match': `"x", W/${etag}`,
      });
      expect(weak.status).to.equal(304);
      const stale = await get(base, '/webchat.js', {
        'accept-encoding': 'gzip',
        'if-none-match': '"old"',
      });
      expect(stale.status).to.equal(200);
    });
  });

  describe('GET /chat.js', () => {
    it('serves our client script, revalidated on every load', async () => {
      const res = await get(base, '/chat.js');
      expect(res.status).to.equal(200);
      expect(res.headers['content-type']).to.equal('text/javascript; charset=utf-8');
      expect(res.headers['cache-control']).to.equal('no-cache');
      const js = res.body.toString();
      expect(js).to.contain("'/v3/directline/tokens/generate'");
      expect(js).to.contain('webSocket: true');
      expect(js).to.contain('DIRECT_LINE/INCOMING_ACTIVITY');
      const again = await get(base, '/chat.js', { 'if-none-match': String(res.headers.etag) });
      expect(again.status).to.equal(304);
    });
  });

  describe('choosing an encoding', () => {
    it('reads Accept-Encoding with q-values', () => {
      expect(accepted(undefined)).to.equal('identity');
      expect(accepted('gzip')).to.equal('gzip');
      expect(accepted('gzip, deflate, br, zstd')).to.equal('br');
      expect(accepted('br;q=0, gzip;q=0.5')).to.equal('gzip');
      expect(accepted('*')).to.equal('br');
      expect(accepted('identity')).to.equal('identity');
    });
  });
});
