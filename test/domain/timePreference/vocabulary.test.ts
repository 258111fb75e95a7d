import { expect } from 'chai';
import { DateTime } from 'luxon';
import { PLANNING_ZONE, dayParts } from '../../../src/domain/calendarTime.js';
import { parseTimePreference } from '../../../src/domain/timePreference.js';
import { arabic } from '../../../src/domain/timePreference/vocabulary/ar.js';
import { english } from '../../../src/domain/timePreference/vocabulary/en.js';
import { dutch } from '../../../src/domain/timePreference/vocabulary/nl.js';
import { polish } from '../../../src/domain/timePreference/vocabulary/pl.js';
import { turkish } from '../../../src/domain/timePreference/vocabulary/tr.js';
import { ukrainian } from '../../../src/domain/timePreference/vocabulary/uk.js';
import {
  PHRASE_MEANINGS,
  type PhraseMeaning,
  type Vocabulary,
} from '../../../src/domain/timePreference/vocabulary.js';

/** Monday 23 November 2026, 09:15 in Amsterdam. */
const conversationLanguages = ['nl', 'en', 'tr', 'pl', 'uk', 'ar'] as const;
const now = DateTime.fromISO('2026-11-23T09:15', { zone: PLANNING_ZONE }).toJSDate();
const vocabularies: Array<[string, Vocabulary, (typeof conversationLanguages)[number]]> = [
  ['Dutch', dutch, 'nl'],
  ['English', english, 'en'],
  ['Turkish', turkish, 'tr'],
  ['Polish', polish, 'pl'],
  ['Ukrainian', ukrainian, 'uk'],
  ['Arabic', arabic, 'ar'],
];
/** Meanings that say nothing on their own: "voor mij", "liever niet", "bij voorkeur", "moet". */
const onlyWithOthers = new Set<PhraseMeaning>(['nothing', 'negation', 'clauseBreak', 'busy']);

describe('timePreference vocabularies', () => {
  for (const [name, vocabulary, own] of vocabularies) {
    it(`reads every ${name} phrase on its own, whatever the conversation's language`, () => {
      // Short phrases of Turkish and Polish ("şu an", "po") only in their own conversations.
      const shortOnlyInOwn = own !== 'nl' && own !== 'en';
      const [weekday = ''] = Object.keys(vocabulary.weekdays);
      let phrasesRead = 0;
      for (const meaning of PHRASE_MEANINGS) {
        if (onlyWithOthers.has(meaning)) continue;
        const list = vocabulary.phrases[meaning] ?? '';
        for (const phrase of list.split(',').map((p) => p.trim().replace(/\s+/g, ' '))) {
          if (phrase === '') continue;
          const text = phrase.replace('{n}', '2').replace('{wd}', weekday);
          const short = text.split(' ').every((word) => word.length <= 2);
          for (const language of shortOnlyInOwn && short ? [own] : conversationLanguages) {
            const read = parseTimePreference(text, { now, language });
            expect(read.kind, `${text} (${language})`).to.not.equal('unclear');
          }
          phrasesRead += 1;
        }
      }
      expect(phrasesRead).to.be.above(15);
    });
  }

  it("reads a weekday's short form only in its own language", () => {
    const read = (text: string, language: 'nl' | 'en' | 'pl') =>
      parseTimePreference(text, { now, language });
    expect(read('di', 'nl')).to.deep.equal({ kind: 'understood', preference: { days: [2] } });
    expect(read('di', 'en')).to.deep.equal({ kind: 'unclear', reason: 'notUnderstood' });
    expect(read('thu', 'en')).to.deep.equal({ kind: 'understood', preference: { days: [4] } });
    expect(read('thu', 'nl')).to.deep.equal({ kind: 'unclear', reason: 'notUnderstood' });
  });

  it("reads Dutch and English words alike whatever the conversation's language", () => {
    const tuesdayMorning = {
      kind: 'understood',
      preference: { days: [2], times: [dayParts.morning] },
    };
    for (const language of conversationLanguages) {
      for (const text of ['dinsdagochtend', 'tuesday morning', 'dinsdag in the morning']) {
        expect(parseTimePreference(text, { now, language }), text).to.deep.equal(tuesdayMorning);
      }
    }
  });
});
