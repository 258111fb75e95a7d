/**
 * The languages a resident can use. Dutch is the default. Every language needs a folder under
 * `locales/` with the same files and keys as Dutch.
 */
export const languages = ['nl', 'en', 'ar', 'tr', 'pl', 'uk'] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = 'nl';

/**
 * BCP 47 tag used on activities and for Web Chat's own UI strings and layout direction
 * (Web Chat has `ar-EG`, `tr-TR`, `pl-PL` and `uk-UA`; `ar-EG` mirrors the layout).
 */
export const languageTags: Record<Language, string> = {
  nl: 'nl-NL',
  en: 'en-US',
  ar: 'ar-EG',
  tr: 'tr-TR',
  pl: 'pl-PL',
  uk: 'uk-UA',
};

/** Writing direction: Arabic is written right to left. */
export const textDirection: Record<Language, 'ltr' | 'rtl'> = {
  nl: 'ltr',
  en: 'ltr',
  ar: 'rtl',
  tr: 'ltr',
  pl: 'ltr',
  uk: 'ltr',
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/** Maps a BCP 47 tag such as `nl-BE`, `ar-EG` or `en` to a supported language, if any. */
export function languageFromTag(tag: string | undefined): Language | undefined {
  const base = tag?.toLowerCase().split(/[-_]/)[0];
  return isLanguage(base) ? base : undefined;
}

/**
 * Lower case, no accents or Arabic vowel marks, no tatweel, one spelling of the Arabic letters
 * that are written either way (ى/ي, ة/ه), Turkish ı as i: the form in which typed words are
 * compared.
 */
export function foldWord(word: string): string {
  return word
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ı/g, 'i') // Turkish dotless i: "hayır" and "hayir" are typed alike
    .replace(/\u0640/g, '') // tatweel, the stretching stroke
    .replace(/\u0649/g, '\u064a') // alef maksura → yeh
    .replace(/\u0629/g, '\u0647'); // teh marbuta → heh
}

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
const foldedNames = new Map(languages.map((language) => [language, fold(languageNames[language])]));
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
  const language = languages.find((candidate) => foldedNames.get(candidate)?.has(name));
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
