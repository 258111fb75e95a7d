import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Server } from 'restify';
import { projectRoot } from '../paths.js';

const types: Record<string, string> = {
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
};

/** Only plain file names: nothing can climb out of the folder. */
const fileName = /^[a-z0-9][a-z0-9-]*\.(svg|png|jpe?g|webp)$/;

/**
 * `GET /coaches/:file`: the coaches' photos (from `src/http/public/coaches/`), shown on the
 * cards that introduce a coach. Served in every mode: cards reach residents on every channel.
 */
export function registerCoachPhotos(
  server: Server,
  folder = join(projectRoot, 'src', 'http', 'public', 'coaches'),
) {
  server.get('/coaches/:file', async (req, res) => {
    const name = String(req.params.file ?? '');
    const match = fileName.exec(name);
    if (!match) {
      res.send(404, { code: 'NotFound', message: 'no such photo' });
      return;
    }
    const body = await readFile(join(folder, name)).catch(() => undefined);
    if (!body) {
      res.send(404, { code: 'NotFound', message: 'no such photo' });
      return;
    }
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
    res.header('ETag', etag);
    res.header('Cache-Control', 'public, max-age=3600');
    res.header('X-Content-Type-Options', 'nosniff');
    // An SVG opened on its own must not run anything.
    res.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304);
      res.end();
      return;
    }
    res.writeHead(200, {
      'Content-Type': types[match[1]!] ?? 'application/octet-stream',
      'Content-Length': body.length,
    });
    res.end(body);
  });
}
