import { expect } from 'chai';
import { RateLimiter } from '../../src/http/rateLimit.js';

describe('the rate limiter', () => {
  it('allows a burst, then one request per refill interval, and says how long to wait', () => {
    const limiter = new RateLimiter({ burst: 2, perMinute: 6 });
    expect(limiter.take('a', 0)).to.deep.equal({ allowed: true });
    expect(limiter.take('a', 0)).to.deep.equal({ allowed: true });
    expect(limiter.take('a', 0)).to.deep.equal({ allowed: false, retryAfterSeconds: 10 });
    expect(limiter.take('a', 4_000)).to.deep.equal({ allowed: false, retryAfterSeconds: 6 });
    expect(limiter.take('a', 10_000)).to.deep.equal({ allowed: true });
    expect(limiter.take('b', 10_000), 'another client has its own bucket').to.deep.equal({
      allowed: true,
    });
  });

  it('keeps at most maxClients buckets, dropping the one unused longest', () => {
    const limiter = new RateLimiter({ burst: 1, perMinute: 1, maxClients: 100 });
    for (let i = 0; i < 10_000; i++) limiter.take(`client-${i}`, i);
    expect(limiter.size).to.equal(100);
  });

  it('refills nothing when the clock steps back', () => {
    const limiter = new RateLimiter({ burst: 1, perMinute: 60 });
    limiter.take('a', 10_000);
    expect(limiter.take('a', 0).allowed).to.equal(false);
  });
});
