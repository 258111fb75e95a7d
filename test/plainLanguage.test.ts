import { expect } from 'chai';
import {
  addStats,
  asksForBsn,
  findJargon,
  fleschDouma,
  sentencesOf,
  statsOf,
  wordsOf,
} from '../src/domain/readability.js';
import {
  localeFolders,
  placeholders,
  prose,
  readByResidents,
  readLocaleFolder,
  type Leaf,
} from './localeFiles.js';

/**
 * The B1 limits (DESIGN.md, principle 6), as common Dutch B1 writing advice puts them: about
 * 10–12 words per sentence on average, and no sentence over 15. A reader at B1 still follows
 * 15 words; beyond that, many have lost the start of the sentence before they reach its end.
 */
const maxSentenceWords = 15;
const maxAverageWords = 12;

/**
 * Flesch–Douma over all resident texts together. Douma's scale: 60–70 normal, 70–80 fairly
 * easy, 80+ easy; official letters score 30–50. Short chat messages score high by nature (ours
 * measured 94 before the question answers, 96 with them), so 80 keeps them "easy" and still
 * leaves room for the odd longer message.
 */
const minOverallScore = 80;

/**
 * Flesch–Douma per text, for texts long enough for the score to mean something (one long word
 * swings a three-word text by 25 points). Below 50 is the level of a newspaper: no message to a
 * resident should read like that, even on its own.
 */
const minScore = 50;
const minWordsForScore = 8;

/** Resident texts in Dutch: every string but the coach's texts, as `[key, text]`. */
async function dutchTexts(): Promise<[string, string][]> {
  return prose(await readLocaleFolder('nl')).filter(([key]) => readByResidents(key));
}

const isButton = (key: string) => key.endsWith('.button');

/** The B1 rules one Dutch text breaks, one line each. Buttons: only jargon and the BSN. */
function rulesBrokenBy(key: string, text: string): string[] {
  const broken = findJargon(text).map((rule) => `avoid "${rule.word}", write: ${rule.instead}`);
  if (asksForBsn(text)) broken.push('asks for a BSN: say that it is not needed instead');
  if (isButton(key)) return broken.map((line) => `  - ${line}`);

  const sentences = sentencesOf(text);
  for (const sentence of sentences) {
    const words = wordsOf(sentence).length;
    if (words > maxSentenceWords) {
      const which = sentences.length > 1 ? `: "${sentence}"` : '';
      broken.push(`sentence of ${words} words (max ${maxSentenceWords})${which}`);
    }
  }
  const stats = statsOf(text);
  const average = stats.words / Math.max(1, stats.sentences);
  if (average > maxAverageWords) {
    broken.push(`${average.toFixed(1)} words per sentence on average (max ${maxAverageWords})`);
  }
  const score = fleschDouma(stats);
  if (stats.words >= minWordsForScore && score < minScore) {
    broken.push(`Flesch–Douma ${score.toFixed(0)} (min ${minScore})`);
  }
  return broken.map((line) => `  - ${line}`);
}

/** One assertion for a whole list, so a run shows every failure at once, one per line. */
function expectNone(failures: string[]): void {
  expect(failures.length, `\n${failures.join('\n')}\n`).to.equal(0);
}

describe('plain Dutch (B1) in what residents read', () => {
  it('breaks no rule: sentence length, jargon, BSN and readability per text', async () => {
    const failures: string[] = [];
    for (const [key, text] of await dutchTexts()) {
      const broken = rulesBrokenBy(key, text);
      if (broken.length > 0) failures.push(`${key} "${text}"\n${broken.join('\n')}`);
    }
    expectNone(failures);
  });

  it(`reads easily overall: Flesch–Douma at least ${minOverallScore}`, async () => {
    const messages = (await dutchTexts()).filter(([key]) => !isButton(key));
    const overall = fleschDouma(addStats(messages.map(([, text]) => statsOf(text))));
    expect(overall, `Flesch–Douma over ${messages.length} texts`).to.be.at.least(minOverallScore);
  });
});

