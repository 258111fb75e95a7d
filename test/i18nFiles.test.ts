import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { languages } from '../src/domain/language.js';
import { createTranslator, loadLocaleResources } from '../src/i18n.js';

/** A `locales/` tree with the given files in every language folder. */
function localesWith(files: Record<string, unknown>): string {
  const root = mkdtempSync(join(tmpdir(), 'voordeur-locales-'));
  for (const lng of languages) {
    mkdirSync(join(root, 'locales', lng), { recursive: true });
    for (const [name, data] of Object.entries(files)) {
      writeFileSync(join(root, 'locales', lng, name), JSON.stringify(data));
    }
  }
  return root;
}

describe('locale files', () => {
  const roots: string[] = [];
  after(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

  it('merges every JSON file of a language into one set of keys', async () => {
    const root = localesWith({
      'translation.json': { language: { switched: 'Prima.' }, menu: { ask: 'Waarmee?' } },
      'language.json': { language: { choose: { button: 'Taal / Language' } } },
    });
    roots.push(root);
    const i18n = await createTranslator({ resources: await loadLocaleResources(root) });
    expect(i18n.t('ar', 'language.switched')).to.equal('Prima.');
    expect(i18n.t('tr', 'language.choose.button')).to.equal('Taal / Language');
  });

  it('refuses a key defined in two files of one language', async () => {
    const root = localesWith({
      'translation.json': { language: { switched: 'Prima.' } },
      'language.json': { language: { switched: 'Goed.' } },
    });
    roots.push(root);
    let failure: unknown;
    await loadLocaleResources(root).catch((error: unknown) => (failure = error));
    expect(String(failure)).to.match(/"language.switched" is already defined/);
  });
});
