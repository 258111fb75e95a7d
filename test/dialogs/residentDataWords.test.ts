import { expect } from 'chai';
import { recognizeCommand } from '../../dialogs/recognize.js';
import { createTranslator, type Translator } from '../../src/i18n.js';

/** "Wat weten jullie van mij?" and "Verwijder mijn gegevens", in each of the six languages. */
describe('recognizing the requests to see and to erase what is kept', () => {
  let i18n: Translator;
  before(async () => {
    i18n = await createTranslator({
      onMissingKey: (lng, key) => {
        throw new Error(`missing ${lng}:${key}`);
      },
    });
  });

  const asks: [string, string][] = [
    ['nl', 'Wat weten jullie van mij?'],
    ['nl', 'Wat bewaren jullie?'],
    ['nl', 'welke gegevens hebben jullie'],
    ['en', 'What do you know about me?'],
    ['ar', 'ماذا تعرفون عني؟'],
    ['tr', 'Hakkımda ne biliyorsunuz?'],
    ['pl', 'Co o mnie wiecie?'],
    ['uk', 'Що ви знаєте про мене?'],
  ];
  for (const [lng, typed] of asks) {
    it(`${lng}: "${typed}" asks what is kept`, () => {
      expect(recognizeCommand(typed, i18n)).to.deep.equal({ kind: 'whatKept' });
    });
  }

  const erasures: [string, string][] = [
    ['nl', 'Verwijder mijn gegevens'],
    ['nl', 'wis mijn gegevens!'],
    ['en', 'Delete my data'],
    ['ar', 'احذفوا بياناتي'],
    ['tr', 'Verilerimi silin'],
    ['pl', 'Usuń moje dane'],
    ['uk', 'Видаліть мої дані'],
  ];
  for (const [lng, typed] of erasures) {
    it(`${lng}: "${typed}" asks to erase`, () => {
      expect(recognizeCommand(typed, i18n)).to.deep.equal({ kind: 'erase' });
    });
  }

  it('keeps "privacy" and "mijn gegevens" for the privacy text, and a sentence is no command', () => {
    expect(recognizeCommand('privacy', i18n)).to.deep.equal({ kind: 'privacy' });
    expect(recognizeCommand('mijn gegevens', i18n)).to.deep.equal({ kind: 'privacy' });
    expect(recognizeCommand('ik wil werk, verwijder mijn gegevens niet', i18n)).to.equal(undefined);
  });
});
