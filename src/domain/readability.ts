/**
 * Plain-language measures for Dutch text (B1: short sentences, everyday words; many residents
 * read poorly or are still learning Dutch). Pure helpers; the locale check in `test/plainLanguage.test.ts` applies them
 * to every text a resident reads.
 *
 * Texts may be i18next templates: a placeholder such as `{{coach}}` counts as one word of two
 * syllables. Most values are a name, a place or a date phrase, so this neither rewards nor
 * punishes a sentence for having one.
 */

/** Counts of one text, or of several texts together. */
export interface TextStats {
  sentences: number;
  words: number;
  syllables: number;
}

const placeholder = /^\{\{\s*[\w.]+\s*\}\}$/;

/**
 * The sentences of a text: a sentence ends at `.`, `!`, `?` or `…` followed by a space, and at
 * every line break. A colon does not end one: "Typ bijvoorbeeld: dinsdagochtend." is one
 * sentence, so label-and-example lines do not make the average look shorter than it reads.
 * "13.30" is no end either (no space after the dot).
 */
export function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?…])\s+|\n+/u)
    .map((sentence) => sentence.trim())
    .filter((sentence) => wordsOf(sentence).length > 0);
}

/**
 * The words of a text: runs between spaces that hold a letter or digit, without the
 * punctuation around them. A placeholder is one word; "e-mail" and "13:30" are one word each.
 */
export function wordsOf(text: string): string[] {
  return text
    .split(/\s+/u)
    .map((token) => {
      const hole = /\{\{\s*[\w.]+\s*\}\}/.exec(token)?.[0];
      // "{{meeting}}." and "“{{value}}”" are the placeholder itself.
      if (hole && !/[\p{L}\p{N}]/u.test(token.replace(hole, ''))) return hole;
      return token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    })
    .filter((word) => word !== '');
}

/**
 * Syllables of English loanwords that the Dutch rules below count wrongly, mostly because
 * of a silent final "e" or an English vowel sound. Also used at the end of a compound
 * ("jobcoach" = job + coach).
 */
const loanwords: ReadonlyMap<string, number> = new Map([
  ['coach', 1],
  ['coaches', 2],
  ['team', 1],
  ['teams', 1],
  ['website', 2],
  ['websites', 2],
  ['online', 2],
  ['offline', 2],
  ['service', 2],
  ['update', 2],
  ['smartphone', 2],
  ['software', 2],
  ['homepage', 2],
  ['office', 2],
  ['whatsapp', 2],
  ['email', 2],
  ['chatbot', 2],
]);

/**
 * Vowel units that are one syllable, longest first: the long vowels and the diphthongs of
 * Dutch (aa, ee, oo, uu, ie, oe, ou, au, ei, ij, ui, eu), their longer forms (eeuw, ieuw:
 * the "w" is a consonant, so "eeu" and "ieu" suffice; aai, ooi, oei) and a few spellings
 * from loanwords (eau, ai, oi, ay, ey, oy).
 */
const vowelUnits = [
  'eeu',
  'ieu',
  'aai',
  'ooi',
  'oei',
  'eau',
  'aa',
  'ee',
  'oo',
  'uu',
  'ie',
  'oe',
  'ou',
  'au',
  'ei',
  'ij',
  'ui',
  'eu',
  'ai',
  'oi',
  'ay',
  'ey',
  'oy',
];

const vowel = /[aeiouy]/;

/** Syllables of one lower-case stretch of letters (no hyphens, no diaeresis). */
function syllablesOfLetters(letters: string): number {
  let count = 0;
  let i = 0;
  while (i < letters.length) {
    const rest = letters.slice(i);
    const unit = vowelUnits.find((candidate) => rest.startsWith(candidate));
    if (unit) {
      count += 1;
      i += unit.length;
    } else if (vowel.test(letters[i] ?? '')) {
      count += 1;
      i += 1;
    } else {
      i += 1;
    }
  }
  return count;
}

/** A word's syllables from the loanword list, whole or as the end of a compound. */
function loanwordSyllables(word: string): number | undefined {
  const whole = loanwords.get(word);
  if (whole !== undefined) return whole;
  for (const [loan, count] of loanwords) {
    if (word.length > loan.length + 1 && word.endsWith(loan)) {
      return countSyllables(word.slice(0, -loan.length)) + count;
    }
  }
  return undefined;
}

