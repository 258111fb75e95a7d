import { expect } from 'chai';
import { ActivityTypes } from 'botbuilder';
import { buttonValues, lastText, menuValues, startConversation, texts } from './harness.js';

const friendlyRetry = [
  'Dat heb ik niet goed begrepen.',
  'Kies een knop. Of typ bijvoorbeeld: werk, vraag of bellen.',
];

describe('not understood', () => {
  for (const [what, typed] of [
    ['unknown text', 'qwerty uiop'],
    ['emoji only', '🙂🙂👍'],
    ['punctuation only', '?!...'],
    ['a 10 000-character text', 'werk '.repeat(2000)],
  ] as const) {
    it(`answers ${what} kindly and shows the choices again`, async () => {
      const conversation = await startConversation();
      await conversation.join();
      const replies = await conversation.say(typed);
      expect(texts(replies)).to.deep.equal(friendlyRetry);
      expect(buttonValues(replies)).to.include.members([
        ...menuValues,
        'privacy:more',
        'lang:choose',
      ]);
    });
  }

  it('explains that it reads only text when a photo arrives', async () => {
    const conversation = await startConversation();
    await conversation.join();
    const replies = await conversation.send({
      text: undefined,
      attachments: [{ contentType: 'image/jpeg', contentUrl: 'https://example.org/photo.jpg' }],
    });
    expect(texts(replies)[0]).to.include('alleen tekst');
    expect(buttonValues(replies)).to.include.members(menuValues);
  });

  it('offers to call when a voice note arrives, and the call-back follows "bel mij"', async () => {
    const conversation = await startConversation();
    await conversation.join();
    const replies = await conversation.send({
      text: undefined,
      attachments: [{ contentType: 'audio/ogg', contentUrl: 'https://example.org/voice.ogg' }],
    });
    expect(texts(replies)[0]).to.equal(
      'Ik kan spraakberichten nog niet beluisteren. Wilt u typen, of zullen we u bellen? Typ dan: bel mij.',
    );
    expect(buttonValues(replies)).to.include.members(menuValues);
    expect(lastText(await conversation.say('bel mij'))).to.include('telefoonnummer');
  });

  it('takes the blame and offers the phone when it fails a second time', async () => {
    const conversation = await startConversation();
    await conversation.join();
    await conversation.say('xyz');
    const replies = await conversation.say('abc');
    expect(texts(replies)[0]).to.include('Dat ligt aan mij, niet aan u.').and.include('14 0123');
    expect(buttonValues(replies)).to.include.members(menuValues);
  });

  it('still understands a choice after not understanding', async () => {
    const conversation = await startConversation();
    await conversation.join();
    await conversation.say('xyz');
    expect(texts(await conversation.say('intent:work'))[0]).to.equal('Fijn dat u wilt werken!');
  });

  it('does not guess between two choices that match equally well', async () => {
    const conversation = await startConversation();
    await conversation.join();
    expect(texts(await conversation.say('werk of mens'))).to.deep.equal(friendlyRetry);
  });

  it('answers in English after switching', async () => {
    const conversation = await startConversation();
    await conversation.join();
    await conversation.say('English');
    expect(texts(await conversation.say('🤷'))[0]).to.equal('I did not understand that.');
  });

  it('greets a never-greeted conversation even when its first message is unreadable', async () => {
    const conversation = await startConversation();
    const replies = await conversation.say('x'.repeat(10_000));
    expect(texts(replies)[0]).to.include('Ik ben een computer');
    expect(lastText(replies)).to.include('Waar kan ik u mee helpen?');
  });

  it('handles an empty message without crashing', async () => {
    const conversation = await startConversation();
    await conversation.join();
    const replies = await conversation.send({ type: ActivityTypes.Message, text: '' });
    expect(texts(replies)).to.deep.equal(friendlyRetry);
  });
});
