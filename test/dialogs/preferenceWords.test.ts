import { expect } from 'chai';
import type { TimePreference } from '../../src/domain/calendarTime.js';
import type { Language } from '../../src/domain/language.js';
import { createTranslator, type Translator } from '../../src/i18n.js';
import { describeCorrections, describePreference } from '../../dialogs/preferenceWords.js';

describe('a time preference in words (say-back and coach summary)', () => {
  let i18n: Translator;
  before(async () => {
    i18n = await createTranslator();
  });
  const say = (lng: Language, preference: TimePreference): string =>
    describePreference(preference, (key, values) => i18n.t(lng, key, values), lng);

  it('says days, times, weeks and what is said no to in Dutch', () => {
    expect(say('nl', { days: [2, 4], times: [{ start: 720, end: 900 }] })).to.equal(
      'dinsdag of donderdag tussen 12:00 en 15:00',
    );
    expect(say('nl', { excludedDays: [5], times: [{ start: 900, end: 1440 }] })).to.equal(
      'na 15:00, niet op vrijdag',
    );
    expect(say('nl', { days: [3], starts: [645] })).to.equal('woensdag om 10:45');
    expect(say('nl', { earliest: '2026-11-30', latest: '2026-12-06' })).to.equal(
      'van 30 november tot en met 6 december',
    );
    expect(say('nl', {})).to.equal('maakt niet uit');
  });

  it('says a union as its options', () => {
    const union: TimePreference = {
      anyOf: [
        { days: [2], times: [{ start: 480, end: 720 }] },
        { days: [4], times: [{ start: 720, end: 1020 }] },
      ],
    };
    expect(say('nl', union)).to.equal(
      'dinsdag tussen 08:00 en 12:00 of donderdag tussen 12:00 en 17:00',
    );
    expect(say('en', union)).to.equal(
      'Tuesday between 08:00 and 12:00 or Thursday between 12:00 and 17:00',
    );
  });

  it('uses the day names of the resident’s language', () => {
    expect(say('tr', { days: [2] })).to.equal('Salı');
    expect(say('pl', { days: [2] })).to.equal('wtorek');
    expect(say('uk', { days: [2] })).to.equal('вівторок');
    expect(say('ar', { days: [2] })).to.equal('الثلاثاء');
  });

  it('says what a typo was read as', () => {
    const text = describeCorrections(
      [{ from: 'dinsdagmidag', to: 'dinsdagmiddag' }],
      (key, values) => i18n.t('nl', key, values),
    );
    expect(text).to.equal('“dinsdagmidag” las ik als “dinsdagmiddag”.');
  });
});
