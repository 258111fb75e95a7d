/**
 * Reads a resident's own words about when a first meeting suits them ("dinsdagochtend",
 * "na 3 uur", "liever niet op maandag", "next week", "salı sabah", "po 15", "після обіду",
 * "بعد الساعة ٣") into a structured {@link TimePreference}.
 *
 * The rule is: never guess, never silently drop. Words no vocabulary knows ("kinderen halen")
 * are left out and reported (`skipped`); a small misspelling of a day, day-part or time word is
 * read as that word and reported (`corrected`); either way the dialog says back what it
 * understood ("Ik begrijp: dinsdag tussen 12:00 en 15:00. Klopt dat?") before offering times.
 * An answer with nothing readable is `unclear`, and the dialog asks again kindly. The words of
 * all six languages are understood whatever the conversation's language; weekday short forms,
 * short Turkish and Polish words ("po", "do") and the order of numeric dates belong to one.
 *
 * Why not chrono-node: its Dutch parser matches only part of a sentence and drops the rest
 * silently ("3 december om half 2" → 3 December at noon), reads "over twee weken" as one day,
 * "morgenochtend" as 06:15, "3e december" as just "december", "29 februari" as nothing and
 * "na 3 uur" as 03:00, and cannot say which words it did not read. The small grammar below
 * knows exactly what it consumed, which is what "never guess" needs; luxon does the calendar
 * work. The tests use chrono as an independent oracle for the dates it does read correctly.
 *
 * How it is built (`timePreference/`): the words of each language are data (`vocabulary/nl.ts`,
 * `en.ts`, `tr.ts`, `pl.ts`, `uk.ts`, `ar.ts`, merged and folded in `lexicon.ts`, which also
 * corrects typos); one grammar reads them all: `tokens.ts` splits the text (Arabic-Indic digits,
 * Turkish case endings such as "15'ten"), `reader.ts` with `readDate.ts` and `readTime.ts`
 * turns tokens into meanings (`meanings.ts`), and `assemble.ts` with `negation.ts` and
 * `assembleDays.ts` puts the meanings together into one preference. `refine.ts` reads a later
 * answer together with the earlier ones.
 *
 * Decisions for ambiguous phrases (summed up in the README, "Planning: what Voordeur decides"):
 * - Office hours: an hour without a day part reads 1–7 as 13:00–19:00 and 8–12 as 08:00–12:00
 *   ("na 3 uur" → after 15:00, "half 2" → 13:30, "half 10" → 09:30, "kwart voor 8" → 07:45).
 *   "'s ochtends", "'s middags", "am"/"pm", a 24-hour time ("14:30", "14.30") or a leading
 *   zero ("09:30") win.
 * - "middag"/"afternoon" is 12:00–17:00 (not noon); see {@link dayParts}. "Laat in de middag",
 *   "tegen het eind van de dag" is 15:00–17:00; "vroeg in de ochtend" 08:00–10:00; "na de
 *   middag" from 12:00.
 * - An exact time is a start: "om kwart voor 11" is a meeting starting at 10:45 (`starts`), on
 *   a known date ("morgen om 10 uur") a moment (`at`).
 * - A moment in a clause with "moet"/"must"/"have to" is when the resident is busy: "om 3 uur
 *   moet ik de kinderen halen" means the meeting is over by 15:00.
 * - "na 3 uur" → 15:00–24:00; "voor 11 uur" → 00:00–11:00 (the meeting is over by 11).
 * - Weeks are calendar weeks (Monday–Sunday): "deze week" is today to Sunday, "volgende week"
 *   (and "komende week") the next calendar week, "over twee weken" / "in two weeks" the
 *   calendar week two weeks after this one; "next thursday" / "volgende donderdag" is the
 *   Thursday of next week, "aanstaande/komende/deze donderdag" / "this thursday" the first
 *   Thursday from today.
 * - A day and month without a year that has passed this year means next year only if that is
 *   within {@link FURTHEST_DATE_AHEAD_DAYS}; otherwise it is `inThePast`. Any date further ahead
 *   than the horizon is `tooFarAhead`.
 * - Numeric dates are day/month ("3/12" → 3 December). In English, "3/12" with both numbers
 *   12 or less is ambiguous and `unclear`; "12/25" is read as December 25. "9-12" without a
 *   year is a time range (09:00–12:00), not a date.
 * - "maakt niet uit", "altijd", "zo snel mogelijk", "whenever", "asap" → `anything`; "nu
 *   meteen", "right now" → today (the planner then says why that cannot be, if it cannot).
 * - Negation ("niet", "liever niet", "behalve", "not", "except", "hariç", "oprócz", "крім",
 *   "ما عدا" …) covers what follows it up to a comma or "maar"/"but"; trailing ("maandag niet",
 *   "cuma hariç") covers its clause. "But" right after "any time" excludes ("anytime but
 *   friday"). A negation that mixes days and times ("niet maandagochtend") is `unclear`,
 *   because excluding Monday or mornings alone would be wrong.
 * - Different times on different days ("dinsdagochtend of donderdagmiddag") are a union
 *   (`anyOf`): each day keeps its own times.
 */
