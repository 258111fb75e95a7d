import { expect } from 'chai';
import { buttonValues, lastText, menuValues, startConversation, texts } from './harness.js';

describe('privacy ("Meer weten")', () => {
  it('explains what is kept, why, how long, who sees it and what the resident may ask', async () => {
    const conversation = await startConversation({ retentionDays: 30 });
    await conversation.join();
    const [details] = texts(await conversation.say('privacy:more'));
    expect(details).to.include('De berichten van dit gesprek en wat u kiest');
    expect(details).to.include('een afspraak plannen');
    expect(details).to.include('Hoe lang? 30 dagen.');
    expect(details).to.include('coaches en het team van de gemeente Voorbeeld');
    expect(details).to.include('wissen');
    expect(details).to.include('Bel dan 14 0123.');
  });

  it('then asks the open question again, so the resident can go on', async () => {
    const conversation = await startConversation();
    await conversation.join();
    const replies = await conversation.say('Meer weten');
    expect(lastText(replies)).to.equal(
      'Waar kan ik u mee helpen? Kies een knop, of typ het in uw eigen woorden.',
    );
    expect(buttonValues(replies)).to.include.members(menuValues);
  });

  it('adds the link to the privacy statement only when one is configured', async () => {
    const withLink = await startConversation({ privacyUrl: 'https://voorbeeld.nl/privacy' });
    await withLink.join();
    expect(texts(await withLink.say('Meer weten'))[0]).to.include(
      'Kijk op https://voorbeeld.nl/privacy',
    );

    const withoutLink = await startConversation();
    await withoutLink.join();
    const details = texts(await withoutLink.say('Meer weten'))[0] ?? '';
    expect(details).not.to.include('Kijk op');
    expect(details).not.to.include('undefined');
  });

  it('understands typed questions about privacy, in either language', async () => {
    for (const typed of ['privacy', 'Wat bewaren jullie?', 'meer weten', 'More about privacy']) {
      const conversation = await startConversation();
      await conversation.join();
      expect(texts(await conversation.say(typed))[0], typed).to.include('30 dagen');
    }
  });

  it('explains privacy in English after switching', async () => {
    const conversation = await startConversation({ retentionDays: 14 });
    await conversation.join();
    await conversation.say('English');
    const [details] = texts(await conversation.say('privacy:more'));
    expect(details).to.include('How long? 14 days.');
    expect(details).to.include('Who sees it?');
  });

  it('works in the middle of a path too, and repeats the question that was open', async () => {
    const conversation = await startConversation();
    await conversation.join();
    await conversation.say('werk');
    const replies = await conversation.say('Meer weten');
    expect(texts(replies)[0]).to.include('Hoe lang?');
    expect(lastText(replies)).to.equal(
      'Wat voor werk zou u graag doen? Kies een knop of typ het zelf.',
    );
  });
});
