import { expect } from 'chai';
import { BodyError, parseJsonBody } from '../../src/http/bodyReader.js';

const refusal = (raw: string): BodyError => {
  try {
    parseJsonBody(Buffer.from(raw));
  } catch (error) {
    if (error instanceof BodyError) return error;
    throw error;
  }
  throw new Error(`${raw.slice(0, 20)} was accepted`);
};

describe('the body reader', () => {
  it('parses JSON nested up to the limit, and refuses one level more with 400', () => {
    expect(parseJsonBody(Buffer.from(`${'['.repeat(64)}${']'.repeat(64)}`))).to.be.an('array');
    const deep = refusal(`${'{"a":'.repeat(65)}1${'}'.repeat(65)}`);
    expect(deep).to.include({ status: 400, problem: 'tooDeep' });
    expect(deep.message).to.equal('the body is nested deeper than 64 levels');
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    const text = `"\\"${'['.repeat(100)}"`;
    expect(parseJsonBody(Buffer.from(`{"text":${text}}`))).to.deep.equal({
      text: `"${'['.repeat(100)}`,
    });
  });

  it('answers malformed JSON with 400 and a reason that quotes nothing of the body', () => {
    const bad = refusal('{"geheim": 0612345678');
    expect(bad).to.include({ status: 400, problem: 'notJson' });
    expect(bad.message).to.equal('the body is not valid JSON');
  });

  it('reads an empty body as undefined', () => {
    expect(parseJsonBody(Buffer.from('  \n'))).to.equal(undefined);
  });
});
