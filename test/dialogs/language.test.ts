import { expect } from 'chai';
import type { Language } from '../../src/domain/language.js';
import {
  buttons,
  buttonValues,
  lastText,
  localeOf,
  menuValues,
  shownText,
  skipToWhen,
  slotCards,
  startConversation,
  texts,
  type Conversation,
} from './harness.js';

const languageValues = ['lang:nl', 'lang:en', 'lang:ar', 'lang:tr', 'lang:pl', 'lang:uk'];
const ownNames = ['Nederlands', 'English', 'العربية', 'Türkçe', 'Polski', 'Українська'];

/** The menu question in each language, as the locale files have it. */
const menuQuestion: Record<Language, string> = {
  nl: 'Waar kan ik u mee helpen? Kies een knop, of typ het in uw eigen woorden.',
  en: 'How can I help you? Choose a button, or type it in your own words.',
  ar: 'كيف يمكنني مساعدتك؟ يمكنك اختيار زر، أو الكتابة بكلماتك الخاصة.',
  tr: 'Size nasıl yardımcı olabilirim? Bir düğme seçin ya da kendi sözlerinizle yazın.',
  pl: 'W czym mogę pomóc? Proszę wybrać przycisk albo napisać własnymi słowami.',
  uk: 'Чим я можу вам допомогти? Оберіть кнопку або напишіть своїми словами.',
};

/** The language offer in each language: what a resident reads after "merhaba". */
const offer: Record<Language, string> = {
  nl: 'Hallo! Wilt u verder in het Nederlands?',
  en: 'Hello! Shall we continue in English?',
  ar: 'مرحبًا! هل نكمل بالعربية؟',
  tr: 'Merhaba! Türkçe devam edelim mi?',
  pl: 'Dzień dobry! Czy piszemy dalej po polsku?',
  uk: 'Вітаю! Продовжимо українською?',
};

/** Thursday 3 December 2026, 13:30 in Amsterdam, written out in each language. */
const thursday: Record<Language, string> = {
  nl: 'donderdag 3 december om 13:30',
  en: 'Thursday 3 December at 13:30',
  ar: 'الخميس 3 ديسمبر، الساعة 13:30',
  tr: '3 Aralık Perşembe, saat 13:30',
  pl: 'czwartek, 3 grudnia o 13:30',
  uk: 'четвер, 3 грудня о 13:30',
};

/** "Yes" as a resident of each language types it. */
const typedYes: Record<Language, string> = {
  nl: 'ja',
  en: 'yes',
  ar: 'نعم',
  tr: 'evet',
  pl: 'tak',
  uk: 'так',
};

/** The first words of the booked message in each language. */
const booked: Record<Language, string> = {
  nl: 'Gelukt! Uw afspraak staat:',
  en: 'Done! Your appointment is booked:',
  ar: 'تم! موعدك محجوز:',
  tr: 'Tamamdır! Randevunuz alındı:',
  pl: 'Gotowe! Spotkanie jest umówione:',
  uk: 'Готово! Вашу зустріч призначено:',
};

/** At "Klopt dat?" for Thursday 3 December at 13:30 with Elke, everything else skipped. */
async function atConfirmation(conversation: Conversation): Promise<void> {
  await skipToWhen(conversation);
  await conversation.say('3 december om half 2');
  await conversation.say('1');
  await conversation.say('Op locatie');
}

