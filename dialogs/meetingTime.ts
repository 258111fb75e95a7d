import { DateTime } from 'luxon';
import type { Language } from '../src/domain/language.js';
import { PLANNING_ZONE } from '../src/domain/calendarTime.js';

/**
 * Date formats per language: the order of day and date, and the little word before the time.
 * The names of days and months come from `Intl` through luxon, so they are always right for the
 * language; `MMMM` is the month as it stands in a date (Polish "3 grudnia", Ukrainian "3
 * грудня"), `LLLL` the month on its own, which Dutch and English write the same. Arabic keeps
 * the digits 0–9, as residents type them and as the phone number and times elsewhere are shown.
 */
const formats: Record<Language, string> = {
  nl: "cccc d LLLL 'om' HH:mm",
  en: "cccc d LLLL 'at' HH:mm",
  ar: "cccc d MMMM، 'الساعة' HH:mm",
  tr: "d MMMM cccc, 'saat' HH:mm",
  pl: "cccc, d MMMM 'o' HH:mm",
  uk: "cccc, d MMMM 'о' HH:mm",
};

/**
 * A meeting time in words, always in Amsterdam time and never as ISO: "donderdag 3 december om
 * 13:30", "Thursday 3 December at 13:30", "3 Aralık Perşembe, saat 13:30", "الخميس 3 ديسمبر،
 * الساعة 13:30". Residents read this back before they confirm.
 *
 * @example formatMeetingTime(new Date('2026-12-03T12:30:00Z'), 'nl') // 'donderdag 3 december om 13:30'
 */
export function formatMeetingTime(date: Date, language: Language): string {
  return DateTime.fromJSDate(date)
    .setZone(PLANNING_ZONE)
    .reconfigure({ locale: language, numberingSystem: 'latn' })
    .toFormat(formats[language]);
}
