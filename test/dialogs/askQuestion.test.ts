import { expect } from 'chai';
import { questionTopics, topicAnswers, type QuestionTopic } from '../../dialogs/questionTopics.js';
import type { Language } from '../../src/domain/language.js';
import { createTranslator, type Translator } from '../../src/i18n.js';
import {
  allText,
  buttonValues,
  buttons,
  lastText,
  localeOf,
  menuValues,
  startConversation,
  testMunicipality,
  texts,
  type Conversation,
} from './harness.js';

const topicValues = questionTopics.map((topic) => topicAnswers[topic].choice.value);
const afterAnswerValues = ['question:other', 'question:plan', 'menu'];

/** What residents type, per topic and language: the keywords in the locale files must find them. */
const typed: Record<QuestionTopic, Record<'nl' | 'en', string[]>> = {
  about: {
    nl: ['Wat is dit?', 'wie zijn de coaches eigenlijk', 'Wat doet een coach?'],
    en: ['What is this?', 'who are the coaches', 'what does a coach do?'],
  },
  voluntary: {
    nl: ['Is het verplicht?', 'moet ik komen?', 'is dit vrijwillig'],
    en: ['Is it mandatory?', 'do I have to come', 'is it voluntary?'],
  },
  cost: {
    nl: ['kost het geld?', 'Is het gratis?', 'moet ik betalen'],
    en: ['Does it cost money?', 'is it free?', 'do I have to pay'],
  },
  benefit: {
    nl: ['Wat gebeurt er met mijn uitkering?', 'ik zit in de bijstand', 'krijg ik een korting'],
    en: ['What about my benefit?', 'I get social assistance', 'will I lose my benefit'],
  },
  firstMeeting: {
    nl: ['Hoe gaat het eerste gesprek?', 'moet ik formulieren invullen', 'kennismaking'],
    en: ['What happens at the first meeting?', 'do I need forms', 'what should I bring'],
  },
  bringSomeone: {
    nl: ['Mag ik iemand meenemen?', 'mag mijn partner mee', 'kan mijn begeleider mee'],
    en: ['Can I bring someone?', 'can my partner come with me', 'with my support worker'],
  },
  language: {
    nl: ['Ik spreek niet goed Nederlands', 'Is er een tolk?', 'kan het in mijn eigen taal'],
    en: ['I speak little Dutch', 'Is there an interpreter?', 'my own language please'],
  },
  circumstances: {
    nl: ['Ik heb schulden', 'ik ben vaak ziek', 'ik ben mantelzorger voor mijn moeder'],
    en: ['I have debts', 'I am often ill', 'I am a carer for my mother'],
  },
  privacy: {
    nl: ['Wat wordt bewaard?', 'hoe lang bewaren jullie dit', 'wie kan dit lezen'],
    en: ['What is kept?', 'how long do you keep it', 'who can read this'],
  },
};

/**
 * The first message of a topic's answer, as the resident sees it: for a yes/no question the
 * "Ja, …" or "Nee, …" form replaces the plain one.
 */
function firstLines(i18n: Translator, lng: Language, topic: QuestionTopic): string[] {
  const values = { municipality: testMunicipality.name, phone: testMunicipality.phone };
  const [key = 'privacy.full'] = topicAnswers[topic].messageKeys;
  const base = `askQuestion.${topic}`;
  const keys = [key, `${base}.yes`, `${base}.no`].filter((k) => i18n.has(lng, k));
  return keys.map((k) => {
    const text = i18n.t(lng, k, {
      ...values,
      minutes: 45,
      days: i18n.t(lng, 'common.days', { count: 30 }),
    });
    return text.split('\n')[0] ?? text;
  });
}

function includesOneOf(text: string, lines: string[]): void {
  expect(
    lines.some((line) => text.includes(line)),
    `${text}\n  has none of\n${lines.join('\n')}`,
  ).to.equal(true);
}

async function openQuestions(lng: Language = 'nl'): Promise<Conversation> {
  const conversation = await startConversation({ locale: lng === 'en' ? 'en-US' : 'nl-NL' });
  await conversation.join();
  await conversation.say('intent:question');
  return conversation;
}

