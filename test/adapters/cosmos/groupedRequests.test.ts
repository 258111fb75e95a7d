import { expect } from 'chai';
import {
  GroupedRequests,
  type GroupOutcome,
} from '../../../src/adapters/cosmos/groupedRequests.js';
import { statusOf } from '../../../src/adapters/cosmos/retry.js';

/** A sender whose requests stay in flight until the test answers them. */
function heldSender(maxGroup = 50) {
  const alone: Array<{ request: string; answer(value: string): void; fail(e: unknown): void }> = [];
  const groups: Array<{
    requests: string[];
    answer(outcomes: GroupOutcome<string>[]): void;
    fail(e: unknown): void;
  }> = [];
  const sender = {
    maxGroup,
    one: (request: string) =>
      new Promise<string>((answer, fail) => alone.push({ request, answer, fail })),
    many: (requests: string[]) =>
      new Promise<GroupOutcome<string>[]>((answer, fail) =>
        groups.push({ requests, answer, fail }),
      ),
  };
  return { sender, alone, groups };
}

const never = () => new AbortController().signal;
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('GroupedRequests (requests share one while one is in flight)', () => {
  it('sends a request with none in flight at once and by itself', async () => {
    const { sender, alone, groups } = heldSender();
    const grouped = new GroupedRequests(sender);
    const answer = grouped.submit('a', never());
    expect(alone.map((a) => a.request)).to.deep.equal(['a']);
    alone[0]!.answer('A');
    expect(await answer).to.equal('A');
    expect(groups).to.have.length(0);
  });

  it('sends the requests that arrived meanwhile together, each with its own answer', async () => {
    const { sender, alone, groups } = heldSender();
    const grouped = new GroupedRequests(sender);
    const first = grouped.submit('a', never());
    const later = ['b', 'c', 'd'].map((request) => grouped.submit(request, never()));
    expect(groups).to.have.length(0); // nothing more goes while 'a' is in flight
    alone[0]!.answer('A');
    await tick();
    expect(groups.map((g) => g.requests)).to.deep.equal([['b', 'c', 'd']]);
    groups[0]!.answer([
      { ok: true, value: 'B' },
      { ok: false, error: new Error('lost race') },
      { ok: true, value: 'D' },
    ]);
    expect(await first).to.equal('A');
    expect(await later[0]).to.equal('B');
    expect(await later[1]!.catch((e: Error) => e.message)).to.equal('lost race');
    expect(await later[2]).to.equal('D');
  });

  it('sends by itself a request the group left unanswered, and each one when the group failed', async () => {
    const { sender, alone, groups } = heldSender();
    const grouped = new GroupedRequests(sender);
    void grouped.submit('a', never());
    const b = grouped.submit('b', never());
    const c = grouped.submit('c', never());
    alone[0]!.answer('A');
    await tick();
    groups[0]!.answer([{ ok: true, value: 'B' }, undefined]);
    await tick();
    expect(alone.map((a) => a.request)).to.deep.equal(['a', 'c']);
    alone[1]!.answer('C');
    expect([await b, await c]).to.deep.equal(['B', 'C']);
    await tick(); // nothing in flight any more

    const d = grouped.submit('d', never());
    const e = grouped.submit('e', never());
    const f = grouped.submit('f', never());
    alone[2]!.answer('D');
    await tick();
    groups[1]!.fail(new Error('Bulk request errored with: socket hang up'));
    await tick();
    expect(alone.map((a) => a.request)).to.deep.equal(['a', 'c', 'd', 'e', 'f']);
    alone[3]!.answer('E');
    alone[4]!.fail(Object.assign(new Error('throttled'), { statusCode: 429 }));
    expect(await d).to.equal('D');
    expect(await e).to.equal('E');
    expect(await f.catch((error: unknown) => statusOf(error))).to.equal(429);
  });

  it('puts at most maxGroup requests in one', async () => {
    const { sender, alone, groups } = heldSender(2);
    const grouped = new GroupedRequests(sender);
    const answers = ['a', 'b', 'c', 'd', 'e'].map((request) => grouped.submit(request, never()));
    alone[0]!.answer('A');
    await tick();
    expect(groups.map((g) => g.requests)).to.deep.equal([['b', 'c']]);
    groups[0]!.answer([
      { ok: true, value: 'B' },
      { ok: true, value: 'C' },
    ]);
    await tick();
    expect(groups.map((g) => g.requests)).to.deep.equal([
      ['b', 'c'],
      ['d', 'e'],
    ]);
    groups[1]!.answer([
      { ok: true, value: 'D' },
      { ok: true, value: 'E' },
    ]);
    expect(await Promise.all(answers)).to.deep.equal(['A', 'B', 'C', 'D', 'E']);
  });

  it('rejects a waiting request whose deadline passed at once, without sending it, and carries on', async () => {
    const { sender, alone, groups } = heldSender();
    const grouped = new GroupedRequests(sender);
    const first = grouped.submit('a', never());
    const deadline = new AbortController();
    const late = grouped.submit('b', deadline.signal);
    const onTime = grouped.submit('c', never());
    deadline.abort(new DOMException('timed out', 'TimeoutError'));
    const error = await late.catch((e: unknown) => e);
    expect(error).to.be.instanceOf(Error);
    expect((error as Error).name).to.equal('AbortError');
    // No HTTP-looking status: callCosmos takes it for a timeout and retries.
    expect(statusOf(error)).to.equal(undefined);
    alone[0]!.answer('A');
    await tick();
    expect(groups).to.have.length(0);
    expect(alone.map((a) => a.request)).to.deep.equal(['a', 'c']);
    alone[1]!.answer('C');
    expect([await first, await onTime]).to.deep.equal(['A', 'C']);
  });

  it('refuses a request whose deadline has already passed, and a group size below one', () => {
    const { sender } = heldSender();
    const grouped = new GroupedRequests(sender);
    expect(() => grouped.submit('a', AbortSignal.abort())).to.throw();
    expect(() => new GroupedRequests({ ...sender, maxGroup: 0 })).to.throw(RangeError);
  });
});

describe('statusOf', () => {
  it('takes only HTTP statuses, not a DOMException code', () => {
    expect(statusOf({ code: 412 })).to.equal(412);
    expect(statusOf({ statusCode: 503 })).to.equal(503);
    expect(statusOf(new DOMException('timed out', 'TimeoutError'))).to.equal(undefined);
    expect(statusOf({ code: 'ECONNRESET' })).to.equal(undefined);
  });
});
