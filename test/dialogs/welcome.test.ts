import { expect } from 'chai';
import { ActivityTypes } from 'botbuilder';
import {
  allText,
  buttonValues,
  buttons,
  fixedNow,
  lastText,
  localeOf,
  menuValues,
  startConversation,
  texts,
} from './harness.js';

describe('welcome', () => {
  it('greets first when a resident joins, and says plainly that it is a computer', async () => {
    const conversation = await startConversation();
    const replies = await conversation.join();
    const [greeting] = texts(replies);
    expect(greeting).to.include('gemeente Voorbeeld');
    expect(greeting).to.include('Ik ben een computer');
  });

  it('says in two short sentences what is kept, for how long, and that no BSN is needed', async () => {
    const conversation = await startConversation({ retentionDays: 45 });
    const privacy = texts(await conversation.join())[1] ?? '';
    expect(privacy).to.include('45 dagen');
    expect(privacy).to.include('wissen');
    expect(privacy).to.include('geen BSN');
    expect(privacy.split(/[.!?](\s|$)/).filter((s) => s.trim().length > 1)).to.have.length(2);
  });

  it('writes "1 dag", not "1 dagen", when the retention is one day', async () => {
    const conversation = await startConversation({ retentionDays: 1 });
    expect(allText(await conversation.join()))
      .to.include('1 dag ')
      .and.not.include('1 dagen');
  });

  it('then asks what the resident would like, with four choices, "Meer weten" and one language button', async () => {
    const conversation = await startConversation();
    const replies = await conversation.join();
    expect(lastText(replies)).to.equal(
      'Waar kan ik u mee helpen? Kies een knop, of typ het in uw eigen woorden.',
    );
    expect(buttons(replies)).to.deep.equal([
      { type: 'messageBack', title: 'Ik wil werk', value: 'intent:work' },
      { type: 'messageBack', title: 'Iets zinvols doen', value: 'intent:meaningful' },
      { type: 'messageBack', title: 'Eerst een vraag', value: 'intent:question' },
      { type: 'messageBack', title: 'Iemand spreken', value: 'intent:talk' },
      { type: 'messageBack', title: 'Meer weten', value: 'privacy:more' },
      { type: 'messageBack', title: 'Taal / Language', value: 'lang:choose' },
    ]);
  });

  it('marks the question as expecting input and the messages as Dutch', async () => {
    const conversation = await startConversation();
    const replies = await conversation.join();
    expect(replies.at(-1)?.inputHint).to.equal('expectingInput');
    expect(replies.map((reply) => reply.locale)).to.deep.equal(['nl-NL', 'nl-NL', 'nl-NL']);
  });

  it('does not greet when only the bot joins', async () => {
    const conversation = await startConversation();
    const replies = await conversation.send({
      type: ActivityTypes.ConversationUpdate,
      membersAdded: [{ id: 'voordeur-bot', name: 'Voordeur' }],
    });
    expect(replies).to.deep.equal([]);
  });

  it('greets only once when the channel announces the resident again', async () => {
    const conversation = await startConversation();
    await conversation.join();
    expect(await conversation.join()).to.deep.equal([]);
  });

  it('remembers when it greeted, using the clock', async () => {
    const conversation = await startConversation();
    await conversation.join();
    expect((await conversation.savedProfile())?.greetedAt).to.equal(fixedNow.toISOString());
  });

  it('greets on the first message when the channel never announced the resident (WhatsApp)', async () => {
    const conversation = await startConversation();
    const replies = await conversation.say('hallo');
    expect(texts(replies)[0]).to.include('Ik ben een computer');
    expect(allText(replies)).to.include('30 dagen');
    expect(buttonValues(replies)).to.include.members([
      ...menuValues,
      'privacy:more',
      'lang:choose',
    ]);
  });

  it('greets first and then follows a first message that already says what the resident wants', async () => {
    const conversation = await startConversation();
    const replies = await conversation.say('Ik wil werk');
    const said = texts(replies);
    expect(said[0]).to.include('Ik ben een computer');
    expect(said).to.include('Fijn dat u wilt werken!');
    expect(lastText(replies)).to.equal(
      'Wat voor werk zou u graag doen? Kies een knop of typ het zelf.',
    );
  });

  it('greets in English when the first message asks for English', async () => {
    const conversation = await startConversation();
    const replies = await conversation.say('English');
    expect(texts(replies)[0]).to.include('I am a computer');
    expect(localeOf(replies)).to.equal('en');
    expect(buttonValues(replies)).to.include('lang:choose');
  });

  it("greets in English when the channel's locale is English and no language was chosen", async () => {
    const conversation = await startConversation({ locale: 'en-GB' });
    const replies = await conversation.join();
    expect(texts(replies)[0]).to.include('I am a computer');
    expect(allText(replies)).to.include('30 days');
  });

  it('greets in Dutch for a locale it does not speak', async () => {
    const conversation = await startConversation({ locale: 'fr-FR' });
    expect(texts(await conversation.join())[0]).to.include('Ik ben een computer');
  });

  it('does nothing for other activity types', async () => {
    const conversation = await startConversation();
    expect(await conversation.send({ type: ActivityTypes.Typing })).to.deep.equal([]);
    expect(
      await conversation.send({ type: ActivityTypes.Event, name: 'webchat/join' }),
    ).to.deep.equal([]);
  });

  it('never asks for a BSN', async () => {
    const conversation = await startConversation();
    const said = [
      ...texts(await conversation.join()),
      ...texts(await conversation.say('Meer weten')),
      ...texts(await conversation.say('English')),
      ...texts(await conversation.say('privacy')),
    ];
    for (const text of said.filter((t) => /BSN/.test(t))) {
      expect(text).to.match(/(geen|nooit|never) (uw |your )?BSN|never need to give your BSN/);
    }
  });
});
