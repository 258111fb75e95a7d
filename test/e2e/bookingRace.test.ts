import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { buildApp, type App } from '../../src/app.js';
import { CosmosBookingStore } from '../../src/adapters/cosmos/cosmosBookings.js';
import { loadConfig } from '../../src/config.js';
import { createTranslator } from '../../src/i18n.js';
import { createLogger } from '../../src/log.js';

/** Monday 23 November 2026, 09:15 in Amsterdam: the same clock on both instances. */
const clock = { now: () => new Date('2026-11-23T08:15:00.000Z') };
const log = createLogger('silent');
const i18n = await createTranslator();

interface Reply {
  text?: string;
  attachments?: Array<{ contentType: string; content?: { buttons?: Array<{ value?: unknown }> } }>;
}

type SlotValue = { action: 'slot'; coachId: string; start: string };

/** A resident talking to one instance the way Azure Bot Service would post to it. */
function resident(url: string) {
  const conversation = randomUUID();
  return async (fields: Record<string, unknown>): Promise<Reply[]> => {
    const response = await fetch(`${url}api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: randomUUID(),
        channelId: 'test',
        serviceUrl: 'http://127.0.0.1:9/',
        conversation: { id: conversation },
        from: { id: `resident-${conversation}` },
        recipient: { id: 'voordeur' },
        locale: 'nl-NL',
        deliveryMode: 'expectReplies',
        ...fields,
      }),
    });
    expect(response.status).to.equal(200);
    return ((await response.json()) as { activities: Reply[] }).activities;
  };
}

const slotsOffered = (replies: Reply[]): SlotValue[] =>
  replies
    .flatMap((reply) => reply.attachments ?? [])
    .map((attachment) => attachment.content?.buttons?.[0]?.value)
    .filter((value): value is SlotValue => typeof value === 'object' && value !== null);

const texts = (replies: Reply[]) => replies.map((reply) => reply.text ?? '').join('\n');

describe('booking one slot through two server instances at once', function () {
  this.timeout(60_000);
  let first: App;
  let second: App;

  before(async () => {
    first = await buildApp(loadConfig({ PORT: '0', LOG_LEVEL: 'silent' }), { log, clock });
    const embedded = first.cosmos.embedded!;
    // The second instance shares the first one's Cosmos server, as two App Service instances share Azure Cosmos DB.
    second = await buildApp(
      loadConfig({
        PORT: '0',
        LOG_LEVEL: 'silent',
        COSMOS_ENDPOINT: embedded.endpoint,
        COSMOS_KEY: embedded.key,
      }),
      { log, clock },
    );
  });
  after(async () => {
    await second?.close();
    await first?.close();
  });

  it('gives the slot to exactly one resident; everyone else gets fresh options; nothing is half-written', async () => {
    const urls = [await first.listen(), await second.listen()];
    const residents = Array.from({ length: 12 }, (_, i) => resident(urls[i % 2]!));

    // Everyone walks to the read-back of the same slot.
    let slot: SlotValue | undefined;
    for (const say of residents) {
      await say({ text: 'Ik wil werk' });
      for (let question = 0; question < 4; question++)
        await say({ text: 'Sla over', value: 'skip' });
      const offer = await say({ text: 'Maakt niet uit', value: 'when:anytime' });
      slot ??= slotsOffered(offer)[0];
      expect(slot, 'a slot was offered').not.to.equal(undefined);
      await say({ text: 'Kies deze tijd', value: slot });
      const readBack = await say({ text: 'Op locatie', value: 'form:location' });
      expect(texts(readBack)).to.include('Klopt dat?');
    }

    // Then all confirm at the same moment.
    const outcomes = await Promise.all(residents.map((say) => say({ text: 'Ja', value: 'yes' })));

    const booked = outcomes.filter((replies) => texts(replies).includes('Gelukt!'));
    const refused = outcomes.filter((replies) =>
      texts(replies).includes(i18n.t('nl', 'plan.unavailable.taken')),
    );
    expect(booked, 'exactly one resident booked').to.have.length(1);
    expect(refused, 'everyone else was told plainly').to.have.length(residents.length - 1);
    for (const replies of refused) {
      const fresh = slotsOffered(replies);
      expect(fresh.length, 'with fresh options').to.be.greaterThan(0);
      expect(fresh.map((s) => `${s.coachId} ${s.start}`)).not.to.include(
        `${slot!.coachId} ${slot!.start}`,
      );
    }

    // One booking document for the slot, and the coach's schedule knows exactly that one.
    const bookings = new CosmosBookingStore(first.cosmos.containers.bookings, {
      ttlSeconds: 3600,
      clock,
    });
    const start = new Date(slot!.start);
    const stored = await bookings.forCoach(
      slot!.coachId,
      start,
      new Date(start.getTime() + 60_000),
    );
    expect(stored.map((b) => b.start)).to.deep.equal([slot!.start]);
    const busy = await bookings.busyIntervals(
      slot!.coachId,
      start,
      new Date(start.getTime() + 60_000),
    );
    expect(busy.map((interval) => new Date(interval.start).toISOString())).to.deep.equal([
      slot!.start,
    ]);
  });
});
