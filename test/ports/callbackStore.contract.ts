import { expect } from 'chai';
import type { CallbackRequest, CallbackStore } from '../../src/ports/callbacks.js';

export interface CallbackStoreUnderTest {
  /** An empty store: `list()` sees every request, so nothing may be shared between tests. */
  store: CallbackStore;
  cleanup(): Promise<void>;
}

function request(id: string, createdAt: string, extra: Partial<CallbackRequest> = {}) {
  const made: CallbackRequest = {
    id,
    residentKey: `conversation-${id}`,
    phone: '+31 6 12345678',
    consentAt: createdAt,
    language: 'nl',
    channel: 'webchat',
    createdAt,
    ...extra,
  };
  return made;
}

/** The behaviour every {@link CallbackStore} must have. */
export function callbackStoreContract(
  name: string,
  makeStore: () => Promise<CallbackStoreUnderTest>,
): void {
  describe(`${name} (CallbackStore contract)`, () => {
    let subject: CallbackStoreUnderTest;
    let store: CallbackStore;

    beforeEach(async () => {
      subject = await makeStore();
      store = subject.store;
    });
    afterEach(async () => {
      await subject.cleanup();
    });

    it('lists nothing while no one has asked to be called back', async () => {
      expect(await store.list()).to.deep.equal([]);
    });

    it('lists requests oldest first, each exactly as stored', async () => {
      const late = request('c', '2031-03-04T15:00:00.000Z', {
        preferredTimes: 'na drie uur, niet op woensdag',
        language: 'ar',
      });
      const early = request('a', '2031-03-04T09:00:00.000Z');
      const middle = request('b', '2031-03-04T12:00:00.000Z', { channel: 'whatsapp' });
      for (const r of [late, early, middle]) await store.put(r);
      expect(await store.list()).to.deep.equal([early, middle, late]);
    });

    it('keeps one request per id when it is stored again (a retried turn)', async () => {
      const r = request('a', '2031-03-04T09:00:00.000Z');
      await store.put(r);
      await store.put({ ...r });
      expect(await store.list()).to.deep.equal([r]);
    });

    it('orders requests made in the same millisecond by id', async () => {
      await store.put(request('b', '2031-03-04T09:00:00.000Z'));
      await store.put(request('a', '2031-03-04T09:00:00.000Z'));
      expect((await store.list()).map((r) => r.id)).to.deep.equal(['a', 'b']);
    });

    it('keeps stored requests safe from changes to the objects passed in or handed out', async () => {
      const r = request('a', '2031-03-04T09:00:00.000Z');
      await store.put(r);
      r.phone = 'changed';
      const [listed] = await store.list();
      if (listed) listed.phone = 'changed';
      expect((await store.list())[0]?.phone).to.equal('+31 6 12345678');
    });
  });
}
