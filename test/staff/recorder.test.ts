import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { pino } from 'pino';
import { connectCosmos, type CosmosConnection } from '../../src/adapters/cosmos/cosmosClient.js';
import { CosmosFunnelEventStore } from '../../src/adapters/cosmos/cosmosFunnelEvents.js';
import { CosmosMeetingNoteStore } from '../../src/adapters/cosmos/cosmosMeetingNotes.js';
import { CosmosReviewStore } from '../../src/adapters/cosmos/cosmosReviews.js';
import { countFunnel } from '../../src/domain/funnel.js';
import { bookingId, type Booking } from '../../src/ports/bookings.js';
import { ConversationRecorder, reviewIdOf } from '../../src/recording/conversationRecorder.js';
import { TestClock } from '../clocks.js';

const silent = pino({ level: 'silent' });
const resident = { key: 'webchat/conv-1', channel: 'webchat', language: 'ar', place: 'Haaren' };

/** The recorder on the real stores: what the staff pages will read after a conversation. */
describe('the conversation recorder', function () {
  this.timeout(20_000);
  let cosmos: CosmosConnection;
  let recorder: ConversationRecorder;
  let reviews: CosmosReviewStore;
  let funnel: CosmosFunnelEventStore;
  let notes: CosmosMeetingNoteStore;
  const clock = new TestClock('2026-11-23T08:15:00.000Z');

  before(async () => {
    cosmos = await connectCosmos({ kind: 'embedded', database: `vd-rec-${randomUUID()}` }, silent);
    reviews = new CosmosReviewStore(cosmos.containers.conversationReviews, { ttlSeconds: 3600 });
    funnel = new CosmosFunnelEventStore(cosmos.containers.funnelEvents, { ttlSeconds: 3600 });
    notes = new CosmosMeetingNoteStore(cosmos.containers.meetingNotes, { ttlSeconds: 3600, clock });
    recorder = new ConversationRecorder({ reviews, funnel, notes, clock, log: silent });
  });
  after(async () => {
    await cosmos.close();
  });

  const start = '2026-11-26T09:00:00.000Z';
  const booking: Booking = {
    id: bookingId('elke', start),
    coachId: 'elke',
    start,
    end: '2026-11-26T09:45:00.000Z',
    residentKey: resident.key,
    form: 'walk',
    summary: {
      intent: 'meaningful',
      wishes: 'tuinieren',
      form: 'walk',
      language: 'ar',
      channel: 'webchat',
    },
    createdAt: '2026-11-23T08:20:00.000Z',
  };

  it('counts a contact, an ask and a booking once each, however often they are recorded', async () => {
    await recorder.turn(resident, 'greeted', true);
    // The same first message handled again (a retried turn): still one contact.
    await recorder.turn(resident, 'greeted', true);
    await recorder.turn(resident, 'planning');
    clock.advance(60_000);
    await recorder.asked(resident);
    await recorder.asked(resident);
    await recorder.booked(resident, booking);
    await recorder.booked(resident, booking);
    const counts = countFunnel('2026-W48', await funnel.forWeek('2026-W48'));
    expect(counts.total).to.deep.equal({ contact: 1, asked: 1, booked: 1, held: 0, noShow: 0 });
    expect(counts.byLanguage.map((l) => l.key)).to.deep.equal(['ar']);
  });

  it('keeps the steps as codes and the booking, but none of the resident’s words or the key', async () => {
    const review = await reviews.get(reviewIdOf(resident.key));
    expect(review?.steps).to.deep.equal(['greeted', 'planning', 'offered', 'booked']);
    expect(review?.stored).to.equal('booked');
    expect(review?.coachId).to.equal('elke');
    const stored = JSON.stringify(review);
    expect(stored).not.to.include('tuinieren');
    expect(stored).not.to.include('conv-1');
  });

  it('notes where the resident lives beside the booking, for the coach', async () => {
    expect(await notes.get('elke', booking.id)).to.deep.include({
      residence: { place: 'Haaren' },
      week: '2026-W48',
    });
  });

  it('counts held, then a change to no-show replaces it, and moved takes it out', async () => {
    const note = await notes.get('elke', booking.id);
    if (!note) throw new Error('no note');
    await recorder.outcome(note, 'held');
    expect(countFunnel('2026-W48', await funnel.forWeek('2026-W48')).total.held).to.equal(1);
    await recorder.outcome(note, 'noShow');
    let total = countFunnel('2026-W48', await funnel.forWeek('2026-W48')).total;
    expect([total.held, total.noShow]).to.deep.equal([0, 1]);
    await recorder.outcome(note, 'moved');
    total = countFunnel('2026-W48', await funnel.forWeek('2026-W48')).total;
    expect([total.held, total.noShow]).to.deep.equal([0, 0]);
  });

  it('a cancellation leaves the booking counted but marks the conversation cancelled', async () => {
    await recorder.cancelled(resident);
    const review = await reviews.get(reviewIdOf(resident.key));
    expect(review?.stored).to.equal('cancelled');
    expect(review?.booking).to.equal(undefined);
    expect(countFunnel('2026-W48', await funnel.forWeek('2026-W48')).total.booked).to.equal(1);
  });

  it('gathers turns: a hundred conversations cost one request for their reviews and one for their contacts', async () => {
    const gathering = new ConversationRecorder({
      reviews,
      funnel,
      notes,
      clock,
      log: silent,
      batchMs: 60_000,
    });
    const requests = cosmos.embedded!.requests;
    // 130: more than one bulk request (100 at most) and more than one batch.
    const residents = Array.from({ length: 130 }, (_, i) => ({
      key: `webchat/batch-${i}`,
      channel: 'webchat',
      language: i % 2 ? 'nl' : 'tr',
    }));
    requests.reset();
    for (const one of residents) {
      await gathering.turn(one, 'greeted', true);
      await gathering.turn(one, 'menu');
      await gathering.turn(one, 'planning');
    }
    expect(requests.count(), 'nothing written while gathering').to.equal(0);
    await gathering.flush();
    const kinds = requests.byKind();
    expect(kinds['BATCH docs'], 'two bulks of reviews, two batches of contacts').to.equal(4);
    expect(requests.count() - (kinds['GET pkranges'] ?? 0)).to.equal(4);
    const review = await reviews.get(reviewIdOf('webchat/batch-3'));
    expect(review?.steps).to.deep.equal(['greeted', 'menu', 'planning']);
    expect(review?.language).to.equal('nl');
    const week = countFunnel('2026-W48', await funnel.forWeek('2026-W48'));
    expect(week.total.contact, 'the first test’s contact and 130 more').to.equal(131);

    // The next turns of known conversations: a conditional replace each, without a read.
    requests.reset();
    for (const one of residents) await gathering.turn(one, 'offered');
    await gathering.close();
    expect(requests.byKind()['GET docs'], 'no reads').to.equal(undefined);
    expect((await reviews.get(reviewIdOf('webchat/batch-0')))?.steps.at(-1)).to.equal('offered');
    expect(countFunnel('2026-W48', await funnel.forWeek('2026-W48')).total.contact).to.equal(131);
  });

  it('a review another instance changed is read again, not overwritten (its remembered ETag fails)', async () => {
    const other = new CosmosReviewStore(cosmos.containers.conversationReviews, {
      ttlSeconds: 3600,
    });
    const id = reviewIdOf('webchat/two-instances');
    const review = (steps: Array<'greeted' | 'menu' | 'planning'>) => ({
      id,
      week: '2026-W48',
      startedAt: '2026-11-23T08:15:00.000Z',
      lastAt: '2026-11-23T08:15:00.000Z',
      channel: 'webchat',
      language: 'nl',
      steps,
      stored: 'active' as const,
    });
    expect(await reviews.createIfNew(review(['greeted']))).to.equal(true);
    await other.update(
      id,
      (current) => current && { ...current, steps: [...current.steps, 'menu'] },
    );
    // `reviews` still remembers the ETag of its own create: the replace gets 412, then reads.
    const [result] = await reviews.updateMany([
      { id, change: (current) => current && { ...current, steps: [...current.steps, 'planning'] } },
    ]);
    expect(result?.review?.steps).to.deep.equal(['greeted', 'menu', 'planning']);
    expect((await other.get(id))?.steps).to.deep.equal(['greeted', 'menu', 'planning']);
  });

  it('never fails the conversation when a store is down: it logs and goes on', async () => {
    const broken = new ConversationRecorder({
      reviews: {
        ...reviews,
        update: () => Promise.reject(new Error('store down')),
        updateMany: () => Promise.reject(new Error('store down')),
        createIfNew: () => Promise.reject(new Error('store down')),
        get: () => Promise.reject(new Error('store down')),
        page: () => Promise.reject(new Error('store down')),
        stream: () => {
          throw new Error('store down');
        },
      },
      funnel,
      notes,
      clock,
      log: silent,
    });
    expect(await broken.turn({ ...resident, key: 'webchat/conv-2' }, 'greeted', true)).to.equal(
      undefined,
    );
    expect(await broken.booked({ ...resident, key: 'webchat/conv-2' }, booking)).to.equal(
      undefined,
    );
  });
});
