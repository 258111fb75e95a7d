import { expect } from 'chai';
import { requestKind, startEmbeddedCosmos } from '../../../src/adapters/cosmos/embeddedCosmos.js';

describe('embedded Cosmos server', () => {
  it('listens on a free loopback port over plain HTTP', async () => {
    const cosmos = await startEmbeddedCosmos();
    try {
      expect(cosmos.endpoint).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(cosmos.key).to.be.a('string').and.not.equal('');
    } finally {
      await cosmos.stop();
    }
  });

  it('counts every request it receives, by kind, until reset', async () => {
    const cosmos = await startEmbeddedCosmos();
    try {
      await fetch(`${cosmos.endpoint}/dbs/none`);
      await fetch(`${cosmos.endpoint}/dbs/none/colls/c/docs/d`);
      await fetch(`${cosmos.endpoint}/dbs/none/colls/c/docs/d`);
      expect(cosmos.requests.count()).to.equal(3);
      expect(cosmos.requests.byKind()).to.deep.equal({ 'GET dbs': 1, 'GET docs': 2 });
      cosmos.requests.reset();
      expect(cosmos.requests.count()).to.equal(0);
      expect(cosmos.requests.byKind()).to.deep.equal({});
    } finally {
      await cosmos.stop();
    }
  });

  it('refuses connections once stopped, and stopping twice is harmless', async () => {
    const cosmos = await startEmbeddedCosmos();
    await cosmos.stop();
    await cosmos.stop();
    const error = await fetch(`${cosmos.endpoint}/`).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(TypeError);
    expect(((error as Error).cause as { code?: string }).code).to.equal('ECONNREFUSED');
  });

  it('names requests by verb and Cosmos resource type', () => {
    const kind = (method: string, url: string, headers: Record<string, string> = {}) =>
      requestKind({ method, url, headers });
    expect(kind('GET', '/dbs/d/colls/c/docs/x')).to.equal('GET docs');
    expect(kind('GET', '//dbs/d/colls/c/docs/x%252F?y=1')).to.equal('GET docs');
    expect(kind('POST', '/dbs/d/colls/c/docs')).to.equal('POST docs');
    expect(kind('PUT', '/dbs/d/colls/c/docs/x')).to.equal('PUT docs');
    expect(kind('DELETE', '/dbs/d/colls/c/docs/x')).to.equal('DELETE docs');
    expect(kind('POST', '/dbs/d/colls/c/docs', { 'x-ms-documentdb-is-upsert': 'True' })).to.equal(
      'UPSERT docs',
    );
    expect(kind('POST', '/dbs/d/colls/c/docs', { 'x-ms-documentdb-isquery': 'true' })).to.equal(
      'QUERY docs',
    );
    expect(kind('GET', '/dbs/d/colls/c')).to.equal('GET colls');
    expect(kind('POST', '/dbs')).to.equal('POST dbs');
    expect(kind('GET', '/')).to.equal('GET account');
  });
});
