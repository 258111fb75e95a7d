import { expect } from 'chai';
import { menuChoices } from '../../dialogs/intents.js';
import {
  normalize,
  recognizeChoice,
  recognizeCommand,
  recognizeExactChoice,
  type Choice,
  type Command,
} from '../../dialogs/recognize.js';
import { languages, type Language } from '../../src/domain/language.js';
import { createTranslator, type Translator } from '../../src/i18n.js';

/** The whole-message commands and their locale keys, in the order recognizeCommand tries them. */
const commandKeys: [Command['kind'], string, string][] = [
  ['whatKept', 'residentData.ask.button', 'residentData.ask.synonyms'],
  ['erase', 'residentData.erase.button', 'residentData.erase.synonyms'],
  ['menu', 'menu.button', 'menu.synonyms'],
  ['privacy', 'privacy.more.button', 'privacy.more.synonyms'],
  ['callback', 'callback.button', 'callback.synonyms'],
  ['move', 'booking.move.button', 'booking.move.synonyms'],
  ['cancel', 'booking.cancel.button', 'booking.cancel.synonyms'],
];

/** The texts as the locale files have them (not normalized) of a button and its synonyms. */
function rawPhrases(i18n: Translator, lng: Language, buttonKey: string, lists: string[]) {
  return [i18n.t(lng, buttonKey), ...lists.flatMap((key) => i18n.list(lng, key))];
}

/** Recognition as it was before the phrase tables: every language, every command, each time. */
function commandTheSlowWay(text: string, i18n: Translator): Command['kind'] | undefined {
  const words = normalize(text);
  for (const lng of languages) {
    for (const [kind, buttonKey, synonymsKey] of commandKeys) {
      if (rawPhrases(i18n, lng, buttonKey, [synonymsKey]).map(normalize).includes(words))
        return kind;
    }
  }
  return undefined;
}

describe('recognition from the cached phrase tables', () => {
  let i18n: Translator;
  before(async () => {
    i18n = await createTranslator();
  });

  it('finds the same command for every title and synonym of every command in every language', () => {
    let checked = 0;
    for (const lng of languages) {
      for (const [, buttonKey, synonymsKey] of commandKeys) {
        for (const phrase of rawPhrases(i18n, lng, buttonKey, [synonymsKey])) {
          const expected = commandTheSlowWay(phrase, i18n);
          const found = recognizeCommand(phrase, i18n);
          // A language request ("English") or button value is recognized before the tables.
          if (found?.kind === 'language' || found?.kind === 'chooseLanguage') continue;
          expect(found?.kind, `${lng}: ${phrase}`).to.equal(expected);
          checked++;
        }
      }
    }
    expect(checked).to.be.greaterThan(languages.length * commandKeys.length);
  });

  it('reads the same choices from a fresh translator and from a warm one, in every language', async () => {
    const choices: readonly Choice[] = menuChoices;
    let checked = 0;
    for (const lng of languages) {
      // A translator of its own per language: its first recognition fills the cache.
      const cold = await createTranslator();
      for (const choice of choices) {
        const lists = [choice.synonymsKey ?? []].flat();
        for (const phrase of rawPhrases(i18n, lng, choice.buttonKey, lists)) {
          const first = recognizeChoice(phrase, choices, lng, cold);
          const exact = recognizeExactChoice(phrase, choices, lng, cold);
          expect(recognizeChoice(phrase, choices, lng, cold), phrase).to.equal(first);
          expect(recognizeChoice(phrase, choices, lng, i18n), phrase).to.equal(first);
          expect(recognizeExactChoice(phrase, choices, lng, i18n), phrase).to.equal(exact);
          if (exact === choice.value) checked++;
        }
      }
    }
    expect(checked).to.be.greaterThan(languages.length * choices.length);
  });
});
