import { expect } from 'chai';
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { FormError, MAX_FORM_BYTES, readForm } from '../../src/staff/http/formBody.js';

function request(
  body: string | Buffer[],
  headers: Record<string, string>,
  extra: object = {},
): IncomingMessage {
  const stream = Readable.from(typeof body === 'string' ? [Buffer.from(body)] : body);
  return Object.assign(stream, { headers }, extra) as unknown as IncomingMessage;
}

const form = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };

async function refusal(run: Promise<unknown>): Promise<number | undefined> {
  try {
    await run;
  } catch (error) {
    if (error instanceof FormError) return error.status;
    throw error;
  }
  return undefined;
}

describe('reading a staff form', () => {
  it('reads the body itself when no parser did', async () => {
    const fields = await readForm(request('uitkomst=held&notitie=Goed+gesprek%21', form));
    expect(fields.get('uitkomst')).to.equal('held');
    expect(fields.get('notitie')).to.equal('Goed gesprek!');
  });

  it('uses the raw text a body parser already read', async () => {
    const fields = await readForm(request('', form, { rawBody: 'actie=claim' }));
    expect(fields.get('actie')).to.equal('claim');
  });

  it('refuses other content types (415) and bodies over the limit (413)', async () => {
    expect(await refusal(readForm(request('{}', { 'content-type': 'application/json' })))).to.equal(
      415,
    );
    const big = Array.from({ length: 20 }, () => Buffer.alloc(1024, 'a'));
    expect(await refusal(readForm(request(big, form)))).to.equal(413);
    expect(MAX_FORM_BYTES).to.be.below(20 * 1024);
  });
});
