import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import i18next, { type Resource } from 'i18next';
import { defaultLanguage, languages, type Language } from './domain/language.js';
import { projectRoot } from './paths.js';

/** Every user-facing string comes through here; dialogs never hold prose themselves. */
export interface Translator {
  /** The text for `key` in `lng`, with `{{placeholders}}` filled from `options`. */
  t(lng: Language, key: string, options?: Record<string, unknown>): string;
  /** A list of strings, such as the words that mean a choice (`returnObjects`). */
  list(lng: Language, key: string): string[];
  /** Whether `lng` itself has `key` (no fallback to Dutch), counting plural forms. */
  has(lng: Language, key: string, options?: { count?: number }): boolean;
}

export interface TranslatorOptions {
  /**
   * Called when a key is missing in the asked language, even if the Dutch fallback filled
   * it. Tests collect these so a missing or misspelled key fails the test run.
   */
  onMissingKey?: (lng: Language, key: string) => void;
  /** Resources to use instead of the locale files (tests of the translator itself). */
  resources?: Resource;
}

const namespace = 'translation';

/** Reads `locales/<lng>/translation.json` for every supported language. */
export async function loadLocaleResources(root: string = projectRoot): Promise<Resource> {
  const entries = await Promise.all(
    languages.map(async (lng) => {
      const file = join(root, 'locales', lng, `${namespace}.json`);
      const data: unknown = JSON.parse(await readFile(file, 'utf8'));
      return [lng, { [namespace]: data }] as const;
    }),
  );
  return Object.fromEntries(entries) as Resource;
}

/**
 * Creates the translator on its own i18next instance, so nothing else in the process can
 * change its language or resources. Dutch is the fallback language.
 */
export async function createTranslator(options: TranslatorOptions = {}): Promise<Translator> {
  const instance = i18next.createInstance();
  await instance.init({
    resources: options.resources ?? (await loadLocaleResources()),
    lng: defaultLanguage,
    fallbackLng: defaultLanguage,
    supportedLngs: [...languages],
    ns: [namespace],
    defaultNS: namespace,
    initAsync: false,
    returnNull: false,
    // Output goes to chat channels as plain text or Markdown, never into HTML.
    interpolation: { escapeValue: false },
  });

  const has = (lng: Language, key: string, opts: { count?: number } = {}): boolean =>
    instance.exists(key, { lngs: [lng], ...opts });

  const report = (lng: Language, key: string, opts: { count?: number } = {}): void => {
    if (!has(lng, key, opts)) options.onMissingKey?.(lng, key);
  };

  return {
    t(lng, key, values = {}) {
      const count = typeof values['count'] === 'number' ? values['count'] : undefined;
      report(lng, key, count === undefined ? {} : { count });
      const text: unknown = instance.t(key, { ...values, lng });
      return typeof text === 'string' ? text : key;
    },
    list(lng, key) {
      const found = has(lng, key);
      if (!found) options.onMissingKey?.(lng, key);
      const value: unknown = instance.t(key, { lng, returnObjects: true });
      if (!Array.isArray(value)) {
        // Present but not a list is as broken as missing.
        if (found) options.onMissingKey?.(lng, key);
        return [];
      }
      return value.filter((item): item is string => typeof item === 'string');
    },
    has,
  };
}
