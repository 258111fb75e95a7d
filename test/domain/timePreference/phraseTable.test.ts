import { expect } from 'chai';
import { languages } from '../../../src/domain/language.js';
import { phrasesByLanguage } from './phrases.js';
import { judge, type Judgement, type Phrase, type Verdict } from './residentJudge.js';

const minimum = { nl: 60, en: 30, tr: 20, pl: 20, uk: 20, ar: 20 } as const;

describe('timePreference, judged the way a resident would', () => {
  it('judges a reading that offers a ruled-out start a contradiction, and a narrow one too narrow', () => {
    expect(judge({ said: 'dinsdagochtend', want: { days: [3] } }, 'nl').verdict).to.equal(
      'contradiction',
    );
    expect(judge({ said: 'dinsdagochtend', want: { days: [2] } }, 'nl').verdict).to.equal(
      'tooNarrow',
    );
    expect(judge({ said: 'blabla', want: {} }, 'nl').verdict).to.equal('unclear');
  });

  const scores: string[] = [];
  after(() => {
    // The figures for the README ("Planning: what Voordeur decides").
    console.log(`      phrase scores: ${scores.join(', ')}`);
  });

  for (const language of languages) {
    const phrases = phrasesByLanguage[language];
    let judged: Array<{ phrase: Phrase; judgement: Judgement }> | undefined;
    const judgements = () =>
      (judged ??= phrases.map((phrase) => ({ phrase, judgement: judge(phrase, language) })));

    it(`has at least ${minimum[language]} ${language} phrases, misspellings and several turns among them`, () => {
      expect(phrases.length).to.be.at.least(minimum[language]);
      expect(phrases.some((p) => Array.isArray(p.said))).to.equal(true);
    });

    it(`never offers a ${language} start the resident ruled out, across all turns`, () => {
      const contradictions = judgements()
        .filter(({ judgement }) => judgement.verdict === 'contradiction')
        .map(
          ({ phrase, judgement }) =>
            `${JSON.stringify(phrase.said)} → ${judgement.ruledOut.join(', ')}`,
        );
      expect(contradictions).to.deep.equal([]);
    });

    it(`reads at least 90% of the ${language} phrases right (every start allowed, not needlessly narrow)`, () => {
      const verdicts = judgements().map(({ phrase, judgement }) => ({
        phrase,
        verdict: judgement.verdict,
      }));
      const right = verdicts.filter((v) => v.verdict === 'right').length;
      scores.push(`${language} ${right}/${phrases.length}`);
      const wrong = verdicts
        .filter((v) => v.verdict !== 'right')
        .map((v): [string, Verdict] => [JSON.stringify(v.phrase.said), v.verdict]);
      expect(right / phrases.length, JSON.stringify(wrong)).to.be.at.least(0.9);
    });
  }
});