describe('asking a question first', () => {
  let i18n: Translator;
  before(async () => {
    i18n = await createTranslator();
  });

  it('welcomes the question and shows the topics as buttons, with the way back', async () => {
    const conversation = await startConversation();
    await conversation.join();
    const replies = await conversation.say('intent:question');
    expect(texts(replies)).to.deep.equal([
      'Goed dat u het eerst vraagt.',
      'Waar gaat uw vraag over? Kies een onderwerp, of typ uw vraag.',
    ]);
    expect(buttonValues(replies)).to.deep.equal([...topicValues, 'menu']);
  });

  it('never shows more than ten buttons, so WhatsApp can list them all', async () => {
    const conversation = await openQuestions();
    const unknown = await conversation.say('Waarom is de lucht blauw?');
    expect(buttons(unknown).length).to.be.at.most(10);
    const answered = await conversation.say('question:cost');
    expect(buttons(answered).length).to.be.at.most(10);
  });

  for (const lng of ['nl', 'en'] as const) {
    describe(`in ${lng === 'nl' ? 'Dutch' : 'English'}`, () => {
      for (const topic of questionTopics) {
        it(`answers "${topic}" from its button, then offers another question, planning or the menu`, async () => {
          const conversation = await openQuestions(lng);
          const replies = await conversation.say(topicAnswers[topic].choice.value);
          includesOneOf(allText(replies), firstLines(i18n, lng, topic));
          expect(localeOf(replies)).to.equal(lng);
          expect(buttonValues(replies)).to.deep.equal(afterAnswerValues);
        });

        for (const words of typed[topic][lng]) {
          it(`answers "${topic}" when the resident types "${words}"`, async () => {
            const conversation = await openQuestions(lng);
            const replies = await conversation.say(words);
            includesOneOf(allText(replies), firstLines(i18n, lng, topic));
            expect(buttonValues(replies)).to.deep.equal(afterAnswerValues);
          });
        }
      }
    });
  }

  it('keeps each answer short: at most three messages', async () => {
    for (const topic of questionTopics) {
      const conversation = await openQuestions();
      const replies = await conversation.say(topicAnswers[topic].choice.value);
      // The answer's messages and the question under them.
      expect(texts(replies).length, topic).to.be.at.most(4);
    }
  });

  it('says honestly what it does not know, and offers the topics or a call back', async () => {
    const conversation = await openQuestions();
    const replies = await conversation.say('Hoe laat gaat de bibliotheek open?');
    expect(texts(replies)).to.deep.equal([
      'Op die vraag weet ik het antwoord niet.',
      'Kies een onderwerp. Of wilt u dat een medewerker u belt? Kies dan: Bel mij liever.',
    ]);
    expect(buttonValues(replies)).to.deep.equal([...topicValues, 'callback']);
    expect(buttons(replies).at(-1)?.title).to.equal('Bel mij liever');

    const callback = await conversation.say('callback');
    expect(lastText(callback)).to.include('Mogen we daarvoor uw telefoonnummer bewaren?');
  });

  it('still answers a known topic after a question it did not know', async () => {
    const conversation = await openQuestions();
    await conversation.say('blablabla');
    const replies = await conversation.say('is het gratis');
    expect(texts(replies)[0]).to.equal(
      'Ja, het is gratis. U betaalt niets voor het gesprek met de coach.',
    );
  });

  it('answers the question typed at the menu straight away', async () => {
    const conversation = await startConversation();
    await conversation.join();
    const replies = await conversation.say('Ik heb een vraag: kost het geld?');
    expect(texts(replies)).to.deep.equal([
      'Goed dat u het eerst vraagt.',
      'Nee, het kost u niets. Het gesprek met de coach is gratis.',
      'Heeft u nog een vraag? Typ die hier, of kies een knop.',
    ]);
  });

  it('answers the next question typed under an answer', async () => {
    const conversation = await openQuestions();
    await conversation.say('question:cost');
    const replies = await conversation.say('En mag ik iemand meenemen?');
    expect(texts(replies)[0]).to.equal(
      'Ja, dat mag. Neem gerust iemand mee die u vertrouwt. Bijvoorbeeld iemand uit uw familie, een vriend of een buur.',
    );
  });

  for (const words of ['question:other', 'Andere vraag', 'ja', 'ik heb nog een vraag']) {
    it(`shows the topics again on "${words}", without welcoming again`, async () => {
      const conversation = await openQuestions();
      await conversation.say('question:voluntary');
      const replies = await conversation.say(words);
      expect(texts(replies)).to.deep.equal([
        'Waar gaat uw vraag over? Kies een onderwerp, of typ uw vraag.',
      ]);
      expect(buttonValues(replies)).to.deep.equal([...topicValues, 'menu']);
    });
  }

  for (const words of ['question:plan', 'Afspraak maken', 'ik wil een afspraak']) {
    it(`starts planning a meeting on "${words}"`, async () => {
      const conversation = await openQuestions();
      await conversation.say('question:firstMeeting');
      const replies = await conversation.say(words);
      expect(texts(replies)[0]).to.include('Ik plan graag een gesprek met een coach.');
      expect(texts(replies)).to.include('Eerst een paar korte vragen. U mag ze ook overslaan.');
      expect(buttonValues(replies)).to.include('skip');
    });
  }

  it('starts planning in English on "Make appointment"', async () => {
    const conversation = await openQuestions('en');
    await conversation.say('question:cost');
    const replies = await conversation.say('Make appointment');
    expect(localeOf(replies)).to.equal('en');
    expect(buttonValues(replies)).to.include('skip');
  });

  for (const words of ['menu', 'Terug naar menu']) {
    it(`goes back to the menu on "${words}"`, async () => {
      const conversation = await openQuestions();
      await conversation.say('question:benefit');
      const replies = await conversation.say(words);
      expect(lastText(replies)).to.equal(
        'Waar kan ik u mee helpen? Kies een knop, of typ het in uw eigen woorden.',
      );
      expect(buttonValues(replies)).to.include.members(menuValues);
    });
  }

  for (const words of ['nee', 'Nee, bedankt', 'dank u wel']) {
    it(`ends the questions on "${words}" and asks if there is anything else`, async () => {
      const conversation = await openQuestions();
      await conversation.say('question:cost');
      const replies = await conversation.say(words);
      expect(lastText(replies)).to.equal('Kan ik nog iets anders voor u doen?');
      expect(buttonValues(replies)).to.include.members(menuValues);
    });
  }

  it('follows the resident to another path: "ik wil werk" under an answer', async () => {
    const conversation = await openQuestions();
    await conversation.say('question:cost');
    expect(texts(await conversation.say('ik wil werk'))[0]).to.equal('Fijn dat u wilt werken!');
  });

  it('asks the same question in English after a language switch', async () => {
    const conversation = await openQuestions();
    await conversation.say('question:cost');
    const replies = await conversation.say('English');
    expect(lastText(replies)).to.equal(
      'Do you have another question? Type it here, or choose a button.',
    );
    expect(buttons(replies).map((button) => button.title)).to.deep.equal([
      'Other question',
      'Make appointment',
      'Back to menu',
    ]);
    expect(texts(await conversation.say('is it free?'))[0]).to.equal(
      'Yes, it is free. You pay nothing for the meeting with the coach.',
    );
  });

  it('says it is a computer and names the coach and the photo (principles 3 and 7)', async () => {
    const conversation = await openQuestions();
    const text = allText(await conversation.say('question:about'));
    expect(text).to.include('gemeente Voorbeeld');
    expect(text).to.include('U ziet de naam en een foto.');
  });

  it('answers the privacy question with the privacy texts and the phone number', async () => {
    const conversation = await startConversation({ privacyUrl: 'https://voorbeeld.nl/privacy' });
    await conversation.join();
    await conversation.say('intent:question');
    const text = allText(await conversation.say('question:privacy'));
    expect(text).to.include('Hoe lang? 30 dagen.');
    expect(text).to.include('Bel dan 14 0123.');
    expect(text).to.include('Kijk op https://voorbeeld.nl/privacy');
  });

  it('is honest about the benefit: the chat changes nothing, the coach knows what applies', async () => {
    const conversation = await openQuestions();
    const text = allText(await conversation.say('question:benefit'));
    expect(text).to.include('Door deze chat verandert er niets aan uw uitkering.');
    expect(text).to.include('De coach vertelt u wat voor u geldt.');
  });
});

describe('a question typed at the menu', () => {
  for (const [typed, answer] of [
    ['Is het gratis?', 'Ja, het is gratis.'],
    ['Kost het geld?', 'Nee, het kost u niets.'],
    ['ik heb schulden', 'Ja, u bent welkom.'],
  ] as const) {
    it(`answers "${typed}" at once`, async () => {
      const conversation = await startConversation();
      await conversation.join();
      expect(allText(await conversation.say(typed))).to.include(answer);
    });
  }
});
