import { expect } from 'chai';
import {
  allText,
  buttonValues,
  lastText,
  menuValues,
  startConversation,
  texts,
} from './harness.js';

const paths = [
  {
    intent: 'work',
    value: 'intent:work',
    label: 'Ik wil werk',
    first: 'Fijn dat u wilt werken!',
    question: 'Wat voor werk zou u graag doen? Kies een knop of typ het zelf.',
    typed: ['werk', 'ik zoek een baan', 'Ik wil graag werken', 'vacatures?', 'WERK!!'],
  },
  {
    intent: 'a meaningful day',
    value: 'intent:meaningful',
    label: 'Iets zinvols doen',
    first: 'Fijn dat u iets zinvols wilt doen.',
    question: 'Wat zou u graag willen doen? Kies een knop of typ het zelf.',
    typed: ['dagbesteding', 'vrijwilligerswerk', 'ik wil iets zinvols doen'],
  },
  {
    intent: 'talking to someone',
    value: 'intent:talk',
    label: 'Iemand spreken',
    first: 'U kunt altijd met een mens praten.',
    question: 'Waar wilt u het graag over hebben? Kies een knop of typ het zelf.',
    typed: ['iemand spreken', 'mens', 'bellen'],
  },
];

describe('main menu', () => {
  for (const { intent, value, label, first, question, typed } of paths) {
    describe(`choosing ${intent}`, () => {
      it('starts planning a meeting with a first light question that may be skipped', async () => {
        const conversation = await startConversation();
        await conversation.join();
        const replies = await conversation.say(value);
        const said = texts(replies);
        expect(said[0]).to.include(first);
        expect(said).to.include('Eerst een paar korte vragen. U mag ze ook overslaan.');
        expect(lastText(replies)).to.equal(question);
        expect(buttonValues(replies)).to.include('skip');
      });

      it('never pretends that something was booked or planned', async () => {
        const conversation = await startConversation();
        await conversation.join();
        const text = allText(await conversation.say(value)).toLowerCase();
        expect(text).not.to.match(/geboekt|ingepland|staat gepland|bevestigd|is gemaakt/);
      });

      it('understands the button title typed by hand', async () => {
        const conversation = await startConversation();
        await conversation.join();
        expect(texts(await conversation.say(label))[0]).to.include(first);
      });

      for (const words of typed) {
        it(`understands "${words}"`, async () => {
          const conversation = await startConversation();
          await conversation.join();
          expect(texts(await conversation.say(words))[0]).to.include(first);
        });
      }
    });
  }

  for (const words of [
    'Ik wil een mens',
    'ik wil een mens spreken',
    'kan ik een echte medewerker spreken?',
  ]) {
    it(`offers the call back directly on "${words}"`, async () => {
      const conversation = await startConversation();
      await conversation.join();
      const replies = await conversation.say(words);
      expect(lastText(replies)).to.include('Mogen we daarvoor uw telefoonnummer bewaren?');
    });
  }

  describe('choosing a question first', () => {
    it('welcomes the question and shows the topics, with the way back to the menu', async () => {
      const conversation = await startConversation();
      await conversation.join();
      const replies = await conversation.say('intent:question');
      expect(texts(replies)[0]).to.equal('Goed dat u het eerst vraagt.');
      expect(lastText(replies)).to.equal(
        'Waar gaat uw vraag over? Kies een onderwerp, of typ uw vraag.',
      );
      expect(buttonValues(replies)).to.include.members(['question:cost', 'menu']);
    });

    for (const words of ['vraag', 'Ik heb eerst een vraag', 'ik heb een vraag over werk']) {
      it(`understands "${words}"`, async () => {
        const conversation = await startConversation();
        await conversation.join();
        expect(texts(await conversation.say(words))[0]).to.include('Goed dat u het eerst vraagt.');
      });
    }
  });

  it('asks for consent to call back on "bel mij", instead of planning', async () => {
    const conversation = await startConversation();
    await conversation.join();
    const replies = await conversation.say('bel mij');
    expect(lastText(replies)).to.include('Mogen we daarvoor uw telefoonnummer bewaren?');
  });

  it('understands accents, capitals, spaces and emoji around a choice', async () => {
    for (const typed of ['  WÉRK ', '💼 werk 💼', 'Iemand spreken 🙏', 'vraag???']) {
      const conversation = await startConversation();
      await conversation.join();
      expect(texts(await conversation.say(typed))[0], typed).to.not.include('niet goed begrepen');
    }
  });

  it('understands English words for the choices while writing Dutch', async () => {
    const conversation = await startConversation();
    await conversation.join();
    expect(texts(await conversation.say('job'))[0]).to.equal('Fijn dat u wilt werken!');
  });

  it('keeps going: a menu choice typed among the questions works too', async () => {
    const conversation = await startConversation();
    await conversation.join();
    await conversation.say('vraag');
    expect(texts(await conversation.say('bellen'))[0]).to.include('met een mens praten');
  });

  describe('going back to the menu', () => {
    for (const command of [
      'menu',
      'Menu',
      'opnieuw',
      'start',
      'begin',
      'Opnieuw beginnen',
      'terug naar menu',
    ]) {
      it(`"${command}" asks the first question again`, async () => {
        const conversation = await startConversation();
        await conversation.join();
        await conversation.say('werk');
        const replies = await conversation.say(command);
        expect(texts(replies)).to.deep.equal([
          'Waar kan ik u mee helpen? Kies een knop, of typ het in uw eigen woorden.',
        ]);
        expect(buttonValues(replies)).to.include.members(menuValues);
      });
    }

    for (const command of ['restart', 'start over', 'Menu']) {
      it(`"${command}" works in English`, async () => {
        const conversation = await startConversation();
        await conversation.join();
        await conversation.say('English');
        expect(texts(await conversation.say(command))).to.deep.equal([
          'How can I help you? Choose a button, or type it in your own words.',
        ]);
      });
    }

    it('works after a not-understood answer', async () => {
      const conversation = await startConversation();
      await conversation.join();
      await conversation.say('blabla');
      expect(lastText(await conversation.say('opnieuw'))).to.include('Waar kan ik u mee helpen?');
    });

    it('does not greet again', async () => {
      const conversation = await startConversation();
      await conversation.join();
      expect(allText(await conversation.say('menu'))).not.to.include('computer');
    });

    it('is not triggered by a sentence that merely contains "begin"', async () => {
      const conversation = await startConversation();
      await conversation.join();
      const replies = await conversation.say('waar begin ik met werk zoeken');
      expect(texts(replies)[0]).to.equal('Fijn dat u wilt werken!');
    });
  });
});

describe('a pressed button', () => {
  it('is understood by the value it carries, whatever text it shows', async () => {
    const conversation = await startConversation();
    await conversation.join();
    // messageBack: Web Chat sends the visible title as text and the stable value beside it.
    const replies = await conversation.send({
      type: 'message',
      text: 'Iemand spreken',
      value: 'intent:work',
    });
    expect(texts(replies)[0]).to.include('Fijn dat u wilt werken!');
  });
});
