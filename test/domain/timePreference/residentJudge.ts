/**
 * Scores readings of "Wanneer komt het u goed uit?" the way a resident would judge the offers:
 * every start the reading allows must be one the resident allowed (a start they ruled out is
 * the worst failure: a contradiction), and the reading must not be needlessly narrow (it
 * keeps at least 80% of the starts the resident allowed).
 *
 * The starts judged: every quarter hour from 08:00 to 20:00 for four weeks from "now"
 * (Monday 23 November 2026, 09:15), a meeting of an hour each.
 */
import { DateTime } from 'luxon';
import { matchesPreference } from '../../../src/domain/availability.js';
import {
  PLANNING_ZONE,
  type TimePreference,
  type Weekday,
} from '../../../src/domain/calendarTime.js';
import type { Language } from '../../../src/domain/language.js';
import { parseTimePreference, refinePreference } from '../../../src/domain/timePreference.js';

export const judgeNow = DateTime.fromISO('2026-11-23T09:15', { zone: PLANNING_ZONE });
const today = judgeNow.startOf('day');
export const tomorrow = today.plus({ days: 1 }).toISODate() ?? '';
export const todayIso = today.toISODate() ?? '';

/** What the resident meant, as a test of one start. Every field given must hold. */
export interface Want {
  days?: Weekday[];
  notDays?: Weekday[];
  dates?: string[];
  /** Calendar week from this one: 0 this week, 1 next week, … */
  week?: number;
  /** The meeting starts at or after, and ends by, these times ("12:00"). */
  from?: string;
  to?: string;
  /** The meeting starts at exactly one of these. */
  starts?: string[];
  /** The meeting overlaps none of this range. */
  notBetween?: [string, string];
  anyOf?: Want[];
}

/** One phrase, or several answers in a row, with what the resident meant. */
export interface Phrase {
  said: string | string[];
  want: Want;
}

interface Start {
  date: string;
  weekday: Weekday;
  minute: number;
  slot: { start: number; end: number };
}

const MEETING = 60;

const universe: Start[] = (() => {
  const out: Start[] = [];
  for (let d = 0; d < 28; d += 1) {
    const day = today.plus({ days: d });
    for (let minute = 8 * 60; minute <= 20 * 60; minute += 15) {
      const start = day.set({ hour: Math.floor(minute / 60), minute: minute % 60 });
      out.push({
        date: day.toISODate() ?? '',
        weekday: day.weekday as Weekday,
        minute,
        slot: { start: start.toMillis(), end: start.plus({ minutes: MEETING }).toMillis() },
      });
    }
  }
  return out;
})();

const hm = (text: string): number => {
  const [h = '0', m = '0'] = text.split(':');
  return Number(h) * 60 + Number(m);
};

function allowed(want: Want, s: Start): boolean {
  if (want.days && !want.days.includes(s.weekday)) return false;
  if (want.notDays?.includes(s.weekday)) return false;
  if (want.dates && !want.dates.includes(s.date)) return false;
  if (want.week !== undefined) {
    const monday = today.startOf('week').plus({ weeks: want.week });
    const date = DateTime.fromISO(s.date, { zone: PLANNING_ZONE });
    if (date < monday || date > monday.plus({ days: 6 })) return false;
  }
  if (want.from && s.minute < hm(want.from)) return false;
  if (want.to && s.minute + MEETING > hm(want.to)) return false;
  if (want.starts && !want.starts.some((t) => hm(t) === s.minute)) return false;
  if (want.notBetween) {
    const [a, b] = want.notBetween.map(hm) as [number, number];
    if (s.minute < b && s.minute + MEETING > a) return false;
  }
  if (want.anyOf && !want.anyOf.some((w) => allowed(w, s))) return false;
  return true;
}

export type Verdict = 'right' | 'unclear' | 'contradiction' | 'tooNarrow';

export interface Judgement {
  verdict: Verdict;
  /** Starts the reading offers that the resident ruled out, e.g. "2026-11-27 10:00". */
  ruledOut: string[];
  /** Share of the resident's starts the reading keeps. */
  kept: number;
  preference: TimePreference | undefined;
}

/** Reads every answer in turn, each refining the ones before, as the dialog does. */
export function readAll(said: string | string[], language: Language): TimePreference | undefined {
  let preference: TimePreference | undefined;
  for (const text of Array.isArray(said) ? said : [said]) {
    const read = parseTimePreference(text, { now: judgeNow.toJSDate(), language });
    if (read.kind === 'unclear') return undefined;
    const next = read.kind === 'anything' ? {} : read.preference;
    preference =
      preference && Object.keys(next).length > 0 ? refinePreference(preference, next) : next;
  }
  return preference;
}

export function judge(phrase: Phrase, language: Language): Judgement {
  const preference = readAll(phrase.said, language);
  if (!preference) return { verdict: 'unclear', ruledOut: [], kept: 0, preference };
  const ruledOut: string[] = [];
  let wanted = 0;
  let kept = 0;
  for (const s of universe) {
    const want = allowed(phrase.want, s);
    const offered = matchesPreference(s.slot, preference);
    if (want) wanted += 1;
    if (want && offered) kept += 1;
    if (offered && !want) {
      ruledOut.push(
        `${s.date} ${String(Math.floor(s.minute / 60)).padStart(2, '0')}:${String(s.minute % 60).padStart(2, '0')}`,
      );
    }
  }
  const share = wanted === 0 ? 1 : kept / wanted;
  const verdict: Verdict =
    ruledOut.length > 0 ? 'contradiction' : share < 0.8 ? 'tooNarrow' : 'right';
  return { verdict, ruledOut: ruledOut.slice(0, 3), kept: share, preference };
}

/** The starts of the first two weeks (every half hour) a preference allows, as "date minute". */
export function offeredStarts(preference: TimePreference): Set<string> {
  const out = new Set<string>();
  for (const s of universe) {
    if (s.minute % 30 !== 0 || s.date > lastOfTwoWeeks) continue;
    if (matchesPreference(s.slot, preference)) out.add(`${s.date} ${s.minute}`);
  }
  return out;
}
const lastOfTwoWeeks = today.plus({ days: 13 }).toISODate() ?? '';
