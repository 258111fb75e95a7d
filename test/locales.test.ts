import { expect } from 'chai';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { languages, type Language } from '../src/domain/language.js';
import { createTranslator, loadLocaleResources } from '../src/i18n.js';
import { projectRoot } from '../src/paths.js';
import { placeholders, prose, readLocaleFolder, type Leaf } from './localeFiles.js';

/** The locale files of one language, by name: every language has the files Dutch has. */
async function localeFiles(lng: Language): Promise<string[]> {
  const folder = join(projectRoot, 'locales', lng);
  return (await readdir(folder)).filter((file) => file.endsWith('.json')).sort();
}

/** The plural forms a language needs (Arabic has six, Polish and Ukrainian four, Dutch two). */
const pluralForms = (lng: Language): string[] =>
  [...new Intl.PluralRules(lng).resolvedOptions().pluralCategories].sort();

const isPlural = (key: string) => /_(zero|one|two|few|many|other)$/.test(key);

const baseKey = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');

/**
 * Keys used outside dialogs/: the turn error handler (src/bot), and the handoff text's keys
 * that src/planner/handoffText.ts builds from the intent and the way of meeting.
 */
const keysUsedOutsideDialogs = [
  'error.apology',
  'error.storeDown',
  ...['work', 'meaningful', 'talk'].map((intent) => `handoff.intents.${intent}`),
  ...['location', 'walk', 'phone', 'video'].map((form) => `handoff.forms.${form}`),
];

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(join(projectRoot, dir), { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Every dotted-identifier string literal in dialogs/: these are translation keys. */
async function keysUsedInDialogs(): Promise<Set<string>> {
  const keys = new Set<string>();
  // The web page around the chat uses the `page.*` keys.
  const page = await readFile(join(projectRoot, 'src/http/webChat.ts'), 'utf8');
  for (const match of page.matchAll(/'(page\.[a-zA-Z]+)'/g)) keys.add(match[1] ?? '');
  // The coach's calendar text (in Dutch) uses the `handoff.*` keys.
  const handoff = await readFile(join(projectRoot, 'src/planner/handoffText.ts'), 'utf8');
  for (const match of handoff.matchAll(/'(handoff\.[a-zA-Z.]+)'/g)) keys.add(match[1] ?? '');
  // The WhatsApp channel labels its list button with a `whatsapp.*` key; the outbox's notices use `outbox.*`.
  for (const file of await sourceFiles('src/channels')) {
    const source = await readFile(file, 'utf8');
    for (const match of source.matchAll(/'((?:whatsapp|outbox)\.[a-zA-Z.]+)'/g))
      keys.add(match[1] ?? '');
  }
  for (const file of await sourceFiles('dialogs')) {
    const source = await readFile(file, 'utf8');
    for (const match of source.matchAll(/'([a-z][A-Za-z]*(?:\.[a-z][A-Za-z]*)+)'/g)) {
      keys.add(match[1] ?? '');
    }
  }
  return keys;
}

describe('locales', () => {
  let locales: Record<Language, Map<string, Leaf>>;
  before(async () => {
    const entries = await Promise.all(
      languages.map(async (lng) => [lng, await readLocaleFolder(lng)] as const),
    );
    locales = Object.fromEntries(entries) as Record<Language, Map<string, Leaf>>;
  });

  it('has the same files in every language', async () => {
    const dutch = await localeFiles('nl');
    for (const lng of languages) expect(await localeFiles(lng), lng).to.deep.equal(dutch);
  });

  it('has the same keys in every language, plural keys in the forms the language needs', () => {
    const singular = (lng: Language) => [...locales[lng].keys()].filter((key) => !isPlural(key));
    const plurals = (lng: Language) =>
      [...new Set([...locales[lng].keys()].filter(isPlural).map(baseKey))].sort();
    const dutch = singular('nl').sort();
    for (const lng of languages) {
      expect(singular(lng).sort(), lng).to.deep.equal(dutch);
      expect(plurals(lng), lng).to.deep.equal(plurals('nl'));
      for (const base of plurals(lng)) {
        const forms = [...locales[lng].keys()]
          .filter((key) => isPlural(key) && baseKey(key) === base)
          .map((key) => key.slice(base.length + 1))
          .sort();
        expect(forms, `${lng}:${base}`).to.include.members(pluralForms(lng));
      }
    }
  });

  it('uses the same placeholders for a key in every language', () => {
    for (const [key, leaf] of locales.nl) {
      for (const lng of languages) {
        const other = locales[lng].get(isPlural(key) ? `${baseKey(key)}_other` : key);
        expect(other, `${lng}:${key}`).to.not.equal(undefined);
        expect(placeholders(other ?? ''), `${lng}:${key}`).to.deep.equal(placeholders(leaf));
      }
    }
  });

  it('keeps every button title within 20 characters, without placeholders (WhatsApp)', () => {
    for (const lng of languages) {
      const titles = [...locales[lng]].filter(([key]) => key.endsWith('.button'));
      expect(titles.length, lng).to.be.greaterThan(5);
      for (const [key, title] of titles) {
        expect(title, `${lng}:${key}`).to.be.a('string');
        expect(title.length, `${lng}:${key} "${String(title)}"`).to.be.at.most(20);
        expect(placeholders(title), `${lng}:${key}`).to.deep.equal([]);
      }
    }
  });

  it('has every key the dialogs use, in every language', async () => {
    const used = await keysUsedInDialogs();
    expect(used.size).to.be.greaterThan(20);
    for (const lng of languages) {
      const available = new Set([...locales[lng].keys()].map(baseKey));
      for (const key of [...used, ...keysUsedOutsideDialogs]) {
        expect(available.has(key), `${lng}:${key}`).to.equal(true);
      }
    }
  });

  it('has no keys that nothing uses', async () => {
    const used = new Set([...(await keysUsedInDialogs()), ...keysUsedOutsideDialogs]);
    const unused = [...locales.nl.keys()].map(baseKey).filter((key) => !used.has(key));
    expect(unused).to.deep.equal([]);
  });

  it('has the texts the turn error handler sends', () => {
    expect(locales.nl.get('error.apology')).to.include('Probeer het nog eens');
    expect(placeholders(locales.nl.get('error.storeDown') ?? '')).to.deep.equal(['phone']);
  });

  it('keeps synonym lists as non-empty lists of non-empty strings', () => {
    for (const lng of languages) {
      for (const [key, leaf] of locales[lng]) {
        if (!key.endsWith('.synonyms')) continue;
        expect(leaf, `${lng}:${key}`).to.be.an('array').with.length.greaterThan(0);
        for (const word of leaf) expect(word.trim(), `${lng}:${key}`).to.not.equal('');
      }
    }
  });

  it('never lets one typed phrase mean two different things', () => {
    const normalize = (s: string) =>
      s
        .normalize('NFKD')
        .replace(/\p{M}/gu, '')
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim();
    for (const lng of languages) {
      const owner = new Map<string, string>();
      for (const [key, leaf] of locales[lng]) {
        if (!key.endsWith('.synonyms') && !key.endsWith('.button')) continue;
        if (key.startsWith('language.')) continue;
        const group = key.replace(/\.(synonyms|button)$/, '');
        for (const phrase of [leaf].flat().map(normalize)) {
          const previous = owner.get(phrase);
          expect(
            previous === undefined || previous === group,
            `${lng}: "${phrase}" in ${previous} and ${group}`,
          ).to.equal(true);
          owner.set(phrase, group);
        }
      }
    }
  });

  it('writes short sentences (B1: at most 15 words)', () => {
    for (const lng of languages) {
      for (const [key, text] of prose(locales[lng])) {
        for (const sentence of text.split(/[.!?:؟]\s+|\n+/)) {
          const words = sentence.split(/\s+/).filter((w) => /[\p{L}\p{N}{]/u.test(w));
          expect(words.length, `${lng}:${key} "${sentence}"`).to.be.at.most(15);
        }
      }
    }
  });

  it('addresses the resident as "u" in Dutch, never "je" or "jij"', () => {
    for (const [key, text] of prose(locales.nl)) {
      expect(text, `nl:${key}`).to.not.match(/\b(je|jij|jou|jouw|jullie)\b/i);
    }
  });
});

describe('translator', () => {
  it('fills placeholders and leaves HTML characters alone (chat output is not HTML)', async () => {
    const i18n = await createTranslator();
    expect(i18n.t('nl', 'error.storeDown', { phone: '<14 0123> & co' })).to.include(
      '<14 0123> & co',
    );
  });

  it('picks the plural form by count', async () => {
    const i18n = await createTranslator();
    expect(i18n.t('nl', 'common.days', { count: 1 })).to.equal('1 dag');
    expect(i18n.t('nl', 'common.days', { count: 30 })).to.equal('30 dagen');
    expect(i18n.t('en', 'common.days', { count: 1 })).to.equal('1 day');
  });

  it('returns synonym lists as arrays of strings', async () => {
    const i18n = await createTranslator();
    expect(i18n.list('nl', 'intent.work.synonyms')).to.include('werk');
    expect(i18n.list('en', 'intent.work.synonyms')).to.include('job');
  });

  it('reports a key that does not exist', async () => {
    const missing: string[] = [];
    const i18n = await createTranslator({
      onMissingKey: (lng, key) => missing.push(`${lng}:${key}`),
    });
    i18n.t('en', 'welcome.doesNotExist');
    i18n.list('nl', 'intent.nothing.synonyms');
    expect(missing).to.deep.equal(['en:welcome.doesNotExist', 'nl:intent.nothing.synonyms']);
    expect(i18n.has('nl', 'welcome.greeting')).to.equal(true);
    expect(i18n.has('nl', 'common.days', { count: 2 })).to.equal(true);
  });

  it('falls back to Dutch for a key missing in English, and still reports it', async () => {
    const missing: string[] = [];
    const i18n = await createTranslator({
      resources: {
        nl: { translation: { only: { dutch: 'Alleen Nederlands' } } },
        en: { translation: {} },
      },
      onMissingKey: (lng, key) => missing.push(`${lng}:${key}`),
    });
    expect(i18n.t('en', 'only.dutch')).to.equal('Alleen Nederlands');
    expect(missing).to.deep.equal(['en:only.dutch']);
  });

  it('loads a resource bundle for every supported language', async () => {
    const resources = await loadLocaleResources();
    expect(Object.keys(resources).sort()).to.deep.equal([...languages].sort());
  });

  it('keeps its own i18next instance, so the global one stays untouched', async () => {
    const { default: i18next } = await import('i18next');
    await createTranslator();
    expect(i18next.isInitialized).to.not.equal(true);
  });
});
