import { expect } from 'chai';
import { createServer, request } from 'node:http';
import { connect } from 'node:net';
import { BodyError, parseJsonBody, readRawBody } from '../../src/http/bodyReader.js';

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

describe('reading a body from a socket', () => {
  /** A server whose one route reads the body with a 200 ms deadline. */
  async function slowServer() {
    const server = createServer((req, res) => {
      readRawBody(req, 1024, 200).then(
        (body) => res.end(`read ${body.length}`),
        (error: unknown) => {
          res.statusCode = error instanceof BodyError ? error.status : 500;
          res.setHeader('connection', 'close');
          res.end(error instanceof Error ? error.message : '');
        },
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('no address');
    return { server, port: address.port };
  }

  it('answers 408 to a body that trickles in slower than the deadline (slowloris)', async () => {
    const { server, port } = await slowServer();
    try {
      const socket = connect(port, '127.0.0.1');
      let answer = '';
      socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
      const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
      socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"a');
      // One byte every 50 ms would take 5 s for this body.
      const drip = setInterval(() => socket.writable && socket.write('a'), 50);
      const started = performance.now();
      await closed;
      clearInterval(drip);
      expect(answer, answer).to.match(/^HTTP\/1\.1 408/);
      expect(answer).to.include('the body did not arrive within 200 ms');
      expect(performance.now() - started).to.be.below(2000);
    } finally {
      server.close();
    }
  });

  it('reads a body that arrives in pieces within the deadline', async () => {
    const { server, port } = await slowServer();
    try {
      const text = await new Promise<string>((resolve, reject) => {
        const req = request({ port, host: '127.0.0.1', method: 'POST', path: '/' }, (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => resolve(body));
        });
        req.on('error', reject);
        req.write('{"a":');
        setTimeout(() => req.end('1}'), 50);
      });
      expect(text).to.equal('read 7');
    } finally {
      server.close();
    }
  });
});
