import { expect } from 'chai';
import { menuChoices } from '../../dialogs/intents.js';
import { parsePhoneNumber } from '../../dialogs/phoneNumber.js';
import {
  hasPhrase,
  countWords,
  maxInputLength,
  normalize,
  readInput,
  recognizeChoice,
  recognizeCommand,
} from '../../dialogs/recognize.js';
import { languageFromName } from '../../src/domain/language.js';
import { createTranslator, type Translator } from '../../src/i18n.js';

describe('recognizing what the resident typed', () => {
  let i18n: Translator;
  before(async () => {
    i18n = await createTranslator({
      onMissingKey: (lng, key) => {
        throw new Error(`missing ${lng}:${key}`);
      },
    });
  });

  describe('hasPhrase', () => {
    it('finds a phrase only as whole words', () => {
      expect(hasPhrase('ik wil werk', 'ik wil werk')).to.equal(true);
      expect(hasPhrase('nu ik wil werk graag', 'wil werk')).to.equal(true);
      expect(hasPhrase('ik wil werken', 'wil werk')).to.equal(false);
      expect(hasPhrase('werkwil werk', 'werk')).to.equal(true);
      expect(hasPhrase('werk', 'ik wil werk')).to.equal(false);
      expect(hasPhrase('ik wil werk', '')).to.equal(false);
    });

    it('agrees with comparing space-padded texts on many generated phrases', () => {
      const vocabulary = ['a', 'ab', 'ba', 'b', 'aa'];
      let seed = 7;
      const random = (n: number) => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) % n;
      const text = (max: number) =>
        Array.from({ length: 1 + random(max) }, () => vocabulary[random(vocabulary.length)]).join(
          ' ',
        );
      let found = 0;
      for (let i = 0; i < 5_000; i++) {
        const words = text(6);
        const phrase = text(3);
        const expected = ` ${words} `.includes(` ${phrase} `);
        expect(hasPhrase(words, phrase), `"${phrase}" in "${words}"`).to.equal(expected);
        if (expected) found++;
      }
      expect(found).to.be.greaterThan(500);
    });
  });

  describe('normalize', () => {
    it('ignores case, accents, emoji, punctuation and extra spaces', () => {
      expect(normalize('  Ik  wíl WÉRK! 💼 ')).to.equal('ik wil werk');
      expect(normalize('🙂👍')).to.equal('');
    });
  });

  describe('readInput', () => {
    it('reads the text, or a string value when there is no text', () => {
      expect(readInput({ text: ' werk ' })).to.deep.equal({ kind: 'text', text: 'werk' });
      expect(readInput({ text: '', value: 'intent:work' })).to.deep.equal({
        kind: 'text',
        text: 'intent:work',
      });
    });

    it('refuses texts over the length limit instead of matching inside them', () => {
      expect(readInput({ text: 'a'.repeat(maxInputLength + 1) })).to.deep.equal({
        kind: 'tooLong',
      });
    });

    it('tells attachments without text apart from empty messages', () => {
      expect(readInput({ attachments: [{ contentType: 'image/png' }] }).kind).to.equal(
        'attachment',
      );
      expect(readInput({ text: '   ' }).kind).to.equal('empty');
    });
  });

  describe('recognizeChoice', () => {
    const choose = (text: string, lng: 'nl' | 'en' = 'nl') =>
      recognizeChoice(text, menuChoices, lng, i18n);

    it('accepts the machine value of a button', () => {
      expect(choose('intent:talk')).to.equal('intent:talk');
      expect(choose('INTENT:WORK')).to.equal('intent:work');
    });

    it('finds a synonym inside a sentence', () => {
      expect(choose('Goedemiddag, ik zoek een baan in de zorg')).to.equal('intent:work');
      expect(choose('kan ik iemand spreken?')).to.equal('intent:talk');
    });

    it('matches whole words only', () => {
      expect(choose('vrijwilligerswerk')).to.equal('intent:meaningful');
      expect(choose('werkelijk niets')).to.equal(undefined);
    });

    it('prefers the longest matching phrase', () => {
      expect(choose('ik heb een vraag over werk')).to.equal('intent:question');
    });

    it('looks in the other language when the resident mixes languages', () => {
      expect(choose('question')).to.equal('intent:question');
      expect(choose('werk', 'en')).to.equal('intent:work');
    });

    it('returns nothing for unknown, empty or overly long text', () => {
      expect(choose('xyz')).to.equal(undefined);
      expect(choose('💼')).to.equal(undefined);
      expect(choose('werk '.repeat(1000))).to.equal(undefined);
    });
  });

  describe('recognizeCommand', () => {
    it('knows the button values', () => {
      expect(recognizeCommand('menu', i18n)).to.deep.equal({ kind: 'menu' });
      expect(recognizeCommand('privacy:more', i18n)).to.deep.equal({ kind: 'privacy' });
      expect(recognizeCommand('lang:en', i18n)).to.deep.equal({ kind: 'language', language: 'en' });
      expect(recognizeCommand('lang:xx', i18n)).to.equal(undefined);
    });

    it('knows restart words in Dutch and English', () => {
      for (const typed of [
        'opnieuw',
        'Menu',
        'start',
        'begin',
        'restart',
        'start over',
        'Terug naar menu',
      ]) {
        expect(recognizeCommand(typed, i18n), typed).to.deep.equal({ kind: 'menu' });
      }
    });

    it('needs the whole message to be the command', () => {
      expect(recognizeCommand('waar begin ik', i18n)).to.equal(undefined);
      expect(recognizeCommand('privacy is belangrijk voor mij', i18n)).to.equal(undefined);
    });
  });

  describe('languageFromName', () => {
    it('recognises a language by its own, Dutch or English name', () => {
      expect(languageFromName('English')).to.equal('en');
      expect(languageFromName('Engels')).to.equal('en');
      expect(languageFromName('Nederlands')).to.equal('nl');
      expect(languageFromName('Dutch')).to.equal('nl');
    });

    it('allows polite words around the name', () => {
      expect(languageFromName('Engels graag!')).to.equal('en');
      expect(languageFromName('in het Nederlands alstublieft')).to.equal('nl');
      expect(languageFromName('Can we talk in English please?')).to.equal('en');
    });

    it('ignores sentences that only mention a language', () => {
      expect(languageFromName('I speak a little Dutch and want work')).to.equal(undefined);
      expect(languageFromName('ik wil werk')).to.equal(undefined);
      expect(languageFromName('')).to.equal(undefined);
    });
  });
});

describe('one normalisation for digits', () => {
  it('reads Arabic-Indic and Eastern Arabic-Indic digits as digits, in words and phone numbers', () => {
    expect(normalize('٢')).to.equal('2');
    expect(normalize('۲')).to.equal('2');
    expect(parsePhoneNumber('٠٦١٢٣٤٥٦٧٨')).to.equal('+31612345678');
    expect(parsePhoneNumber('۰۶ ۱۲۳۴۵۶۷۸')).to.equal('+31612345678');
  });
});

describe('content words', () => {
  it('finds every stem of an entry, in any order; short stems only as whole words', () => {
    const tokens = normalize('Kan ik mijn afspraak naar een andere tijd zetten?').split(' ');
    expect(countWords(tokens, 'andere tijd')).to.equal(2);
    expect(countWords(tokens, 'afspraak')).to.equal(1);
    expect(countWords(normalize('ik werk graag met mensen').split(' '), 'mens')).to.equal(0);
    expect(countWords(normalize('mag mijn zus mee').split(' '), 'zus mee')).to.equal(2);
  });
});
