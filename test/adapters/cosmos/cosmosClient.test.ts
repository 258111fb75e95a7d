import { expect } from 'chai';
import { pino } from 'pino';
import { containerSpecs } from '../../../src/adapters/cosmos/cosmosClient.js';
import { startTestCosmos } from './cosmosTestServer.js';

/** A logger that keeps its lines, to check what was said and how loudly. */
function capturingLogger() {
  const lines: Array<{ level: number; msg: string }> = [];
  const log = pino({ level: 'trace' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { log, lines };
}

describe('connectCosmos', () => {
  it('creates the database and every container, partitioned on /pk with per-document TTL', async () => {
    const { cosmos, databaseId, close } = await startTestCosmos('client');
    try {
      const { resource: db } = await cosmos.database.read();
      expect(db?.id).to.equal(databaseId);
      for (const spec of Object.values(containerSpecs)) {
        const { resource } = await cosmos.database.container(spec.id).read();
        expect(resource?.partitionKey?.paths).to.deep.equal(['/pk']);
        expect(resource?.defaultTtl).to.equal(-1);
      }
      expect(cosmos.containers.conversations.id).to.equal('conversations');
    } finally {
      await close();
    }
  });

  it('warns once, loudly, that embedded data lives in memory only and is lost on restart', async () => {
    const { log, lines } = capturingLogger();
    await (await startTestCosmos('client', { log })).close();
    const warnings = lines.filter((line) => line.level === 40);
    expect(warnings).to.have.length(1);
    expect(warnings[0]?.msg)
      .to.match(/memory only/)
      .and.match(/LOST ON RESTART/);
  });

  it('stops the embedded server on close', async () => {
    const { cosmos, embedded } = await startTestCosmos('client');
    await cosmos.close();
    const error = await fetch(`${embedded.endpoint}/`).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(TypeError);
  });
});
