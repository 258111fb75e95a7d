import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import fc from 'fast-check';
import { isVoordeurError } from '../../src/errors.js';
import type { ConversationStore } from '../../src/ports/conversationStore.js';

export interface StoreUnderTest {
  store: ConversationStore;
  cleanup(): Promise<void>;
}

async function expectConflict(promise: Promise<unknown>): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(
    isVoordeurError(error, 'VD_STATE_CONFLICT'),
    `expected VD_STATE_CONFLICT, got ${String(error)}`,
  ).to.equal(true);
}

const nestedState = {
  dialogStack: [
    { id: 'planMeeting', state: { stepIndex: 2, values: { slots: ['2025-03-03T09:00', null] } } },
  ],
  language: 'nl',
  answers: {
    needsInterpreter: false,
    topics: ['werk', 'participatie'],
    score: 3.5,
    note: 'é ü 😀',
  },
};

const awkwardKeys = [
  'a/b',
  'a?b',
  'a#b',
  'a\\b',
  'a%2Fb',
  'a b ',
  '.',
  '..',
  '',
  'gesprek-ë-ß-日本語-😀',
  '19:abc@thread.skype;messageid=1',
  'lone-\uD800-surrogate',
  'x'.repeat(300),
  `${'x'.repeat(300)}y`,
  '/'.repeat(100),
  `${'/'.repeat(100)}?`,
];

/**
 * The behaviour every {@link ConversationStore} must have, run against each implementation.
 * Keys get a fresh random prefix per test, so implementations may share one backing store.
 */
export function conversationStoreContract(
  name: string,
  makeStore: () => Promise<StoreUnderTest>,
): void {
  describe(`${name} (ConversationStore contract)`, () => {
    let subject: StoreUnderTest;
    let store: ConversationStore;
    let prefix: string;
    const key = (suffix: string) => `${prefix}${suffix}`;

    beforeEach(async () => {
      subject = await makeStore();
      store = subject.store;
      prefix = `${randomUUID()}:`;
    });
    afterEach(async () => {
      await subject.cleanup();
    });

    it('reads nothing for a conversation it has never seen', async () => {
      expect(await store.read(key('missing'))).to.equal(undefined);
    });

    it('gives back exactly the nested state that was created, with the etag the write returned', async () => {
      const etag = await store.write(key('c'), { state: nestedState }, { ifNoneMatch: '*' });
      const read = await store.read(key('c'));
      expect(read).to.deep.equal({ value: { state: nestedState }, etag });
    });

    it('refuses to create a conversation that already exists', async () => {
      await store.write(key('c'), { state: { n: 1 } }, { ifNoneMatch: '*' });
      await expectConflict(store.write(key('c'), { state: { n: 2 } }, { ifNoneMatch: '*' }));
      expect((await store.read(key('c')))?.value.state).to.deep.equal({ n: 1 });
    });

    it('refuses a replace based on a stale etag', async () => {
      const first = await store.write(key('c'), { state: { n: 1 } }, { ifNoneMatch: '*' });
      await store.write(key('c'), { state: { n: 2 } }, { ifMatch: first });
      await expectConflict(store.write(key('c'), { state: { n: 3 } }, { ifMatch: first }));
      expect((await store.read(key('c')))?.value.state).to.deep.equal({ n: 2 });
    });

    it('refuses a replace of a conversation that was deleted meanwhile', async () => {
      const etag = await store.write(key('c'), { state: { n: 1 } }, { ifNoneMatch: '*' });
      await store.delete(key('c'));
      await expectConflict(store.write(key('c'), { state: { n: 2 } }, { ifMatch: etag }));
      expect(await store.read(key('c'))).to.equal(undefined);
    });

    it('replaces with the current etag and hands out a new one', async () => {
      const first = await store.write(key('c'), { state: { n: 1 } }, { ifNoneMatch: '*' });
      const second = await store.write(key('c'), { state: { n: 2 } }, { ifMatch: first });
      expect(second).to.be.a('string').and.not.equal(first);
      expect(await store.read(key('c'))).to.deep.equal({
        value: { state: { n: 2 } },
        etag: second,
      });
    });

    it('lets exactly one of two writers with the same etag win', async () => {
      const etag = await store.write(key('c'), { state: { n: 0 } }, { ifNoneMatch: '*' });
      const results = await Promise.allSettled([
        store.write(key('c'), { state: { n: 'a' } }, { ifMatch: etag }),
        store.write(key('c'), { state: { n: 'b' } }, { ifMatch: etag }),
      ]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r) => r.status === 'rejected');
      expect(won).to.have.length(1);
      expect(lost).to.have.length(1);
      expect(
        isVoordeurError((lost[0] as PromiseRejectedResult).reason, 'VD_STATE_CONFLICT'),
      ).to.equal(true);
    });

    it('forgets a deleted conversation', async () => {
      await store.write(key('c'), { state: { n: 1 } }, { ifNoneMatch: '*' });
      await store.delete(key('c'));
      expect(await store.read(key('c'))).to.equal(undefined);
      await store.write(key('c'), { state: { n: 2 } }, { ifNoneMatch: '*' });
      expect((await store.read(key('c')))?.value.state).to.deep.equal({ n: 2 });
    });

    it('accepts deleting a conversation that does not exist', async () => {
      await store.delete(key('never-written'));
    });

    it('keeps stored state safe from changes to the objects passed in or handed out', async () => {
      const state = { list: [1, 2], nested: { a: 'x' } };
      await store.write(key('c'), { state }, { ifNoneMatch: '*' });
      state.list.push(3);
      const read = await store.read(key('c'));
      (read?.value.state.nested as { a: string }).a = 'changed';
      expect((await store.read(key('c')))?.value.state).to.deep.equal({
        list: [1, 2],
        nested: { a: 'x' },
      });
    });

    it("stores keys with '/', '?', '#', '\\', unicode, dots and great length without collisions", async () => {
      const keys = awkwardKeys.map(key);
      for (const [i, k] of keys.entries()) {
        await store.write(k, { state: { i } }, { ifNoneMatch: '*' });
      }
      for (const [i, k] of keys.entries()) {
        expect(
          (await store.read(k))?.value.state,
          JSON.stringify(awkwardKeys[i]?.slice(0, 40)),
        ).to.deep.equal({ i });
      }
      for (const k of keys) await store.delete(k);
      for (const k of keys) expect(await store.read(k)).to.equal(undefined);
    });

    it('round-trips any unicode key', async () => {
      await fc.assert(
        fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 120 }), async (suffix) => {
          const k = `${key('p')}${randomUUID()}${suffix}`;
          const etag = await store.write(k, { state: { suffix } }, { ifNoneMatch: '*' });
          const read = await store.read(k);
          await store.delete(k);
          return read?.etag === etag && read.value.state.suffix === suffix;
        }),
        { numRuns: 60 },
      );
    });
  });
}
