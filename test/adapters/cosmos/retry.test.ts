import { expect } from 'chai';
import {
  withRetry,
  transientReason,
  type RetryOptions,
} from '../../../src/adapters/cosmos/retry.js';
import { isVoordeurError } from '../../../src/errors.js';

/** An op that fails with the given errors in turn, then succeeds. */
function failing(...errors: unknown[]) {
  const calls: number[] = [];
  const op = async (attempt: number) => {
    calls.push(attempt);
    const error = errors[calls.length - 1];
    if (error !== undefined) throw error;
    return 'ok';
  };
  return { op, calls };
}

/** No real waiting: record the delays instead. */
function recordingSleep() {
  const delays: number[] = [];
  const options: RetryOptions = {
    sleep: async (ms) => {
      delays.push(ms);
    },
    random: () => 0.5,
  };
  return { delays, options };
}

const status = (code: number, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(`status ${code}`), { code, ...extra });

describe('withRetry', () => {
  for (const code of [429, 503, 408, 449]) {
    it(`tries again after status ${code} and returns the later success`, async () => {
      const { op, calls } = failing(status(code), status(code));
      const { options } = recordingSleep();
      expect(await withRetry(op, options)).to.equal('ok');
      expect(calls).to.deep.equal([1, 2, 3]);
    });
  }

  it('reads the status from statusCode as well as from a numeric code', async () => {
    const { op, calls } = failing(
      Object.assign(new Error('busy'), { statusCode: 503, code: 'ServiceUnavailable' }),
    );
    expect(await withRetry(op, recordingSleep().options)).to.equal('ok');
    expect(calls).to.have.length(2);
  });

  const connectionFailures: Array<[string, unknown]> = [
    [
      'ECONNREFUSED',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
    ],
    ['ECONNRESET', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    ['ETIMEDOUT', Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })],
    ['EPIPE', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })],
    ['socket hang up', new Error('socket hang up')],
    ['fetch failed', new TypeError('fetch failed')],
    [
      'a cause two levels down',
      new Error('outer', { cause: new Error('middle', { cause: { code: 'ECONNRESET' } }) }),
    ],
  ];
  for (const [label, error] of connectionFailures) {
    it(`tries again after a connection failure (${label})`, async () => {
      const { op, calls } = failing(error);
      expect(await withRetry(op, recordingSleep().options)).to.equal('ok');
      expect(calls).to.have.length(2);
    });
  }

  for (const code of [400, 404, 409, 412]) {
    it(`passes status ${code} through untouched after one attempt`, async () => {
      const error = status(code);
      const { op, calls } = failing(error);
      const thrown = await withRetry(op, recordingSleep().options).catch((e: unknown) => e);
      expect(thrown).to.equal(error);
      expect(calls).to.have.length(1);
    });
  }

  it('passes programming errors through untouched', async () => {
    const error = new TypeError('cannot read properties of undefined');
    const { op, calls } = failing(error);
    expect(await withRetry(op, recordingSleep().options).catch((e: unknown) => e)).to.equal(error);
    expect(calls).to.have.length(1);
  });

  it('gives up after the configured attempts with VD_STORE_UNAVAILABLE carrying the last failure', async () => {
    const last = status(503);
    const { op, calls } = failing(status(503), status(429), last, status(503));
    const thrown = await withRetry(op, { ...recordingSleep().options, attempts: 3 }).catch(
      (e: unknown) => e,
    );
    expect(isVoordeurError(thrown, 'VD_STORE_UNAVAILABLE')).to.equal(true);
    expect((thrown as Error).cause).to.equal(last);
    expect(calls).to.deep.equal([1, 2, 3]);
  });

  it('makes four attempts by default', async () => {
    const { op, calls } = failing(...Array.from({ length: 10 }, () => status(503)));
    const thrown = await withRetry(op, recordingSleep().options).catch((e: unknown) => e);
    expect(isVoordeurError(thrown, 'VD_STORE_UNAVAILABLE')).to.equal(true);
    expect(calls).to.have.length(4);
  });

  it("waits what the server's Retry-After asks, capped at the longest single wait", async () => {
    const { op } = failing(
      status(429, { retryAfterInMs: 7 }),
      status(429, { retryAfterInMs: 60_000 }),
    );
    const { delays, options } = recordingSleep();
    await withRetry(op, { ...options, maxDelayMs: 500, maxTotalMs: 10_000 });
    expect(delays).to.deep.equal([7, 500]);
  });

  it('backs off exponentially with full jitter', async () => {
    const { op } = failing(status(503), status(503), status(503));
    const delays: number[] = [];
    await withRetry(op, {
      baseDelayMs: 10,
      maxDelayMs: 1000,
      random: () => 0.999,
      sleep: async (ms) => {
        delays.push(ms);
      },
    });
    expect(delays.map(Math.round)).to.deep.equal([10, 20, 40]);

    const zero: number[] = [];
    await withRetry(failing(status(503), status(503)).op, {
      random: () => 0,
      sleep: async (ms) => {
        zero.push(ms);
      },
    });
    expect(zero).to.deep.equal([0, 0]);
  });

  it('starts no attempt once the time budget is spent', async () => {
    let clock = 0;
    const { op, calls } = failing(status(503), status(503), status(503));
    const thrown = await withRetry(op, {
      attempts: 10,
      maxTotalMs: 250,
      baseDelayMs: 100,
      random: () => 1,
      now: () => clock,
      sleep: async (ms) => {
        clock += ms;
      },
    }).catch((e: unknown) => e);
    // waits 100, then 200 would end at 300 > 250: stop after the second attempt.
    expect(isVoordeurError(thrown, 'VD_STORE_UNAVAILABLE')).to.equal(true);
    expect(calls).to.have.length(2);
  });

  it('really waits between attempts with the default timer, without hanging', async () => {
    const { op, calls } = failing(status(503), status(503));
    expect(await withRetry(op, { baseDelayMs: 1 })).to.equal('ok');
    expect(calls).to.have.length(3);
  });

  it('names why it retries so callers can log it', () => {
    expect(transientReason(status(429))).to.equal('status 429');
    expect(transientReason({ code: 'ECONNREFUSED' })).to.equal('connection');
    // @azure/cosmos wraps every failure of a transactional batch so, without status or cause.
    expect(transientReason(new Error('Batch request error: Request rate is large'))).to.equal(
      'batch',
    );
    expect(transientReason(new Error('A Batch request error: in a sentence'))).to.equal(undefined);
    expect(transientReason(status(412))).to.equal(undefined);
    expect(transientReason('just a string')).to.equal(undefined);
    expect(transientReason(undefined)).to.equal(undefined);
  });
});