import { DateTime } from 'luxon';
import type { Language } from './language.js';
import { PLANNING_ZONE } from './calendarTime.js';
import type { TimePreference } from './calendarTime.js';
import { assemble } from './timePreference/assemble.js';
import {
  MAX_PREFERENCE_LENGTH,
  Unclear,
  type ReadingContext,
  type UnclearReason,
} from './timePreference/reading.js';
import { readMeanings } from './timePreference/reader.js';
import { tokenize, type Correction } from './timePreference/tokens.js';

export type { Correction } from './timePreference/tokens.js';
export { refinePreference } from './timePreference/refine.js';

export {
  FURTHEST_DATE_AHEAD_DAYS,
  MAX_PREFERENCE_LENGTH,
  POINT_WINDOW_MINUTES,
  type UnclearReason,
} from './timePreference/reading.js';

/**
 * What was not read as it was typed: words left out (`skipped`: reasons such as "kinderen
 * halen") and typos read as a known word (`corrected`). Either means the dialog says back what
 * it understood and asks "Klopt dat?" before offering times.
 */
export interface ReadingDoubts {
  skipped?: string[];
  corrected?: Correction[];
}

export type ParsedPreference =
  | ({ kind: 'understood'; preference: TimePreference } & ReadingDoubts)
  /** "maakt niet uit", "doesn't matter", "whenever", "altijd". */
  | ({ kind: 'anything' } & ReadingDoubts)
  | { kind: 'unclear'; reason: UnclearReason };

export interface TimePreferenceContext {
  now: Date;
  /**
   * The resident's language. Day and time words are understood in Dutch and English whatever
   * it is; it decides how numeric dates read: English "3/12" is ambiguous, every other language
   * here writes the day first, as Dutch does.
   */
  language: Language;
}

/**
 * Reads a resident's answer to "Wanneer komt het u goed uit?".
 *
 * @example
 * parseTimePreference('dinsdagochtend', { now, language: 'nl' });
 * // → { kind: 'understood', preference: { days: [2], times: [{ start: 480, end: 720 }] } }
 * parseTimePreference('31 februari', { now, language: 'nl' });
 * // → { kind: 'unclear', reason: 'impossibleDate' }
 */
export function parseTimePreference(
  text: string,
  context: TimePreferenceContext,
): ParsedPreference {
  if (text.length > MAX_PREFERENCE_LENGTH) return unclear('notUnderstood');
  const nowLocal = localNow(context.now);
  if (!nowLocal.isValid) return unclear('notUnderstood');
  const ctx: ReadingContext = {
    language: context.language,
    // Calendar days are counted in UTC, where every day has 24 hours: the same dates and
    // weekdays as in Amsterdam, without asking Intl for the zone's offset at every step.
    today: DateTime.fromObject(
      { year: nowLocal.year, month: nowLocal.month, day: nowLocal.day },
      { zone: 'utc' },
    ),
    nowMinute: nowLocal.hour * 60 + nowLocal.minute,
    issues: new Set(),
    skipped: [],
  };
  try {
    const corrections: Correction[] = [];
    const tokens = tokenize(text, ctx.language, corrections);
    const entries = readMeanings(tokens, ctx);
    for (const reason of ['impossibleDate', 'inThePast', 'tooFarAhead'] as const) {
      if (ctx.issues.has(reason)) return unclear(reason);
    }
    const preference = assemble(entries, ctx);
    const doubts = {
      ...(ctx.skipped.length > 0 ? { skipped: ctx.skipped } : {}),
      ...(corrections.length > 0 ? { corrected: corrections } : {}),
    };
    if (preference === 'anything') return { kind: 'anything', ...doubts };
    return { kind: 'understood', preference, ...doubts };
  } catch (error) {
    if (error instanceof Unclear) return unclear(error.reason);
    throw error;
  }
}

/**
 * "Now" in the planning zone. The zone's offset comes from Intl, which is slow; the dialogs
 * read several answers at one "now", so the last one is kept.
 */
let lastNow: { ms: number; local: DateTime } | undefined;
function localNow(now: Date): DateTime {
  const ms = now.getTime();
  if (lastNow?.ms !== ms)
    lastNow = { ms, local: DateTime.fromJSDate(now, { zone: PLANNING_ZONE }) };
  return lastNow.local;
}

function unclear(reason: UnclearReason): ParsedPreference {
  return { kind: 'unclear', reason };
}