describe('switching language', () => {
  it('switches to English on "English", greets once in English and repeats the open question', async () => {
    const conversation = await startConversation();
    await conversation.join();
    const replies = await conversation.say('English');
    expect(texts(replies)).to.deep.equal([
      'OK. From now on I will write in English.',
      'Hello! I am the digital assistant of gemeente Voorbeeld. I am a computer, not a person.',
      'We keep your messages for 30 days and then delete them. You never need to give your BSN.',
      'How can I help you? Choose a button, or type it in your own words.',
    ]);
    expect(localeOf(replies)).to.equal('en');
    expect(buttons(replies).map((b) => b.title)).to.deep.equal([
      'I want work',
      'A meaningful day',
      'A question first',
      'Talk to someone',
      'More about privacy',
      'Language / Taal',
    ]);
  });

  it('does not greet again in a language it greeted in before', async () => {
    const conversation = await startConversation();
    await conversation.join();
    await conversation.say('English');
    expect(texts(await conversation.say('Nederlands'))).to.deep.equal([
      'Prima. Vanaf nu schrijf ik in het Nederlands.',
      menuQuestion.nl,
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

  for (const [typed, language] of [
    ['Engels', 'en'],
    ['english please', 'en'],
    ['In het Engels graag', 'en'],
    ['Dutch', 'nl'],
    ['nederlands!', 'nl'],
    ['Türkçe', 'tr'],
    ['Turks', 'tr'],
    ['Polski', 'pl'],
    ['Pools', 'pl'],
    ['Українська', 'uk'],
    ['Oekraïens', 'uk'],
    ['عربي', 'ar'],
    ['العربية', 'ar'],
    ['عَرَبِيّ', 'ar'],
    ['Arabisch', 'ar'],
  ] as const) {
    it(`understands "${typed}" and asks the open question in that language`, async () => {
      const conversation = await startConversation({
        locale: language === 'nl' ? 'en-US' : 'nl-NL',
      });
      await conversation.join();
      const replies = await conversation.say(typed);
      expect(localeOf(replies)).to.equal(language);
      expect(lastText(replies)).to.equal(menuQuestion[language]);
    });
  }

  it('repeats "anything else?" when that was the open question', async () => {
    const conversation = await startConversation();
    await conversation.join();
    await conversation.say('bel mij');
    expect(lastText(await conversation.say('nee'))).to.equal('Kan ik nog iets anders voor u doen?');
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

  it('does not switch on a Dutch sentence that merely mentions a language', async () => {
    const conversation = await startConversation();
    await conversation.join();
    const replies = await conversation.say('Ik spreek een beetje Engels en zoek werk');
    expect(texts(replies)[0]).to.equal('Fijn dat u wilt werken!');
  });
});

describe('the language button', () => {
  it('is one button, "Taal / Language", under the menu', async () => {
    const conversation = await startConversation();
    const replies = await conversation.join();
    const values = buttonValues(replies);
    expect(values.filter((value) => String(value).startsWith('lang:'))).to.deep.equal([
      'lang:choose',
    ]);
  });

  it('lists all six languages by their own names, and keeps the open question open', async () => {
    const conversation = await startConversation();
    await conversation.join();
    const replies = await conversation.send({ text: 'Taal / Language', value: 'lang:choose' });
    expect(texts(replies)).to.deep.equal(['In welke taal wilt u verder? Kies een taal.']);
    expect(buttons(replies).map((b) => b.title)).to.deep.equal(ownNames);
    expect(buttonValues(replies)).to.deep.equal(languageValues);
    // At most ten rows fit a WhatsApp list; every title fits a button.
    expect(buttons(replies).length).to.be.at.most(10);

    const chosen = await conversation.send({ text: 'Türkçe', value: 'lang:tr' });
    expect(texts(chosen)).to.deep.equal([
      'Tamam. Bundan sonra Türkçe yazacağım.',
      'Merhaba! Ben belediyenin (gemeente Voorbeeld) dijital asistanıyım. Ben bir bilgisayarım, insan değilim.',
      'Mesajlarınızı 30 gün saklıyor, sonra siliyoruz. BSN numaranızı vermeniz gerekmez.',
      menuQuestion.tr,
    ]);
    expect(localeOf(chosen)).to.equal('tr');
    expect(buttons(chosen).at(-1)?.title).to.equal('Dil / Language');
  });

  it('opens the list on the typed word for "language" in any of the six', async () => {
    for (const typed of ['taal', 'Language', 'dil', 'język', 'мова', 'اللغة']) {
      const conversation = await startConversation();
      await conversation.join();
      expect(buttonValues(await conversation.say(typed)), typed).to.deep.equal(languageValues);
    }
  });

  it('lets the resident answer the open question instead of choosing a language', async () => {
    const conversation = await startConversation();
    await conversation.join();
    await conversation.say('taal');
    expect(texts(await conversation.say('Ik wil werk'))[0]).to.equal('Fijn dat u wilt werken!');
  });
});

describe('each language through the whole booking', () => {
  for (const [language, name] of [
    ['en', 'English'],
    ['ar', 'العربية'],
    ['tr', 'Türkçe'],
    ['pl', 'Polski'],
    ['uk', 'Українська'],
  ] as const) {
    it(`switches to ${name} at the confirmation: question, date and booking in ${name}`, async () => {
      const conversation = await startConversation();
      await atConfirmation(conversation);
      const switched = await conversation.say(name);
      expect(localeOf(switched)).to.equal(language);
      expect(lastText(switched)).to.include(thursday[language]);
      expect(lastText(switched)).to.include('Elke');
      for (const reply of switched)
        expect(reply.locale?.slice(0, 2), reply.text).to.equal(language);

      const done = await conversation.say(typedYes[language]);
      expect(texts(done)[0]).to.include(booked[language]).and.to.include(thursday[language]);
      const shown = shownText(done);
      expect(shown).to.include(thursday[language]);
      expect(shown).to.not.match(/\d{4}-\d{2}-\d{2}|T\d{2}:\d{2}/); // dates in words, never ISO
      const [booking] = await conversation.planning.bookings.forCoach(
        'elke',
        new Date('2026-12-03T00:00:00Z'),
        new Date('2026-12-04T00:00:00Z'),
      );
      expect(booking?.summary.language).to.equal(language);
    });
  }

  it('shows the slot cards again with Arabic dates after a switch at the offer', async () => {
    const conversation = await startConversation();
    await skipToWhen(conversation);
    await conversation.say('3 december');
    const replies = await conversation.say('عربي');
    const [first] = slotCards(replies);
    expect(first?.title).to.match(/^الخيار 1: الخميس 3 ديسمبر، الساعة \d\d:\d\d$/);
    expect(first?.buttons[0]?.title).to.equal('اختر هذا الوقت');
    // Arabic-Indic digits pick a time too.
    expect(lastText(await conversation.say('١'))).to.include('كيف تريد التحدث مع');
  });
});

describe('offering the language of a first message', () => {
  for (const [typed, language] of [
    ['merhaba', 'tr'],
    ['dzień dobry', 'pl'],
    ['добрий день', 'uk'],
    ['مرحبا', 'ar'],
    ['hello', 'en'],
    ['iş arıyorum', 'tr'],
    ['szukam pracy', 'pl'],
    ['I am looking for work', 'en'],
  ] as const) {
    it(`asks "${typed}" in its own language first, before the greeting (WhatsApp)`, async () => {
      const conversation = await startConversation();
      const replies = await conversation.say(typed);
      expect(texts(replies)).to.deep.equal([offer[language]]);
      expect(localeOf(replies)).to.equal(language);
      // Both answers are language names: whoever reads the question, and whoever does not.
      expect(buttonValues(replies)).to.deep.equal([`lang:${language}`, 'lang:nl']);
    });
  }

  it('greets in the offered language when the resident takes it', async () => {
    const conversation = await startConversation();
    await conversation.say('merhaba');
    const replies = await conversation.send({ text: 'Türkçe', value: 'lang:tr' });
    expect(texts(replies)[0]).to.include('Ben bir bilgisayarım');
    expect(lastText(replies)).to.equal(menuQuestion.tr);
    expect(localeOf(replies)).to.equal('tr');
  });

  for (const [answer, language] of [
    ['evet', 'tr'],
    ['Evet!', 'tr'],
    ['ja', 'tr'],
    ['hayır', 'nl'],
    ['nee', 'nl'],
  ] as const) {
    it(`understands a typed "${answer}" to the offer`, async () => {
      const conversation = await startConversation();
      await conversation.say('merhaba');
      const replies = await conversation.say(answer);
      expect(localeOf(replies)).to.equal(language);
      expect(lastText(replies)).to.equal(menuQuestion[language]);
    });
  }

  it('takes a second message in the offered language as a yes', async () => {
    const conversation = await startConversation();
    await conversation.say('merhaba');
    const replies = await conversation.say('iş arıyorum');
    expect(localeOf(replies)).to.equal('tr');
    expect(texts(replies)).to.include('Çalışmak istemeniz çok güzel!');
  });

  it('greets in Dutch when the resident declines, and does not offer again', async () => {
    const conversation = await startConversation();
    await conversation.say('merhaba');
    const declined = await conversation.send({ text: 'Nederlands', value: 'lang:nl' });
    expect(texts(declined)[0]).to.include('Ik ben een computer');
    expect(lastText(declined)).to.equal(menuQuestion.nl);
    const again = await conversation.say('merhaba');
    expect(texts(again)[0]).to.equal('Dat heb ik niet goed begrepen.');
  });

  it('offers the language in web chat too, after the Dutch greeting, and greets again', async () => {
    const conversation = await startConversation();
    await conversation.join();
    const offered = await conversation.say('Dzień dobry');
    expect(texts(offered)).to.deep.equal([offer.pl]);
    const replies = await conversation.say('tak');
    expect(texts(replies)).to.deep.equal([
      'Dobrze. Od teraz piszę po polsku.',
      'Dzień dobry! Jestem cyfrowym asystentem gminy (gemeente Voorbeeld). Jestem komputerem, nie człowiekiem.',
      'Przechowujemy wiadomości przez 30 dni, potem je usuwamy. Nie trzeba podawać numeru BSN.',
      menuQuestion.pl,
    ]);
  });

  it('closes the offer with any other message: a later "ja" is just "ja"', async () => {
    const conversation = await startConversation();
    await conversation.join();
    await conversation.say('merhaba');
    await conversation.send({ text: 'Ik wil werk', value: 'intent:work' });
    expect((await conversation.savedProfile())?.languageOffer).to.equal(undefined);
    expect(localeOf(await conversation.say('ja'))).to.equal('nl');
  });

  it('does not read button presses for their language', async () => {
    const conversation = await startConversation();
    await conversation.join();
    const replies = await conversation.send({ text: 'I want work', value: 'intent:work' });
    expect(texts(replies)[0]).to.equal('Fijn dat u wilt werken!');
  });

  it('offers nothing for a first message in the language already in use', async () => {
    const conversation = await startConversation();
    await conversation.join();
    expect(texts(await conversation.say('hallo, ik zoek werk'))[0]).to.equal(
      'Fijn dat u wilt werken!',
    );
  });

  it('offers Arabic later too when a message comes in the Arabic alphabet, once', async () => {
    const conversation = await startConversation();
    await conversation.join();
    await conversation.say('Ik wil werk');
    const offered = await conversation.say('أريد العمل مع الناس');
    expect(texts(offered)).to.deep.equal([offer.ar]);
    await conversation.say('nee');
    // Declined: an Arabic answer is now simply an answer.
    const answered = await conversation.say('أريد العمل مع الناس');
    expect(localeOf(answered)).to.equal('nl');
    expect(lastText(answered)).to.include('Wat doet u nu al graag?');
  });

  it('does not offer English for a later English answer: only a first message decides', async () => {
    const conversation = await startConversation();
    await conversation.join();
    await conversation.say('Ik wil werk');
    const replies = await conversation.say('something with my hands');
    expect(localeOf(replies)).to.equal('nl');
    expect(lastText(replies)).to.include('Wat doet u nu al graag?');
  });
});

describe('messages it cannot simply follow', () => {
  it('answers "bonjour" in the current language and offers the list', async () => {
    const conversation = await startConversation();
    await conversation.join();
    const replies = await conversation.say('bonjour');
    expect(texts(replies)).to.deep.equal([
      'Die taal spreek ik nog niet. Kies een taal uit de lijst. Of bel ons: 14 0123.',
    ]);
    expect(localeOf(replies)).to.equal('nl');
    expect(buttonValues(replies)).to.deep.equal(languageValues);
  });

  it('answers a language it does not speak in the language the resident chose', async () => {
    const conversation = await startConversation();
    await conversation.join();
    await conversation.say('عربي');
    const replies = await conversation.say('Bonjour !');
    expect(texts(replies)).to.deep.equal([
      'لا أتكلم هذه اللغة بعد. يرجى اختيار لغة من القائمة. أو الاتصال بنا: \u206614 0123\u2069.',
    ]);
    expect(localeOf(replies)).to.equal('ar');
    expect(buttonValues(replies)).to.deep.equal(languageValues);
  });

  it('answers a request for French the same way', async () => {
    const conversation = await startConversation();
    await conversation.join();
    const replies = await conversation.say('Français');
    expect(texts(replies)[0]).to.include('Die taal spreek ik nog niet');
  });

  it('greets a first "bonjour" on WhatsApp in Dutch and then offers the list', async () => {
    const conversation = await startConversation();
    const replies = await conversation.say('bonjour');
    expect(texts(replies)[0]).to.include('Ik ben een computer');
    expect(lastText(replies)).to.include('Die taal spreek ik nog niet');
    expect(buttonValues(replies)).to.deep.equal(languageValues);
    // The list answered, the menu comes back in the chosen language.
    expect(lastText(await conversation.say('English'))).to.equal(menuQuestion.en);
  });

  it('asks which language when a first message mixes two of them', async () => {
    const conversation = await startConversation();
    await conversation.join();
    const replies = await conversation.say('hallo merhaba');
    expect(texts(replies)).to.deep.equal(['Welke taal is voor u het makkelijkst? Kies een taal.']);
    expect(buttonValues(replies)).to.deep.equal(languageValues);
  });

  it('follows a mixed-language message it understands, in the chosen language', async () => {
    const conversation = await startConversation();
    await conversation.join();
    await conversation.say('English');
    const replies = await conversation.say('ik wil werk please');
    expect(texts(replies)[0]).to.equal('Great that you want to work!');
    expect(localeOf(replies)).to.equal('en');
  });

  it('answers emoji only kindly, in the chosen language, with the buttons', async () => {
    for (const [language, notUnderstood] of [
      ['ar', 'لم أفهم ذلك جيدًا.'],
      ['uk', 'Я не зовсім зрозумів.'],
      ['tr', 'Bunu tam anlayamadım.'],
      ['pl', 'Nie zrozumiałem tego dobrze.'],
    ] as const) {
      const conversation = await startConversation();
      await conversation.join();
      await conversation.say(`lang:${language}`);
      const replies = await conversation.say('🙂👍');
      expect(texts(replies)[0], language).to.equal(notUnderstood);
      expect(localeOf(replies), language).to.equal(language);
      expect(buttonValues(replies)).to.include.members([...menuValues, 'lang:choose']);
    }
  });

  it('understands right-to-left text with marks, tatweel and Arabic digits', async () => {
    const conversation = await startConversation();
    await conversation.join();
    await conversation.say('العربية');
    const work = await conversation.say('\u200fأُرِيدُ عَمَلًا\u200f');
    expect(texts(work)[0]).to.equal('رائع أنك تريد العمل!');
    expect(localeOf(work)).to.equal('ar');
  });

  it('answers an Arabic message in a Dutch chat with the offer, not "not understood"', async () => {
    const conversation = await startConversation();
    await conversation.join();
    const replies = await conversation.say('السلام عليكم');
    expect(texts(replies)).to.deep.equal([offer.ar]);
    expect(buttonValues(replies)).to.deep.equal(['lang:ar', 'lang:nl']);
  });
});
