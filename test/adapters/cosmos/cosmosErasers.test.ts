import { expect } from 'chai';
import {
  CosmosFunnelEraser,
  CosmosWhatsAppEraser,
} from '../../../src/adapters/cosmos/cosmosErasers.js';
import { CosmosFunnelEventStore } from '../../../src/adapters/cosmos/cosmosFunnelEvents.js';
import { CosmosWhatsAppStore } from '../../../src/adapters/cosmos/whatsAppStore.js';
import { ResidentErasure } from '../../../src/domain/erasure.js';
import { useTestCosmos } from './cosmosTestServer.js';

/** The erasers on the embedded Cosmos server through the real SDK. */
describe('erasing a resident in Cosmos DB', function () {
  this.timeout(30_000);
  const db = useTestCosmos('erasers');

  it('keeps a WhatsApp opt-out as a bare marker: no number, no ttl', async () => {
    const { containers } = db().cosmos;
    const store = new CosmosWhatsAppStore(
      { contacts: containers.whatsappContacts, messages: containers.whatsappMessages },
      { ttlSeconds: 3600 },
    );
    await store.updateContact('wa_optedout', () => ({ waId: '31611112222', lastInboundAt: 1 }));
    await store.updateContact('wa_optedout', () => ({ optedOutAt: '2026-11-23T08:00:00.000Z' }));
    await store.updateContact('wa_plain', () => ({ waId: '31633334444', lastInboundAt: 1 }));
    const eraser = new CosmosWhatsAppEraser({
      contacts: containers.whatsappContacts,
      inbox: containers.whatsappInbox,
      messages: containers.whatsappMessages,
    });
    const erasure = new ResidentErasure([eraser]);
    await erasure.erase('whatsapp/wa_optedout');
    await erasure.erase('whatsapp/wa_plain');
    // Twice: nothing more is removed, nothing breaks.
    await erasure.erase('whatsapp/wa_plain');

    const { resources } = await containers.whatsappContacts.items
      .query<Record<string, unknown>>('SELECT * FROM c')
      .fetchAll();
    const fields = resources.map((document) =>
      Object.keys(document)
        .filter((name) => !name.startsWith('_'))
        .sort(),
    );
    expect(fields).to.deep.equal([['id', 'optedOutAt', 'pk']]);
    expect(resources[0]?.pk).to.equal('wa_optedout');
    expect(await store.contact('wa_optedout')).to.deep.equal({
      optedOutAt: '2026-11-23T08:00:00.000Z',
    });
  });

  it("keeps the funnel's counts but not the link to the resident", async () => {
    const container = await db().emptyContainer('funnelEvents');
    const funnel = new CosmosFunnelEventStore(container, { ttlSeconds: 3600 });
    const event = { week: '2026-W48', channel: 'webchat', language: 'nl' };
    await funnel.record('contact-resident', { ...event, stage: 'contact' });
    await funnel.record('booked-resident', { ...event, stage: 'booked' });
    await funnel.record('contact-someone-else', { ...event, stage: 'contact' });
    const eraser = new CosmosFunnelEraser(container, () => ['contact-resident', 'booked-resident']);
    expect(await new ResidentErasure([eraser]).erase('webchat/x')).to.deep.equal({
      documents: { funnelEvents: 2 },
    });

    const stages = (await funnel.forWeek('2026-W48')).map((e) => e.stage).sort();
    expect(stages).to.deep.equal(['booked', 'contact', 'contact']);
    const { resources } = await container.items
      .query<{ id: string; ttl: number }>('SELECT c.id, c.ttl FROM c')
      .fetchAll();
    const ids = resources.map((document) => document.id);
    expect(ids).to.include('contact-someone-else');
    expect(ids).to.not.include.members(['contact-resident']);
    expect(ids.filter((id) => id.startsWith('anon-'))).to.have.length(2);
    expect(resources.every((document) => document.ttl === 3600)).to.equal(true);
  });
});
