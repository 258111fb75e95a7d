import { expect } from 'chai';
import type { Server } from 'restify';
import { baseUrl, createServer } from '../../src/http/server.js';
import { createLogger } from '../../src/log.js';
import { testMunicipality } from '../dialogs/harness.js';

describe('response headers', () => {
  let server: Server;
  let url: string;
  before(async () => {
    server = createServer({
      config: { directLineLocal: true, municipality: testMunicipality },
      readiness: { isReady: async () => true },
      i18n: { t: (_lng, key) => key },
      log: createLogger('silent'),
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = baseUrl(server);
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('JSON answers carry nosniff and no-store, errors included', async () => {
    for (const path of ['healthz', 'readyz', 'no-such-route']) {
      const response = await fetch(`${url}${path}`);
      expect(response.headers.get('x-content-type-options'), path).to.equal('nosniff');
      expect(response.headers.get('cache-control'), path).to.equal('no-store');
      expect(response.headers.get('strict-transport-security'), `${path} over http`).to.equal(null);
    }
  });

  it('pages and photos keep their own caching', async () => {
    const page = await fetch(url);
    expect(page.headers.get('cache-control')).not.to.equal('no-store');
    expect(page.headers.get('x-content-type-options')).to.equal('nosniff');
  });

  it('adds HSTS when App Service says the request came over https', async () => {
    const cases: Record<string, string>[] = [
      { 'x-forwarded-proto': 'https' },
      { 'x-forwarded-proto': 'https, http' },
      { 'x-arr-ssl': '2048|256|CN=Microsoft RSA TLS CA 01' },
    ];
    for (const headers of cases) {
      const response = await fetch(`${url}healthz`, { headers });
      expect(response.headers.get('strict-transport-security'), JSON.stringify(headers)).to.equal(
        'max-age=31536000; includeSubDomains',
      );
    }
    const plain = await fetch(`${url}healthz`, { headers: { 'x-forwarded-proto': 'http' } });
    expect(plain.headers.get('strict-transport-security')).to.equal(null);
  });

  it('bounds how long a client may take to send its headers and request', () => {
    expect(server.server.headersTimeout).to.equal(20_000);
    expect(server.server.requestTimeout).to.equal(30_000);
  });
});
