import { expect } from 'chai';
import { parseTimePreference } from '../../../src/domain/timePreference.js';
import { judgeNow, offeredStarts } from './residentJudge.js';

/**
 * Negation must always exclude, never include: whatever a phrase allows, the same phrase with
 * "niet"/"not" (or "behalve", "anytime but", …) allows none of it; and "Y, maar niet X" offers
 * nothing that X allows, and nothing that Y does not.
 */
const dutchParts = [
  'maandag',
  'vrijdag',
  'dinsdag en donderdag',
  "'s ochtends",
  "'s middags",
  'na 3 uur',
  'voor 11 uur',
  'om 10 uur',
  'tussen 10 en 12',
  'volgende week',
  'morgen',
  'in het weekend',
];
const englishParts = [
  'monday',
  'friday',
  'tuesday or thursday',
  'in the morning',
  'in the afternoon',
  'after 3pm',
  'before 11am',
  'at 10',
  'between 10 and 12',
  'next week',
  'tomorrow',
];
const positives = ['dinsdag', 'doordeweeks', "'s middags", 'na 1 uur', 'volgende week', 'morgen'];

const now = judgeNow.toJSDate();
type Reading = Set<string> | undefined;
function readPreference(text: string, language: 'nl' | 'en'): Reading {
  const parsed = parseTimePreference(text, { now, language });
  if (parsed.kind === 'unclear') return undefined;
  return offeredStarts(parsed.kind === 'anything' ? {} : parsed.preference);
}

/** Every pair, not a sample: the grammar of these phrases is small enough to try them all. */
function everyPair<A, B>(as: readonly A[], bs: readonly B[], check: (a: A, b: B) => void): void {
  for (const a of as) for (const b of bs) check(a, b);
}

function overlap(a: Set<string>, b: Set<string>): string[] {
  return [...a].filter((start) => b.has(start)).slice(0, 3);
}

const dutchForms = [
  'niet {x}',
  'liever niet {x}',
  '{x} niet',
  'alles behalve {x}',
  'maar niet {x}',
  'behalve {x}',
  'geen {x}',
];
const englishForms = [
  'not {x}',
  'anytime but {x}',
  'any time except {x}',
  'rather not {x}',
  'whenever, but not {x}',
  'except {x}',
];

describe('timePreference negation (property over every pair)', () => {
  let read = 0;
  const readNegation = (text: string, language: 'nl' | 'en'): Reading => {
    const reading = readPreference(text, language);
    if (reading) read += 1;
    return reading;
  };

  it('offers nothing for "niet X", "X niet", "alles behalve X" that "X" would offer (Dutch)', () => {
    everyPair(dutchParts, dutchForms, (x, form) => {
      const text = form.replace('{x}', x);
      const plain = readPreference(x, 'nl');
      const negated = readNegation(text, 'nl');
      if (!plain || !negated) return; // a "niet" that cannot be read is asked again
      expect(overlap(negated, plain), `${text} vs ${x}`).to.deep.equal([]);
    });
  });

  it('offers nothing for "not X", "anytime but X", "except X" that "X" would offer (English)', () => {
    everyPair(englishParts, englishForms, (x, form) => {
      const text = form.replace('{x}', x);
      const plain = readPreference(x, 'en');
      const negated = readNegation(text, 'en');
      if (!plain || !negated) return;
      expect(overlap(negated, plain), `${text} vs ${x}`).to.deep.equal([]);
    });
  });

  it('offers for "Y, maar niet X" only what Y offers and X does not', () => {
    everyPair(positives, dutchParts, (y, x) => {
      const both = readNegation(`${y}, maar niet ${x}`, 'nl');
      const plainX = readPreference(x, 'nl');
      const plainY = readPreference(y, 'nl');
      if (!both || !plainX || !plainY) return;
      expect(overlap(both, plainX), `${y}, maar niet ${x}`).to.deep.equal([]);
      expect([...both].filter((start) => !plainY.has(start)).slice(0, 3)).to.deep.equal([]);
    });
  });

  it('read nearly every negated phrase (the property is not vacuous)', () => {
    const pairs =
      dutchParts.length * dutchForms.length +
      englishParts.length * englishForms.length +
      positives.length * dutchParts.length;
    expect(read).to.be.at.least(Math.floor(pairs * 0.9));
  });
});
