import { expect } from 'chai';
import { foldWord } from '../../src/domain/foldWord.js';

/** The full folding, without the shortcut for plain ASCII. */
const fullFold = (word: string) =>
  word
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ı/g, 'i')
    .replace(/\u0640/g, '')
    .replace(/\u0649/g, '\u064a')
    .replace(/\u0629/g, '\u0647');

describe('foldWord', () => {
  it('folds accents, Turkish ı and Arabic spellings', () => {
    expect(foldWord('Türkçe')).to.equal('turkce');
    expect(foldWord('hayır')).to.equal('hayir');
    expect(foldWord('Ik WÍL wérk')).to.equal('ik wil werk');
    expect(foldWord('مدرسة')).to.equal(fullFold('مدرسة'));
  });

  it('gives plain ASCII, every character of it, as the full folding does', () => {
    const all = Array.from({ length: 128 }, (_, code) => String.fromCharCode(code)).join('');
    expect(foldWord(all)).to.equal(fullFold(all));
    for (let code = 0; code < 128; code++) {
      const text = `Ab${String.fromCharCode(code)}Z`;
      expect(foldWord(text), `code ${code}`).to.equal(fullFold(text));
    }
  });

  it('folds a message that is ASCII but for one letter in full', () => {
    expect(foldWord('Ik wil WERK in de zorg, één dag')).to.equal(
      fullFold('Ik wil WERK in de zorg, één dag'),
    );
    expect(foldWord('ILK IŞ')).to.equal(fullFold('ILK IŞ'));
  });
});
