import { foldWord } from './foldWord.js';
import type { Language } from './language.js';
import { greetingsIn } from './languageDetection/greetings.js';
import { statisticalGuess } from './languageDetection/statistics.js';

/**
 * What language a message is written in, as far as it can be told with confidence.
 *
 * - `supported`: one of Voordeur's languages. `how` says what told it: the alphabet (Arabic,
 *   Cyrillic), a greeting ("merhaba", "dzień dobry"), letters only one language uses (Turkish ğ ı
 *   ş, Polish ą ę ł ń ś ź ż), or the statistical detector on a sentence.
 * - `unsupported`: clearly a language Voordeur does not speak ("bonjour", Tigrinya script).
 * - `mixed`: two of Voordeur's languages in one message: better to ask than to guess.
 * - `unknown`: too short, only emoji, digits or names, or nothing certain.
 */
export type DetectedLanguage =
  | { kind: 'supported'; language: Language; how: DetectionSignal }
  | { kind: 'unsupported' }
  | { kind: 'mixed'; languages: Language[] }
  | { kind: 'unknown' };

export type DetectionSignal = 'script' | 'greeting' | 'letters' | 'statistics';

export interface DetectionOptions {
  /**
   * Whether the statistical detector may decide for sentences in the Latin alphabet. Its
   * guesses are good on sentences but not perfect, so callers use it only on a resident's first
   * message; greetings, alphabets and letters are trusted always.
   */
  statistics?: boolean;
}

/** Letters that, among the languages residents write, only Turkish or only Polish uses. */
const turkishLetters = /[ğışİĞŞ]/u;
const polishLetters = /[ąęłńśźżĄĘŁŃŚŹŻ]/u;
/** Arabic-script letters that Arabic does not use: Persian, Urdu, Kurdish and Pashto writing. */
const nonArabicLetters = /[پچژگکیۆێڵڕٹڈڑںےۍ]/u;

/** Fewer words than this are never left to statistics: single words fool every detector. */
const minWordsForStatistics = 2;
const minWordsForUnsupported = 3;

/** Button values typed or sent as text ("intent:work", "lang:tr") are not a language. */
const machineValue = /^[a-z]+:[\w:.-]+$/i;

/**
 * Tells which language a chat message is in, or says honestly that it cannot tell. Measured on
 * short greetings and requests in Voordeur's six languages and in French, German, Spanish,
 * Russian and Persian: see `test/domain/languageDetection.test.ts`.
 *
 * Async only because the statistical detector is loaded on first use.
 *
 * @example detectLanguage('merhaba') // { kind: 'supported', language: 'tr', how: 'greeting' }
 * @example detectLanguage('مرحبا') // { kind: 'supported', language: 'ar', how: 'script' }
 * @example detectLanguage('bonjour') // { kind: 'unsupported' }
 * @example detectLanguage('👍') // { kind: 'unknown' }
 */
export async function detectLanguage(
  text: string,
  options: DetectionOptions = {},
): Promise<DetectedLanguage> {
  if (machineValue.test(text.trim())) return { kind: 'unknown' };
  const scripts = lettersPerScript(text);
  const total = scripts.latin + scripts.arabic + scripts.cyrillic + scripts.other;
  if (total === 0) return { kind: 'unknown' };

  // A few letters of another alphabet (a name, an "ok") do not make a message mixed.
  const significant = (count: number) => count >= 2 && count / total >= 0.2;
  const found: Language[] = [];
  if (significant(scripts.arabic)) {
    if (nonArabicLetters.test(text)) return { kind: 'unsupported' };
    found.push('ar');
  }
  // Ukrainian is the one Cyrillic language here; Russian speakers are offered it too.
  if (significant(scripts.cyrillic)) found.push('uk');
  if (significant(scripts.other) && found.length === 0 && !significant(scripts.latin)) {
    return { kind: 'unsupported' };
  }
  if (significant(scripts.latin)) {
    const latin = await detectLatin(text, options);
    if (latin.kind === 'supported' && found.length === 0) return latin;
    if (latin.kind === 'supported') found.push(latin.language);
    else if (latin.kind === 'mixed') found.push(...latin.languages);
    else if (latin.kind === 'unsupported' && found.length === 0) return latin;
  }
  if (found.length > 1) return { kind: 'mixed', languages: found };
  const [only] = found;
  return only ? { kind: 'supported', language: only, how: 'script' } : { kind: 'unknown' };
}

async function detectLatin(text: string, options: DetectionOptions): Promise<DetectedLanguage> {
  const folded = foldWord(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  const said = greetingsIn(folded);
  if (said.supported.length > 1) return { kind: 'mixed', languages: said.supported };
  const [greeting] = said.supported;
  // Only greetings: they tell the language ("merhaba", "dzień dobry", "bonjour").
  if (said.onlyGreetings) {
    if (greeting) return { kind: 'supported', language: greeting, how: 'greeting' };
    if (said.other) return { kind: 'unsupported' };
  }

  const turkish = turkishLetters.test(text);
  const polish = polishLetters.test(text);
  if (turkish && polish) return { kind: 'mixed', languages: ['tr', 'pl'] };
  if (turkish) return { kind: 'supported', language: 'tr', how: 'letters' };
  if (polish) return { kind: 'supported', language: 'pl', how: 'letters' };

  const wordCount = folded.split(' ').length;
  if (options.statistics && wordCount >= minWordsForStatistics) {
    const found = await statisticalGuess(text);
    if (found === 'nl' || found === 'en' || found === 'tr' || found === 'pl') {
      return { kind: 'supported', language: found, how: 'statistics' };
    }
    // Saying "I do not speak that" costs the resident their message: only on a sentence.
    if (found === 'other' && wordCount >= minWordsForUnsupported) return { kind: 'unsupported' };
  }
  // A greeting followed by words nothing else could place: "merhaba, iş lazım".
  if (greeting) return { kind: 'supported', language: greeting, how: 'greeting' };
  return said.other && said.startsWithGreeting ? { kind: 'unsupported' } : { kind: 'unknown' };
}

/** How many letters of each alphabet a text holds. */
function lettersPerScript(text: string): {
  latin: number;
  arabic: number;
  cyrillic: number;
  other: number;
} {
  const count = { latin: 0, arabic: 0, cyrillic: 0, other: 0 };
  for (const char of text) {
    if (!/\p{L}/u.test(char)) continue;
    if (/\p{Script=Latin}/u.test(char)) count.latin += 1;
    else if (/\p{Script=Arabic}/u.test(char)) count.arabic += 1;
    else if (/\p{Script=Cyrillic}/u.test(char)) count.cyrillic += 1;
    else count.other += 1;
  }
  return count;
}
