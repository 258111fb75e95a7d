import { readdir, readFile } from 'node:fs/promises';
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

/** Filled-in texts remembered (see `filledTexts` in {@link createTranslator}). */
const maxFilledTexts = 2_000;

/**
 * Names i18next reads from a `t` call's options rather than as placeholder values: with any
 * of them the text may differ from the stored one (plural, context, other language …).
 */
const i18nextOptions: ReadonlySet<string> = new Set([
  'count',
  'context',
  'ordinal',
  'defaultValue',
  'lng',
  'lngs',
  'fallbackLng',
  'ns',
  'keyPrefix',
  'keySeparator',
  'nsSeparator',
  'returnObjects',
  'returnDetails',
  'joinArrays',
  'postProcess',
  'interpolation',
  'skipInterpolation',
  'replace',
]);

/**
 * Reads every `locales/<lng>/*.json` for every supported language, merged into one set of keys:
 * `translation.json` holds most texts, `language.json` the texts about choosing a language.
 * A key in two files of one language is a mistake, and fails loudly.
 */
export async function loadLocaleResources(root: string = projectRoot): Promise<Resource> {
  const entries = await Promise.all(
    languages.map(async (lng) => {
      const folder = join(root, 'locales', lng);
      const files = (await readdir(folder)).filter((name) => name.endsWith('.json')).sort();
      let merged: Tree = {};
      for (const name of files) {
        const data: unknown = JSON.parse(await readFile(join(folder, name), 'utf8'));
        merged = mergeTrees(merged, asTree(data, `${lng}/${name}`), `${lng}/${name}`);
      }
      return [lng, { [namespace]: merged }] as const;
    }),
  );
  return Object.fromEntries(entries) as Resource;
}

interface Tree {
  [key: string]: unknown;
}

function asTree(value: unknown, where: string): Tree {
  if (value && typeof value === 'object' && !Array.isArray(value)) return value as Tree;
  throw new Error(`locales/${where} is not a JSON object`);
}

/** Deep merge of two key trees; a key defined in both (not two objects) throws. */
function mergeTrees(into: Tree, from: Tree, where: string, path = ''): Tree {
  const out: Tree = { ...into };
  for (const [key, value] of Object.entries(from)) {
    const dotted = path ? `${path}.${key}` : key;
    const existing = out[key];
    if (existing === undefined) {
      out[key] = value;
    } else if (isTree(existing) && isTree(value)) {
      out[key] = mergeTrees(existing, value, where, dotted);
    } else {
      throw new Error(`locales/${where}: "${dotted}" is already defined in another file`);
    }
  }
  return out;
}

const isTree = (value: unknown): value is Tree =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

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
    if (options.onMissingKey && !has(lng, key, opts)) options.onMissingKey(lng, key);
  };

  // Texts without placeholders or nesting, per language and key: most of a turn's texts
  // (buttons, questions). i18next resolves each call anew, which cost a few percent of a turn.
  const plainTexts = new Map<string, string | null>();
  const plainText = (lng: Language, key: string): string | undefined => {
    const cacheKey = `${lng}\u0000${key}`;
    let text = plainTexts.get(cacheKey);
    if (text === undefined) {
      const raw: unknown =
        instance.getResource(lng, namespace, key) ??
        instance.getResource(defaultLanguage, namespace, key);
      text = typeof raw === 'string' && raw !== '' && !/\{\{|\$t\(/.test(raw) ? raw : null;
      plainTexts.set(cacheKey, text);
    }
    return text ?? undefined;
  };

  // Texts with placeholders, per language, key and values, when every value is a string,
  // finite number or boolean: a turn's greeting, privacy note and "30 dagen" come out the same for
  // every resident (the municipality's name and phone number), and i18next resolving them anew
  // cost a few percent of a first turn. In memory only, and bounded: the oldest goes first.
  const filledTexts = new Map<string, string>();
  const filledKey = (lng: Language, key: string, values: Record<string, unknown>) => {
    for (const name in values) {
      const value = values[name];
      const plain =
        typeof value === 'string' ||
        typeof value === 'boolean' ||
        (typeof value === 'number' && Number.isFinite(value)); // JSON writes NaN and ∞ as null
      if (!plain) return undefined;
    }
    return `${lng}\u0000${key}\u0000${JSON.stringify(values)}`;
  };

  return {
    t(lng, key, values = {}) {
      const count = typeof values['count'] === 'number' ? values['count'] : undefined;
      report(lng, key, count === undefined ? {} : { count });
      if (!Object.keys(values).some((name) => i18nextOptions.has(name))) {
        const plain = plainText(lng, key);
        if (plain !== undefined) return plain;
      }
      const cacheKey = filledKey(lng, key, values);
      const known = cacheKey === undefined ? undefined : filledTexts.get(cacheKey);
      if (known !== undefined) return known;
      const translated: unknown = instance.t(key, { ...values, lng });
      const text = typeof translated === 'string' ? translated : key;
      if (cacheKey !== undefined) {
        if (filledTexts.size >= maxFilledTexts) {
          filledTexts.delete(filledTexts.keys().next().value!);
        }
        filledTexts.set(cacheKey, text);
      }
      return text;
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
