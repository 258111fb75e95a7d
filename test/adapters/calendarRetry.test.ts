import { expect } from 'chai';
import {
  CalendarUnavailableError,
  parseRetryAfter,
  withCalendarRetry,
  type CalendarFailure,
} from '../../src/adapters/calendarRetry.js';

class Answer extends Error {
  constructor(readonly failure: CalendarFailure) {
    super(failure.reason);
  }
}
const classify = (error: unknown) => (error instanceof Answer ? error.failure : undefined);

/** A clock the retry loop reads and its sleeps move: no real waiting. */
function pretendTime() {
  let ms = 0;
  const waits: number[] = [];
  return {
    waits,
    options: {
      now: () => ms,
      sleep: async (delay: number) => {
        waits.push(delay);
        ms += delay;
      },
      random: () => 0.5,
    },
  };
}

describe('calendar retries', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2027-03-29T10:00:00Z');
    expect(parseRetryAfter('7', now)).to.equal(7000);
    expect(parseRetryAfter('Mon, 29 Mar 2027 10:00:30 GMT', now)).to.equal(30_000);
    expect(parseRetryAfter('Mon, 29 Mar 2027 09:00:00 GMT', now)).to.equal(0);
    expect(parseRetryAfter('soon', now)).to.equal(undefined);
    expect(parseRetryAfter(null, now)).to.equal(undefined);
  });

  it('retries 429, 5xx and connection failures with growing waits, then succeeds', async () => {
    const time = pretendTime();
    const failures: CalendarFailure[] = [
      { status: 503, reason: 'status 503' },
      { status: undefined, reason: 'connection failed' },
    ];
    const result = await withCalendarRetry(
      'test',
      async () => {
        const next = failures.shift();
        if (next) throw new Answer(next);
        return 'done';
      },
      classify,
      { ...time.options, attempts: 3, baseDelayMs: 100 },
    );
    expect(result).to.equal('done');
    expect(time.waits).to.deep.equal([75, 150]);
  });

  it('rethrows a refusal (403, 404) and unknown errors at once, untouched', async () => {
    const time = pretendTime();
    const refusal = new Answer({ status: 403, reason: 'status 403' });
    const thrown = await withCalendarRetry(
      'test',
      () => Promise.reject(refusal),
      classify,
      time.options,
    ).catch((e: unknown) => e);
    expect(thrown).to.equal(refusal);
    const bug = new TypeError('not a calendar failure');
    expect(
      await withCalendarRetry('test', () => Promise.reject(bug), classify, time.options).catch(
        (e: unknown) => e,
      ),
    ).to.equal(bug);
    expect(time.waits).to.deep.equal([]);
  });

  it('stops within its total time, saying what failed and how often', async () => {
    const time = pretendTime();
    const error = await withCalendarRetry(
      'Microsoft Graph busy',
      () => Promise.reject(new Answer({ status: 429, retryAfterMs: 4000, reason: 'status 429' })),
      classify,
      { ...time.options, attempts: 10, maxDelayMs: 5000, maxTotalMs: 10_000 },
    ).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(CalendarUnavailableError);
    expect(time.waits).to.deep.equal([4000, 4000]);
    expect(String(error)).to.contain(
      'Microsoft Graph busy: status 429 after 3 attempts, retry after 4000 ms',
    );
    expect((error as CalendarUnavailableError).retryAfterMs).to.equal(4000);
  });
});
