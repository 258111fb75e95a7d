/**
 * Recognises a short message that asks about languages: a language by name ("Engels graag",
 * "po polsku", "بالعربي"), the list of languages ("taal", "Language"), or a language Voordeur
 * does not speak ("Deutsch bitte").
 */
import { foldWord } from './foldWord.js';
import type { Language } from './language.js';

const words = (text: string): string[] =>
  foldWord(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');

/**
 * What residents type to ask for a language: its own name and its name in each of the other
 * languages (and in Russian, which many Ukrainians also write), with the forms that mean "in
 * …" ("po polsku", "українською", "بالعربي"). Recognition data, not user-facing text; folded
 * with {@link foldWord} when compared, so "Türkçe", "turkce" and "TURKÇE" are one name.
 */
const languageNames: Record<Language, readonly string[]> = {
  nl: [
    'nederlands',
    'nederlandse',
    'hollands',
    'vlaams',
    'dutch',
    'netherlands',
    'hollandaca',
    'felemenkçe',
    'niderlandzki',
    'holenderski',
    'niderlandzku',
    'holendersku',
    'нідерландська',
    'нідерландською',
    'голландська',
    'голландською',
    'нидерландский',
    'голландский',
    'الهولندية',
    'هولندي',
    'هولندية',
    'بالهولندي',
    'بالهولندية',
  ],
  en: [
    'english',
    'engels',
    'engelse',
    'inglese',
    'ingles',
    'anglais',
    'ingilizce',
    'angielski',
    'angielsku',
    'англійська',
    'англійською',
    'английский',
    'الإنجليزية',
    'الانكليزية',
    'إنجليزي',
    'انكليزي',
    'بالإنجليزي',
    'بالانجليزية',
    'بالانكليزي',
  ],
  ar: [
    'العربية',
    'عربي',
    'عربية',
    'بالعربي',
    'بالعربية',
    'arabic',
    'arabisch',
    'arabische',
    'arabe',
    'arapça',
    'arabski',
    'arabsku',
    'арабська',
    'арабською',
    'арабский',
  ],
  tr: [
    'türkçe',
    'turks',
    'turkse',
    'turkish',
    'turc',
    'turecki',
    'turecku',
    'турецька',
    'турецькою',
    'турецкий',
    'التركية',
    'تركي',
    'بالتركي',
  ],
  pl: [
    'polski',
    'polsku',
    'polskim',
    'pools',
    'poolse',
    'polish',
    'polonais',
    'lehçe',
    'польська',
    'польською',
    'польский',
    'البولندية',
    'بولندي',
  ],
  uk: [
    'українська',
    'українською',
    'украинский',
    'oekraïens',
    'oekraïense',
    'ukrainian',
    'ukrainien',
    'ukraynaca',
    'ukraiński',
    'ukraińsku',
    'الأوكرانية',
    'أوكراني',
  ],
};

/**
 * Languages Voordeur does not speak (yet), by the names residents would type: asking for one
 * gets the list of languages that are there instead of "not understood".
 */
const otherLanguageNames: readonly string[] = [
  'frans',
  'french',
  'français',
  'duits',
  'german',
  'deutsch',
  'almanca',
  'spaans',
  'spanish',
  'español',
  'russisch',
  'russian',
  'русский',
  'російська',
  'perzisch',
  'farsi',
  'persian',
  'dari',
  'فارسی',
  'somalisch',
  'somali',
  'soomaali',
  'tigrinya',
  'tigrinja',
  'ትግርኛ',
  'koerdisch',
  'kurdish',
  'kurdî',
  'portugees',
  'portuguese',
  'português',
  'italiaans',
  'italian',
  'italiano',
  'roemeens',
  'romanian',
  'română',
  'bulgaars',
  'bulgarian',
  'chinees',
  'chinese',
  '中文',
];

/**
 * The words for "language" itself: alone ("taal", "Language", "dil", "мова", "اللغة"), or with
 * fillers ("andere taal", "change language"), they ask for the list of languages.
 */
const languageWords: readonly string[] = [
  'taal',
  'talen',
  'language',
  'languages',
  'dil',
  'język',
  'języki',
  'мова',
  'мову',
  'язык',
  'اللغة',
  'لغة',
  'اللغات',
];

/** Words around a language name that do not change what is asked ("in het Engels graag"). */
const languageFillers: readonly string[] = [
  ...'in het de op naar andere anders een taal graag alstublieft aub ajb svp ik wil spreek liever kan kunnen we verder gaan praten schrijven mag kiezen kies wijzigen veranderen'.split(
    ' ',
  ),
  ...'please pls i speak want prefer language to switch change can talk write continue do you other choose another in'.split(
    ' ',
  ),
  ...'lütfen dil dilde dilinde başka konuş konuşalım konuşmak yazın devam edelim istiyorum değiştir seç'.split(
    ' ',
  ),
  ...'po w proszę poproszę język języku inny zmień wybierz chcę mówić pisać możemy rozmawiać'.split(
    ' ',
  ),
  ...'будь ласка мова мову мовою інша змінити обрати я хочу говорити писати можна'.split(' '),
  ...'من فضلك لو سمحت اللغة لغة اللغات أريد اريد تغيير اختيار أخرى باللغة'.split(' '),
  // Around the names of languages Voordeur does not speak: "Deutsch bitte", "français svp".
  ...'bitte por favor'.split(' '),
];

const fold = (list: readonly string[]): Set<string> => new Set(list.map(foldWord));
// From the table's own keys, in the order of `languages`: importing the list from language.ts
// would be a cycle, as language.ts re-exports this module.
const named = Object.keys(languageNames) as Language[];
const foldedNames = new Map(named.map((language) => [language, fold(languageNames[language])]));
const foldedOtherNames = fold(otherLanguageNames);
const foldedLanguageWords = fold(languageWords);
const foldedFillers = fold(languageFillers);

/** What a short message asks about languages. */
export type LanguageRequest =
  /** A supported language by name: "English", "Türkçe", "po polsku", "بالعربي". */
  | { kind: 'language'; language: Language }
  /** The list of languages: "taal", "Language", "andere taal", "dil", "мова". */
  | { kind: 'choose' }
  /** A language Voordeur does not speak: "Français", "Deutsch bitte", "русский". */
  | { kind: 'unsupported' };

/**
 * Recognises a request about languages in a short message: one language name with at most
 * some filler words ("Engels graag", "in het Nederlands", "po polsku", "українською будь
 * ласка"), or the word "language" alone. Longer sentences that merely mention a language ("I
 * speak a little Dutch and want work") are not a request and give `undefined`.
 *
 * @example recognizeLanguageRequest('Engels, graag!') // { kind: 'language', language: 'en' }
 * @example recognizeLanguageRequest('Taal / Language') // { kind: 'choose' }
 */
export function recognizeLanguageRequest(text: string): LanguageRequest | undefined {
  const all = words(text);
  if (all.length === 0 || all.length > 6) return undefined;
  const meaningful = all.filter((word) => !foldedFillers.has(word));
  if (meaningful.length === 0) {
    return all.some((word) => foldedLanguageWords.has(word)) ? { kind: 'choose' } : undefined;
  }
  if (meaningful.length !== 1) return undefined;
  const [name = ''] = meaningful;
  const language = named.find((candidate) => foldedNames.get(candidate)?.has(name));
  if (language) return { kind: 'language', language };
  return foldedOtherNames.has(name) ? { kind: 'unsupported' } : undefined;
}

/**
 * A supported language asked for by name, or `undefined`.
 *
 * @example languageFromName('Engels, graag!') // 'en'
 */
export function languageFromName(text: string): Language | undefined {
  const request = recognizeLanguageRequest(text);
  return request?.kind === 'language' ? request.language : undefined;
}
