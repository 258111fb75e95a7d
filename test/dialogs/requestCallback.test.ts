import { expect } from 'chai';
import { fixedNow, lastText, startConversation, texts } from './harness.js';

const consentQuestion =
  'Wij bellen u graag. Mogen we daarvoor uw telefoonnummer bewaren? We wissen het na 30 dagen.';

describe('asking to be called back', () => {
  it('asks consent first, then the number and when, and stores the request', async () => {
    const conversation = await startConversation();
    await conversation.join();
    expect(lastText(await conversation.say('bel mij'))).to.equal(consentQuestion);
    expect(lastText(await conversation.say('Ja'))).to.equal('Wat is uw telefoonnummer?');
    expect(lastText(await conversation.say('06-1234 5678'))).to.equal(
      'Wanneer kunnen we u het beste bellen? Bijvoorbeeld: dinsdag in de ochtend.',
    );
    const done = await conversation.say('dinsdagochtend na 10 uur');
    expect(texts(done)[0]).to.equal('Dank u. Iemand van ons team belt u op +31612345678.');
    expect(lastText(done)).to.equal('Kan ik nog iets anders voor u doen?');
    const [request, ...more] = await conversation.planning.callbacks.list();
    expect(more).to.deep.equal([]);
    expect(request).to.include({
      residentKey: conversation.residentKey,
      phone: '+31612345678',
      consentAt: fixedNow.toISOString(),
      preferredTimes: 'dinsdagochtend na 10 uur',
      language: 'nl',
      channel: 'test',
    });
  });

  it('stores nothing without consent, and gives the number to call', async () => {
    const conversation = await startConversation();
    await conversation.join();
    await conversation.say('Bel mij liever');
    const replies = await conversation.say('Nee');
    expect(texts(replies)[0]).to.equal(
      'Goed, we bewaren geen nummer. U kunt ons ook zelf bellen: 14 0123.',
    );
    expect(await conversation.planning.callbacks.list()).to.deep.equal([]);
  });

  it('stores nothing when the resident changes their mind at the number', async () => {
    const conversation = await startConversation();
    await conversation.join();
    await conversation.say('terugbellen');
    await conversation.say('ja');
    await conversation.say('Toch niet');
    expect(await conversation.planning.callbacks.list()).to.deep.equal([]);
  });

  it('asks again kindly after a number it does not recognise', async () => {
    const conversation = await startConversation();
    await conversation.join();
    await conversation.say('call me');
    await conversation.say('ja');
    const bad = await conversation.say('12345');
    expect(texts(bad)).to.deep.equal([
      'Dat nummer herken ik niet. Typ het bijvoorbeeld zo: 06 12345678.',
      'Wat is uw telefoonnummer?',
    ]);
    expect(await conversation.planning.callbacks.list()).to.deep.equal([]);
    await conversation.say('+31 (0)6 1234 5678');
    await conversation.say('Maakt niet uit');
    const [request] = await conversation.planning.callbacks.list();
    expect(request?.phone).to.equal('+31612345678');
    expect(request?.preferredTimes).to.equal('Maakt niet uit');
  });

  it('leaves the time out when skipped, and works in English', async () => {
    const conversation = await startConversation();
    await conversation.join();
    await conversation.say('English');
    expect(lastText(await conversation.say('call me back'))).to.equal(
      'We are happy to call you. May we keep your phone number for that? We delete it after 30 days.',
    );
    await conversation.say('yes');
    await conversation.say('0031 6 12345678');
    const done = await conversation.say('Skip');
    expect(texts(done)[0]).to.equal(
      'Thank you. Someone from our team will call you on +31612345678.',
    );
    const [request] = await conversation.planning.callbacks.list();
    expect(request?.preferredTimes).to.equal(undefined);
    expect(request?.language).to.equal('en');
  });
});
