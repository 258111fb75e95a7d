import * as z from 'zod';
import { postcodeDigits } from '../src/domain/coachChoice.js';

/** Where the resident lives, as far as they said: a postcode or a place, kept in dialog state. */
export const residenceSchema = z.union([
  z.object({ postcode: z.string() }),
  z.object({ place: z.string() }),
]);
export type Residence = z.infer<typeof residenceSchema>;

/** "ik woon in", "I live in": words before the place that do not change it. */
const lead = /^(?:ik\s+woon\s+in|ik\s+woon|woon\s+in|in|i\s+live\s+in|i\s+live|live\s+in)\s+/i;

/**
 * Where the resident lives, from their answer: a Dutch postcode ("5076 AB", "5076ab", "5076")
 * or a place name ("Haaren", "'s-Hertogenbosch", "ik woon in Vught").
 *
 * @returns `undefined` when it is neither, so the dialog asks again instead of guessing.
 */
export function parseResidence(text: string): Residence | undefined {
  const answer = text
    .trim()
    .replace(lead, '')
    .replace(/[.!]+$/, '')
    .trim();
  const digits = postcodeDigits(answer);
  if (digits !== undefined) {
    const letters = /([a-z]{2})\s*$/i.exec(answer)?.[1];
    return { postcode: letters ? `${digits} ${letters.toUpperCase()}` : String(digits) };
  }
  if (/^['’]?\p{L}[\p{L}\s'’.-]{1,59}$/u.test(answer)) return { place: answer };
  return undefined;
}