/**
 * WhatsApp's limits (Cloud API): a reply button title has at most 20 characters, a list row
 * title 24 and a text message 4096. Web Chat is held to the same, so a button reads the same
 * everywhere. Rows are built from button titles today; `.row` keys are checked if they come.
 */
const maxTitle: [suffix: string, max: number][] = [
  ['.button', 20],
  ['.row', 24],
];
const maxMessage = 4096;
/** A placeholder's value (a meeting in words, a URL) is counted at this many characters. */
const placeholderRoom = 100;

/**
 * Texts that may equal English in another language: names of languages (each in its own
 * language), and words the same in many languages.
 */
const sameAsEnglish = new Set(['Video', 'OK', 'WhatsApp', 'Chat', 'E-mail', 'Privacy']);
const isName = (key: string) => key.startsWith('language.') && isButton(key);

describe('every language folder', () => {
  let folders: string[];
  let locales: Map<string, Map<string, Leaf>>;
  before(async () => {
    folders = await localeFolders();
    locales = new Map(
      await Promise.all(folders.map(async (f) => [f, await readLocaleFolder(f)] as const)),
    );
  });

  const dutch = () => locales.get('nl') ?? new Map<string, Leaf>();

  it('includes Dutch and English', () => {
    expect(folders).to.include.members(['nl', 'en']);
  });

  it('fits WhatsApp: titles within 20 (button) or 24 (list row), messages within 4096', () => {
    const failures: string[] = [];
    for (const [folder, locale] of locales) {
      for (const [key, text] of prose(locale)) {
        const limit = maxTitle.find(([suffix]) => key.endsWith(suffix))?.[1];
        if (limit !== undefined && text.length > limit) {
          failures.push(`${folder}:${key}: title of ${text.length} characters (max ${limit})`);
        }
        const length = text.length + placeholders(text).length * placeholderRoom;
        if (length > maxMessage) {
          failures.push(`${folder}:${key}: message of ~${length} characters (max ${maxMessage})`);
        }
      }
      // "Meer weten" sends the privacy text and its link as one message.
      const privacy = ['privacy.full', 'privacy.link'].map((key) => String(locale.get(key) ?? ''));
      const joined = privacy.join('\n\n');
      const length = joined.length + placeholders(joined).length * placeholderRoom;
      if (length > maxMessage) failures.push(`${folder}:privacy.full + privacy.link: ~${length}`);
    }
    expectNone(failures);
  });

  it('has every Dutch key, with the same placeholders as Dutch', () => {
    const failures: string[] = [];
    for (const [folder, locale] of locales) {
      for (const [key, leaf] of dutch()) {
        const other = locale.get(key);
        if (other === undefined) failures.push(`${folder}:${key}: missing`);
        else if (placeholders(other).join() !== placeholders(leaf).join()) {
          failures.push(
            `${folder}:${key}: placeholders ${placeholders(other).join(', ') || 'none'}, ` +
              `Dutch has ${placeholders(leaf).join(', ') || 'none'}`,
          );
        }
      }
    }
    expectNone(failures);
  });

  it('translates: no text equal to English outside a short list of names', () => {
    const english = locales.get('en') ?? new Map<string, Leaf>();
    const failures: string[] = [];
    for (const [folder, locale] of locales) {
      if (folder === 'en') continue;
      for (const [key, text] of prose(locale)) {
        const words = text.replace(/{{\s*[\w.]+\s*}}/g, '');
        if (!readByResidents(key) || isName(key) || sameAsEnglish.has(text.trim())) continue;
        if (!/\p{L}/u.test(words)) continue; // placeholders only, such as "{{coach}} {{reasons}}.".
        if (english.get(key) === text) failures.push(`${folder}:${key}: "${text}" is English`);
      }
    }
    expectNone(failures);
  });
});
