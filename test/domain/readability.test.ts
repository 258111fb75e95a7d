import { expect } from 'chai';
import {
  addStats,
  asksForBsn,
  countSyllables,
  findJargon,
  fleschDouma,
  sentencesOf,
  statsOf,
  wordsOf,
} from '../../src/domain/readability.js';

describe('readability', () => {
  describe('countSyllables (Dutch)', () => {
    const known: [string, number][] = [
      ['de', 1],
      ['u', 1],
      ['werk', 1],
      ['coach', 1],
      ['grote', 2], // a final e is spoken in Dutch
      ['mensen', 2],
      ['afspraak', 2],
      ['dorpshuis', 2],
      ['eeuw', 1],
      ['nieuwe', 2],
      ['mooie', 2],
      ['koeien', 2],
      ['draaien', 2],
      ['vrijwilligerswerk', 5],
      ['uitkering', 3],
      ['telefonisch', 4],
      ['bioscoop', 3], // io: two syllables
      ['januari', 4],
      ['situatie', 4],
      ['beantwoorden', 4],
      ['ideeën', 3], // a diaeresis starts a syllable
      ['geïnteresseerd', 5],
      ['financiële', 5],
      ['privacy', 3],
      ['hobby', 2],
      ['website', 2], // loanword: silent final e
      ['jobcoach', 2],
      ['e-mail', 2],
      ['BSN', 3], // spelled
      ['13:30', 1],
      ['{{coach}}', 2],
      ['Uitkeringsgerechtigde', 7],
    ];
    for (const [word, syllables] of known) {
      it(`counts ${syllables} in "${word}"`, () => {
        expect(countSyllables(word)).to.equal(syllables);
      });
    }
  });

  describe('sentences and words', () => {
    it('ends a sentence at . ! ? and line breaks, not at a colon or inside 13.30', () => {
      expect(
        sentencesOf('Hallo! Kom om 13.30 uur. Typ bijvoorbeeld: ja.\n\nWat wilt u?'),
      ).to.deep.equal(['Hallo!', 'Kom om 13.30 uur.', 'Typ bijvoorbeeld: ja.', 'Wat wilt u?']);
    });

    it('counts a placeholder as one word and skips emoji and dashes', () => {
      expect(wordsOf('“{{words}}” lukt — helaas 🙁 niet.')).to.deep.equal([
        '{{words}}',
        'lukt',
        'helaas',
        'niet',
      ]);
    });
  });

  describe('fleschDouma', () => {
    it('is 206.835 − 0.93 × words per sentence − 77 × syllables per word', () => {
      const score = fleschDouma({ sentences: 2, words: 20, syllables: 30 });
      expect(score).to.be.closeTo(206.835 - 0.93 * 10 - 77 * 1.5, 1e-9);
      expect(score).to.be.closeTo(82.035, 1e-9);
    });

    it('scores a short everyday sentence as very easy', () => {
      // 6 words, 6 syllables, 1 sentence: 206.835 − 5.58 − 77.
      expect(fleschDouma(statsOf('De kat zit op de mat.'))).to.be.closeTo(124.255, 1e-9);
    });

    it('scores officialese as very hard', () => {
      const text =
        'De uitkeringsgerechtigde dient zich conform de participatiewet tijdig te melden bij de klantmanager.';
      expect(statsOf(text)).to.deep.equal({ sentences: 1, words: 13, syllables: 30 });
      expect(fleschDouma(statsOf(text))).to.be.below(30);
    });

    it('adds the counts of several texts, not their scores', () => {
      const total = addStats([statsOf('Kom maar.'), statsOf('Dat is goed.')]);
      expect(total).to.deep.equal({ sentences: 2, words: 5, syllables: 5 });
    });
  });

  describe('findJargon', () => {
    it('finds official words with their inflections, and says what to write instead', () => {
      const found = findJargon('Wij verstrekken uw gegevens conform de Participatiewet.');
      expect(found.map((rule) => [rule.word, rule.instead])).to.deep.include.members([
        ['verstrekken', 'geven'],
        ['conform', 'zoals, volgens'],
        ['participatiewet', 'laat weg, of: de regels voor bijstand'],
      ]);
      expect(findJargon('Uw klantmanagers').map((rule) => rule.word)).to.deep.equal([
        'klantmanager',
      ]);
    });

    it('leaves plain words alone that only look alike ("indienen" is not "indien")', () => {
      expect(findJargon('U kunt het hier indienen. Uw coach helpt u met werk.')).to.deep.equal([]);
    });
  });

  describe('asksForBsn', () => {
    it('allows saying that a BSN is not needed', () => {
      expect(asksForBsn('U hoeft geen BSN te geven.')).to.equal(false);
      expect(asksForBsn('Ook uw BSN is niet nodig.')).to.equal(false);
    });

    it('catches asking for it', () => {
      expect(asksForBsn('Wat is uw BSN?')).to.equal(true);
      expect(asksForBsn('Typ uw BSN.')).to.equal(true);
      expect(asksForBsn('Heeft u geen BSN?')).to.equal(true);
    });
  });
});
