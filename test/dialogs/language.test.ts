import { expect } from 'chai';
import { buttons, lastText, localeOf, startConversation, texts } from './harness.js';

describe('switching language', () => {
  it('switches to English on "English" and repeats the open question in English', async () => {
    const conversation = await startConversation();
    await conversation.join();
    const replies = await conversation.say('English');
    expect(texts(replies)).to.deep.equal([
      'OK. From now on I will write in English.',
      'How can I help you? Choose a button, or type it in your own words.',
    ]);
    expect(localeOf(replies)).to.equal('en');
    expect(buttons(replies).map((b) => b.title)).to.deep.equal([
      'I want work',
      'A meaningful day',
      'A question first',
      'Talk to someone',
      'More about privacy',
      'Nederlands',
    ]);
  });

  it('keeps English for the next replies', async () => {
    const conversation = await startConversation();
    await conversation.join();
    await conversation.say('lang:en');
    const replies = await conversation.say('work');
    expect(texts(replies)[0]).to.equal('Great that you want to work!');
    expect(lastText(replies)).to.equal(
      'What kind of work would you like to do? Choose a button or type it yourself.',
    );
    expect((await conversation.savedProfile())?.language).to.equal('en');
  });

  it('switches back to Dutch on "Nederlands"', async () => {
    const conversation = await startConversation();
    await conversation.join();
    await conversation.say('English');
    const replies = await conversation.say('Nederlands');
    expect(texts(replies)[0]).to.equal('Prima. Vanaf nu schrijf ik in het Nederlands.');
    expect(localeOf(replies)).to.equal('nl');
    expect(texts(await conversation.say('vraag'))[0]).to.equal('Goed dat u het eerst vraagt.');
  });

  for (const [typed, language] of [
    ['Engels', 'en'],
    ['english please', 'en'],
    ['In het Engels graag', 'en'],
    ['Dutch', 'nl'],
    ['nederlands!', 'nl'],
  ] as const) {
    it(`understands "${typed}"`, async () => {
      const conversation = await startConversation({
        locale: language === 'nl' ? 'en-US' : 'nl-NL',
      });
      await conversation.join();
      expect(localeOf(await conversation.say(typed))).to.equal(language);
    });
  }

  it('repeats "anything else?" when that was the open question', async () => {
    const conversation = await startConversation();
    await conversation.join();
    await conversation.say('vraag');
    await conversation.say('nee'); // no question after all: "anything else?" is open
    expect(lastText(await conversation.say('English'))).to.equal(
      'Is there anything else I can do for you?',
    );
  });

  it('chooses over the channel locale once the resident has chosen', async () => {
    const conversation = await startConversation({ locale: 'en-US' });
    await conversation.join();
    await conversation.say('Nederlands');
    expect(texts(await conversation.say('werk'))[0]).to.equal('Fijn dat u wilt werken!');
  });

  it('does not switch on a sentence that merely mentions a language', async () => {
    const conversation = await startConversation();
    await conversation.join();
    const replies = await conversation.say('I speak a little English and want a job');
    expect(texts(replies)[0]).to.equal('Fijn dat u wilt werken!');
  });
});