/**
 * Counts the syllables of a Dutch word by its vowel groups: every vowel unit (a single vowel,
 * a long vowel such as "aa", or a diphthong such as "ij", "ui", "eeuw") is one syllable.
 *
 * - A diaeresis starts a new syllable: "ideeën" = i-dee-en, "geïnteresseerd" = ge-ïn-…
 * - A final "e" counts: in Dutch it is spoken (a schwa), as in "grote", "mensen", "de". Only
 *   the English loanwords in a short list ("website", "online", "coach") are exceptions.
 * - Vowels next to each other that are no unit are separate syllables: "bioscoop" = bi-os-coop,
 *   "januari" = ja-nu-a-ri, "beantwoorden" = be-ant-woor-den.
 * - Numbers count as one syllable; abbreviations in capitals are spelled ("BSN" = 3).
 * - A placeholder (`{{coach}}`) counts as two syllables.
 * - Every word has at least one syllable.
 *
 * Limits: it does not know pronunciation. Loanwords outside the list ("toilet", "cadeau" are
 * fine; "baseball", "skate" are not), "ij" that is not a diphthong, and compounds with a
 * loanword in the middle ("teamleider") can be off by one. For a readability score over many
 * words these errors are small; it is not a hyphenation tool.
 *
 * @example countSyllables('uitkering') // 3
 * @example countSyllables('ideeën') // 3
 */
export function countSyllables(word: string): number {
  const trimmed = word.trim();
  if (placeholder.test(trimmed)) return 2;
  const bare = trimmed.replace(/[^\p{L}\p{N}-]/gu, '');
  if (bare === '') return 0;
  if (/^[\p{N}.,:-]+$/u.test(bare)) return 1;
  if (/^\p{Lu}{2,5}$/u.test(bare)) return bare.length;

  const lower = bare.toLowerCase();
  const fromLoan = loanwordSyllables(lower.replace(/-/g, ''));
  if (fromLoan !== undefined) return fromLoan;

  // A diaeresis marks a new syllable: split before it, then drop the accents.
  const parts = lower
    .normalize('NFD')
    .replace(/([aeiouy])\u0308/g, '-$1')
    .replace(/\p{M}/gu, '')
    .split(/[^a-z]+/);
  const count = parts.reduce((sum, part) => sum + syllablesOfLetters(part), 0);
  return Math.max(1, count);
}

/** Sentences, words and syllables of a text. */
export function statsOf(text: string): TextStats {
  const sentences = sentencesOf(text);
  const words = sentences.flatMap(wordsOf);
  return {
    sentences: sentences.length,
    words: words.length,
    syllables: words.reduce((sum, word) => sum + countSyllables(word), 0),
  };
}

/** The counts of several texts together, for a score over a whole set of texts. */
export function addStats(all: readonly TextStats[]): TextStats {
  return all.reduce(
    (sum, stats) => ({
      sentences: sum.sentences + stats.sentences,
      words: sum.words + stats.words,
      syllables: sum.syllables + stats.syllables,
    }),
    { sentences: 0, words: 0, syllables: 0 },
  );
}

/**
 * The Flesch–Douma reading ease (W.H. Douma, 1960), Flesch's formula adapted to Dutch:
 *
 *     206.835 − 0.93 × (words / sentences) − 77 × (syllables / words)
 *
 * Higher is easier. Roughly: above 80 easy (short everyday sentences), 60–80 plain (B1),
 * 30–60 hard (newspaper, letters from authorities), below 30 very hard (legal text). One-word
 * texts such as button titles say little; use it on sentences.
 *
 * @example fleschDouma({ sentences: 1, words: 4, syllables: 4 }) // 126.1
 */
export function fleschDouma(stats: TextStats): number {
  if (stats.words === 0 || stats.sentences === 0) return Number.NaN;
  return 206.835 - 0.93 * (stats.words / stats.sentences) - 77 * (stats.syllables / stats.words);
}

