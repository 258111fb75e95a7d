import { expect } from 'chai';
import {
  foldWord,
  languageFromName,
  languageFromTag,
  languages,
  languageTags,
  recognizeLanguageRequest,
  textDirection,
} from '../../src/domain/language.js';

describe('languages', () => {
  it('has six, each with the tag Web Chat knows, Arabic right to left', () => {
    expect(languages).to.deep.equal(['nl', 'en', 'ar', 'tr', 'pl', 'uk']);
    expect(Object.values(languageTags)).to.deep.equal([
      'nl-NL',
      'en-US',
      'ar-EG',
      'tr-TR',
      'pl-PL',
      'uk-UA',
    ]);
    expect(languages.filter((lng) => textDirection[lng] === 'rtl')).to.deep.equal(['ar']);
  });

  it('maps channel tags to a language', () => {
    expect(languageFromTag('ar-SA')).to.equal('ar');
    expect(languageFromTag('uk_UA')).to.equal('uk');
    expect(languageFromTag('ru-RU')).to.equal(undefined);
  });

  it('folds accents, Arabic vowel marks and spellings, and Turkish ı', () => {
    expect(foldWord('Türkçe')).to.equal(foldWord('TURKCE'));
    expect(foldWord('hayır')).to.equal('hayir');
    expect(foldWord('عربى')).to.equal(foldWord('عربي'));
    expect(foldWord('العربيّة')).to.equal(foldWord('العربيه'));
    expect(foldWord('عـــربي')).to.equal(foldWord('عربي'));
  });

  describe('recognizeLanguageRequest', () => {
    for (const [typed, language] of [
      ['English', 'en'],
      ['Engels', 'en'],
      ['ingilizce', 'en'],
      ['Nederlands', 'nl'],
      ['Hollandaca', 'nl'],
      ['Türkçe', 'tr'],
      ['turkce lütfen', 'tr'],
      ['Turks', 'tr'],
      ['Polski', 'pl'],
      ['po polsku proszę', 'pl'],
      ['Pools', 'pl'],
      ['Українська', 'uk'],
      ['українською, будь ласка', 'uk'],
      ['Oekraïens', 'uk'],
      ['украинский', 'uk'],
      ['عربي', 'ar'],
      ['العربية', 'ar'],
      ['بالعربي من فضلك', 'ar'],
      ['Arabisch', 'ar'],
      ['in het Arabisch graag', 'ar'],
    ] as const) {
      it(`understands "${typed}"`, () => {
        expect(recognizeLanguageRequest(typed)).to.deep.equal({ kind: 'language', language });
        expect(languageFromName(typed)).to.equal(language);
      });
    }

    for (const typed of [
      'Taal',
      'Taal / Language',
      'andere taal',
      'language',
      'Dil',
      'мова',
      'اللغة',
    ]) {
      it(`opens the list on "${typed}"`, () => {
        expect(recognizeLanguageRequest(typed)).to.deep.equal({ kind: 'choose' });
      });
    }

    for (const typed of ['Français', 'Deutsch bitte', 'русский', 'Somali', 'فارسی']) {
      it(`knows "${typed}" is a language it does not speak`, () => {
        expect(recognizeLanguageRequest(typed)).to.deep.equal({ kind: 'unsupported' });
      });
    }

    it('leaves sentences that merely mention a language alone', () => {
      expect(recognizeLanguageRequest('I speak a little English and want a job')).to.equal(
        undefined,
      );
      expect(recognizeLanguageRequest('Nederlands is moeilijk')).to.equal(undefined);
      expect(recognizeLanguageRequest('kendi dilim')).to.equal(undefined);
      expect(recognizeLanguageRequest('werk')).to.equal(undefined);
      expect(recognizeLanguageRequest('👍')).to.equal(undefined);
    });
  });
});
