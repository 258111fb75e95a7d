/**
 * The languages a resident can use. Dutch is the default. Later issues add more; every
 * language needs a folder under `locales/` with the same keys.
 */
export const languages = ['nl', 'en'] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = 'nl';

/** BCP 47 tag used on activities and for Web Chat's own UI strings and layout direction. */
export const languageTags: Record<Language, string> = {
  nl: 'nl-NL',
  en: 'en-US',
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/** Maps a BCP 47 tag such as `nl-BE` or `en` to a supported language, if any. */
export function languageFromTag(tag: string | undefined): Language | undefined {
  const base = tag?.toLowerCase().split(/[-_]/)[0];
  return isLanguage(base) ? base : undefined;
}

/**
 * What residents type to ask for a language: its own name, its Dutch name and its English
 * name, without accents, in lower case. Recognition data, not user-facing text.
 */
const languageNames: Record<Language, readonly string[]> = {
  nl: ['nederlands', 'dutch', 'hollands', 'vlaams', 'netherlands', 'nederlandse'],
  en: ['english', 'engels', 'engelse', 'inglese', 'ingles', 'anglais'],
};

/** Words around a language name that do not change what is asked ("in het Engels graag"). */
const languageFillers = new Set(
  (
    'in het de op naar taal graag alstublieft aub ajb svp ik wil spreek liever kan kunnen we ' +
    'verder gaan praten schrijven mag please pls i speak want prefer language to switch ' +
    'change can talk write continue do you'
  ).split(' '),
);

/**
 * Recognises a request for a language in a short message: "English", "Engels graag",
 * "in het Nederlands", "Dutch please". Longer sentences that merely mention a language
 * ("I speak a little Dutch and want work") are not a request and give `undefined`.
 *
 * @example languageFromName('Engels, graag!') // 'en'
 */
export function languageFromName(text: string): Language | undefined {
  const words = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
  const meaningful = words.filter((word) => !languageFillers.has(word));
  if (meaningful.length !== 1) return undefined;
  const [name] = meaningful;
  return languages.find((language) => languageNames[language].includes(name ?? ''));
}