/** A hard or official word, and the plain word (or advice) to use instead. */
export interface JargonRule {
  word: string;
  instead: string;
  /** Matches the word at the start of a word, so inflections and compounds are found too. */
  pattern: RegExp;
}

/** `stem` matches at the start of a word; `whole` only as a whole word ("indien", not "indienen"). */
const rule = (word: string, instead: string, stem: string = word, whole = false): JargonRule => ({
  word,
  instead,
  pattern: new RegExp(`(?<![\\p{L}\\p{N}])(?:${stem})${whole ? '(?![\\p{L}\\p{N}])' : ''}`, 'iu'),
});

/**
 * Words from the world of benefits and official letters that residents should not meet in
 * a chat at B1 level, each with what to write instead: the benefit-office words residents
 * stumble over, and the usual officialese ("indien", "middels", "teneinde").
 */
export const jargon: readonly JargonRule[] = [
  rule('uitkeringsgerechtigde', 'iemand met een uitkering'),
  rule('re-integratietraject', 'hulp bij werk zoeken', 're-?integratietraject'),
  rule('re-integratie', 'hulp bij werk zoeken', 're-?integratie'),
  rule('participatiewet', 'laat weg, of: de regels voor bijstand'),
  rule('participatie', 'meedoen'),
  rule('klantmanager', 'coach'),
  rule('casemanager', 'coach'),
  rule('arbeidsmarkt', 'werk'),
  rule('traject', 'laat weg, of: hulp', 'traject'),
  rule('indicatie', 'laat weg, of zeg wat het is'),
  rule('zorgvuldig', 'goed, netjes'),
  rule('conform', 'zoals, volgens'),
  rule('middels', 'met'),
  rule('teneinde', 'om'),
  rule('inzake', 'over'),
  rule('derhalve', 'daarom'),
  rule('alsmede', 'en'),
  rule('woonachtig', 'wonen'),
  rule('verstrekken', 'geven', 'verstrek'),
  rule('persoonsgegevens', 'gegevens over u'),
  rule('bewaartermijn', 'hoe lang we het bewaren'),
  rule('doelgroep', 'laat weg, of: voor wie'),
  rule('intake', 'kennismaking, eerste gesprek'),
  rule('werkzoekende', 'iemand die werk zoekt'),
  rule('cliënt', 'u', 'cli[eë]nt'),
  rule('zelfredzaam', 'laat weg, of zeg wat iemand zelf kan'),
  rule('ondersteuningsbehoefte', 'waar u hulp bij wilt'),
  rule('voorziening', 'hulp'),
  rule('dienstverlening', 'hulp'),
  rule('indien', 'als', 'indien', true),
  rule('tevens', 'ook', 'tevens', true),
  rule('reeds', 'al', 'reeds', true),
  rule('thans', 'nu', 'thans', true),
  rule('echter', 'maar', 'echter', true),
  rule('omtrent', 'over'),
  rule('betreffende', 'over'),
  rule('aangaande', 'over'),
  rule('dienen te', 'moeten', 'dient te|dienen te'),
  rule('ten behoeve van', 'voor'),
  rule('ten aanzien van', 'over'),
  rule('alvorens', 'voordat'),
  rule('gelieve', 'wilt u'),
  rule('desgewenst', 'als u wilt'),
  rule('overeenkomstig', 'volgens'),
  rule('wellicht', 'misschien'),
  rule('mits', 'als', 'mits', true),
];

/** The jargon rules a text breaks. */
export function findJargon(text: string): JargonRule[] {
  return jargon.filter((candidate) => candidate.pattern.test(text));
}

/**
 * Whether a text asks for a BSN instead of saying it is not needed: the front door asks for no
 * BSN and no forms, so that anyone who wants to can start.
 * A sentence with "BSN" must also hold "geen", "nooit" or "niet", and not be a question.
 *
 * @example asksForBsn('U hoeft geen BSN te geven.') // false
 * @example asksForBsn('Wat is uw BSN?') // true
 */
export function asksForBsn(text: string): boolean {
  return sentencesOf(text).some(
    (sentence) =>
      /\bBSN\b/i.test(sentence) &&
      (sentence.trim().endsWith('?') || !/\b(geen|nooit|niet)\b/i.test(sentence)),
  );
}
