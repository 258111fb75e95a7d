import { DateTime } from 'luxon';
import type { Language } from '../src/domain/language.js';
import { PLANNING_ZONE } from '../src/domain/planning.js';

/**
 * Date formats per language. Only the little word between date and time differs; the names of
 * days and months come from `Intl` through luxon, so they are always right for the language.
 */
const formats: Record<Language, string> = {
  nl: "cccc d LLLL 'om' HH:mm",
  en: "cccc d LLLL 'at' HH:mm",
};

/**
 * A meeting time in words, always in Amsterdam time and never as ISO: "donderdag 3 december om
 * 13:30", "Thursday 3 December at 13:30". Residents read this back before they confirm.
 *
 * @example formatMeetingTime(new Date('2026-12-03T12:30:00Z'), 'nl') // 'donderdag 3 december om 13:30'
 */
export function formatMeetingTime(date: Date, language: Language): string {
  return DateTime.fromJSDate(date)
    .setZone(PLANNING_ZONE)
    .setLocale(language)
    .toFormat(formats[language]);
}
