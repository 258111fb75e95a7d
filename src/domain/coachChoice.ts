import type { Coach } from './coach.js';

/**
 * Which coach a resident meets, and why — in order:
 *
 * 1. **Continuity.** A returning resident keeps their coach while that coach is still on the
 *    team, even when the coach is at their caseload cap: a known face matters more than the
 *    cap, and a returning resident is usually on that caseload already.
 * 2. **Area.** A coach who serves the resident's postcode or place ranks higher. Area orders,
 *    it does not exclude: any coach can meet by phone or video, or travel.
 * 3. **Language.** Dutch is always acceptable; when the resident writes in another language, a
 *    coach who speaks it ranks above any caseload difference (the planner searches those coaches
 *    before the rest when no area applies, so an Arabic-speaking resident meets Samir).
 * 4. **Room.** Coaches at or over their caseload cap are left out; ties go to the lower
 *    caseload, then to the order the coaches were given in.
 *
 * The reasons are data, so a dialog can say "Elke werkt in Haaren en spreekt Engels" in the
 * resident's language.
 */

export type Reason =
  /** The resident met this coach before. */
  | { kind: 'sameCoachAsBefore' }
  /** The coach works in the resident's place; `place` is spelled as in the coach's areas. */
  | { kind: 'servesArea'; place: string }
  /** The coach's postcode ranges hold the resident's postcode (`'5076'`), and no place matched. */
  | { kind: 'servesPostcode'; postcode: string }
  /** The coach speaks the resident's language; only for languages other than Dutch. */
  | { kind: 'speaks'; language: string }
  /**
   * First of the equally suitable coaches (same area and language fit) because this one has the
   * most room; only given when another of them has a higher caseload.
   */
  | { kind: 'lowCaseload'; caseload: number; cap: number };

export interface Resident {
  /** ISO 639-1 code of the language the conversation is in, e.g. 'nl', 'en'. */
  language: string;
  /** A Dutch postcode, with or without the letters: '5076 AB', '5076AB', '5076'. */
  postcode?: string;
  place?: string;
  previousCoachId?: string;
}

export interface RankedCoach {
  coach: Coach;
  reasons: Reason[];
}

/**
 * Coaches the resident can be offered, best first, each with the reasons for its place.
 *
 * @example
 * const [first] = rankCoaches(coaches, { language: 'en', place: 'Haaren' }, caseloads);
 * // first.reasons: [{ kind: 'servesArea', place: 'Haaren' }, { kind: 'speaks', language: 'en' }]
 */
export function rankCoaches(
  coaches: readonly Coach[],
  resident: Resident,
  caseloads: Readonly<Record<string, number>>,
): RankedCoach[] {
  const postcode = postcodeDigits(resident.postcode);
  const place = resident.place === undefined ? '' : normalizePlace(resident.place);
  const scored = coaches
    .map((coach, index) => {
      const caseload = caseloads[coach.id] ?? 0;
      const sameCoach = coach.id === resident.previousCoachId;
      const areaPlace = place
        ? coach.areas.places.find((candidate) => normalizePlace(candidate) === place)
        : undefined;
      const inPostcodeArea =
        postcode !== undefined &&
        coach.areas.postcodes.some((range) => range.from <= postcode && postcode <= range.to);
      const reasons: Reason[] = [];
      if (sameCoach) reasons.push({ kind: 'sameCoachAsBefore' });
      if (areaPlace !== undefined) reasons.push({ kind: 'servesArea', place: areaPlace });
      else if (inPostcodeArea) reasons.push({ kind: 'servesPostcode', postcode: String(postcode) });
      const speaks = coach.languages.includes(resident.language);
      if (speaks && resident.language !== 'nl') {
        reasons.push({ kind: 'speaks', language: resident.language });
      }
      return {
        coach,
        reasons,
        index,
        caseload,
        sameCoach,
        servesArea: areaPlace !== undefined || inPostcodeArea,
        speaks,
      };
    })
    .filter((entry) => entry.sameCoach || entry.caseload < entry.coach.caseloadCap);

  scored.sort(
    (a, b) =>
      Number(b.sameCoach) - Number(a.sameCoach) ||
      Number(b.servesArea) - Number(a.servesArea) ||
      Number(b.speaks) - Number(a.speaks) ||
      a.caseload - b.caseload ||
      a.index - b.index,
  );

  const tier = (entry: (typeof scored)[number]): string =>
    `${entry.sameCoach}/${entry.servesArea}/${entry.speaks}`;
  return scored.map((entry, position) => {
    const previous = scored[position - 1];
    const wonOnRoom =
      !entry.sameCoach &&
      (previous === undefined || tier(previous) !== tier(entry)) &&
      scored.some((other) => tier(other) === tier(entry) && other.caseload > entry.caseload);
    const reasons: Reason[] = wonOnRoom
      ? [
          ...entry.reasons,
          { kind: 'lowCaseload', caseload: entry.caseload, cap: entry.coach.caseloadCap },
        ]
      : entry.reasons;
    return { coach: entry.coach, reasons };
  });
}

/** The four digits of a Dutch postcode, or undefined when it is not one. */
export function postcodeDigits(postcode: string | undefined): number | undefined {
  const match = /^\s*([1-9]\d{3})\s*([a-z]{2})?\s*$/i.exec(postcode ?? '');
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/** Case, accents, dashes, apostrophes and spacing do not matter: 's-Hertogenbosch = s hertogenbosch. */
function normalizePlace(place: string): string {
  return place
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[\s\-'’]+/g, ' ')
    .trim();
}
