import { expect } from 'chai';
import type { Offer } from '../../dialogs/offer.js';
import { SlotPrompt } from '../../dialogs/slotPrompt.js';
import { runPrompt } from './harness.js';

const card = {
  coachId: 'elke',
  coachName: 'Elke',
  photoUrl: '/coaches/elke.svg',
  intro: { nl: 'Ik ben Elke.' },
  start: '2026-12-03T12:30:00.000Z',
  end: '2026-12-03T13:30:00.000Z',
  place: { id: 'den-domp', name: 'Dorpshuis Den Domp', address: 'Kerkstraat 2, 5076 AB Haaren' },
  forms: ['location' as const],
  reasons: [],
};
const offer: Offer = { lead: [{ key: 'plan.offer.matches' }], cards: [card] };

async function offered() {
  const run = await runPrompt((deps) => new SlotPrompt(deps), offer);
  await run.adapter.receiveActivity('hallo');
  return run;
}

describe('slot prompt', () => {
  it('ends with a new time typed at the offer, already read as a preference', async () => {
    const { adapter, results } = await offered();
    await adapter.receiveActivity('liever donderdag');
    expect(results).to.deep.equal([
      { kind: 'time', text: 'liever donderdag', preference: { days: [4] } },
    ]);
  });

  it('ends with the card of the slot picked by its number', async () => {
    const { adapter, results } = await offered();
    await adapter.receiveActivity('de eerste');
    expect(results).to.deep.equal([{ kind: 'slot', coachId: 'elke', start: card.start, card }]);
  });

  it('asks to pick again, without the cards, after words it cannot use', async () => {
    const { adapter, results } = await offered();
    adapter.activeQueue.splice(0);
    await adapter.receiveActivity('blabla');
    const replies = adapter.activeQueue.splice(0);
    expect(results).to.deep.equal([]);
    expect(replies.map((reply) => reply.text)).to.deep.equal([
      'Dat begrijp ik niet. Typ het nummer van de tijd, of kies een knop.',
      'Welke tijd kiest u? Druk op de knop bij de tijd, of typ het nummer.',
    ]);
    expect(replies.flatMap((reply) => reply.attachments ?? [])).to.deep.equal([]);
  });
});
