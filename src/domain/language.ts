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

/** Whether a value (from state, a button or a tag) is one of the supported languages. */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/** Maps a BCP 47 tag such as `nl-BE`, `ar-EG` or `en` to a supported language, if any. */
export function languageFromTag(tag: string | undefined): Language | undefined {
  const base = tag?.toLowerCase().split(/[-_]/)[0];
  return isLanguage(base) ? base : undefined;
}

// Re-exported so that importers keep one entry for everything about languages.
export { foldWord } from './foldWord.js';
export {
  languageFromName,
  recognizeLanguageRequest,
  type LanguageRequest,
} from './languageRequest.js';
