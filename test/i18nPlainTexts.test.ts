import { expect } from 'chai';
import i18next, { type Resource } from 'i18next';
import { defaultLanguage, languages, type Language } from '../src/domain/language.js';
import { createTranslator, loadLocaleResources } from '../src/i18n.js';

/** i18next as the translator configures it, without the translator's shortcut for plain texts. */
async function plainI18next(resources: Resource) {
  const instance = i18next.createInstance();
  await instance.init({
    resources,
    lng: defaultLanguage,
    fallbackLng: defaultLanguage,
    supportedLngs: [...languages],
    ns: ['translation'],
    defaultNS: 'translation',
    initAsync: false,
    returnNull: false,
    interpolation: { escapeValue: false },
  });
  return (lng: Language, key: string, values: Record<string, unknown> = {}) =>
    instance.t(key, { ...values, lng }) as unknown;
}

/** Every dotted key of a resource tree whose value is not an object. */
function leafKeys(tree: unknown, path = ''): string[] {
  if (typeof tree !== 'object' || tree === null || Array.isArray(tree)) return [path];
  return Object.entries(tree).flatMap(([key, value]) =>
    leafKeys(value, path ? `${path}.${key}` : key),
  );
}

describe('the translator’s remembered texts', () => {
  it('gives what i18next gives for every key of every language, with and without values', async () => {
    const resources = await loadLocaleResources();
    const i18n = await createTranslator({ resources });
    const reference = await plainI18next(resources);
    const keys = new Set(languages.flatMap((lng) => leafKeys(resources[lng]?.['translation'])));
    const values = { municipality: 'Ons Dorp', phone: '14 0123', name: 'Anna' };
    let compared = 0;
    for (const lng of languages) {
      for (const key of keys) {
        const expected = reference(lng, key, values);
        if (typeof expected !== 'string') continue;
        // Twice: the second call comes from the translator's cache.
        expect(i18n.t(lng, key, values), `${lng} ${key}`).to.equal(expected);
        expect(i18n.t(lng, key, values), `${lng} ${key}`).to.equal(expected);
        expect(i18n.t(lng, key), `${lng} ${key}`).to.equal(reference(lng, key));
        compared++;
      }
    }
    expect(compared).to.be.greaterThan(languages.length * 100);
  });

  it('falls back to Dutch, fills placeholders, counts plurals and reports missing keys each time', async () => {
    const resources: Resource = {
      nl: {
        translation: {
          only: 'Alleen in het Nederlands.',
          hello: 'Hallo {{name}}.',
          meetings_one: 'Eén afspraak.',
          meetings_other: '{{count}} afspraken.',
          empty: '',
        },
      },
      en: { translation: { hello: 'Hello {{name}}.' } },
    };
    const missing: string[] = [];
    const i18n = await createTranslator({
      resources,
      onMissingKey: (lng, key) => missing.push(`${lng}:${key}`),
    });
    const reference = await plainI18next(resources);
    for (let round = 0; round < 2; round++) {
      expect(i18n.t('en', 'only')).to.equal('Alleen in het Nederlands.');
      expect(i18n.t('en', 'hello', { name: 'Anna' })).to.equal('Hello Anna.');
      expect(i18n.t('nl', 'meetings', { count: 1 })).to.equal('Eén afspraak.');
      expect(i18n.t('nl', 'meetings', { count: 3 })).to.equal('3 afspraken.');
      expect(i18n.t('nl', 'nowhere')).to.equal('nowhere');
      expect(i18n.t('nl', 'empty')).to.equal(reference('nl', 'empty'));
      expect(i18n.t('nl', 'only', { context: 'formal' })).to.equal(
        reference('nl', 'only', { context: 'formal' }),
      );
    }
    expect(missing).to.deep.equal(['en:only', 'nl:nowhere', 'en:only', 'nl:nowhere']);
  });

  it('fills each set of values anew, remembers only plain values, and stays right past its bound', async () => {
    const resources: Resource = {
      nl: {
        translation: {
          hello: 'Hallo {{name}}, bel {{phone}}.',
          days_one: '1 dag',
          days_other: '{{count}} dagen',
        },
      },
    };
    const i18n = await createTranslator({ resources });
    const reference = await plainI18next(resources);
    for (let i = 0; i < 2_500; i++) {
      const values = { name: `Bewoner ${i % 2_100}`, phone: i };
      expect(i18n.t('nl', 'hello', values)).to.equal(reference('nl', 'hello', values));
      expect(i18n.t('nl', 'days', { count: i % 3 })).to.equal(
        reference('nl', 'days', { count: i % 3 }),
      );
    }
    // NaN and Infinity would be the same key in JSON; each reads as itself.
    expect(i18n.t('nl', 'hello', { name: 'A', phone: NaN })).to.equal('Hallo A, bel NaN.');
    expect(i18n.t('nl', 'hello', { name: 'A', phone: Infinity })).to.equal(
      'Hallo A, bel Infinity.',
    );
    // A value that is not a string, number or boolean may read differently each time.
    let calls = 0;
    const changing = { toString: () => `keer ${++calls}` };
    expect(i18n.t('nl', 'hello', { name: changing, phone: 1 })).to.equal('Hallo keer 1, bel 1.');
    expect(i18n.t('nl', 'hello', { name: changing, phone: 1 })).to.equal('Hallo keer 2, bel 1.');
  });
});
