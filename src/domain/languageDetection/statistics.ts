/**
 * The statistical detector (eld) on a sentence in the Latin alphabet, trusted only when it is
 * sure. Its guesses are good on sentences but not perfect, so it decides only where greetings
 * and letters did not.
 */
import type { eld as EldDetector } from 'eld/small';

/** The Latin-script languages the statistical detector chooses among. */
const latinCandidates = ['nl', 'en', 'tr', 'pl', 'fr', 'de', 'es', 'it', 'pt'] as const;
export type LatinCandidate = (typeof latinCandidates)[number];
/** Below this score the detector is guessing (real words score 0.75 and up, gibberish ~0.6). */
const minScore = 0.7;
/** The winner must lead the runner-up by this much. */
const minLead = 0.05;
/**
 * Loaded on the first message that needs it: its n-gram tables are some 45 MB of heap and 0.4 s
 * of start-up, and most messages are told by greetings, letters or alphabet, or are not a
 * resident's first message.
 */
let detector: Promise<typeof EldDetector> | undefined;

function loadDetector(): Promise<typeof EldDetector> {
  detector ??= import('eld/small').then(({ eld }) => {
    const instance = eld.newInstance();
    instance.setLanguageSubset([...latinCandidates]);
    return instance;
  });
  return detector;
}

/**
 * The detector's language when it is sure: reliable by its own measure, a clear score (gibberish
 * such as "qwerty uiop" scores low) and a clear lead over the runner-up ("intent question" is
 * French and English alike). Two of the languages Voordeur does not speak close together
 * ("hola que tal": Spanish or Portuguese) still mean "another language".
 */
export async function statisticalGuess(
  text: string,
): Promise<LatinCandidate | 'other' | undefined> {
  const result = (await loadDetector()).detect(text);
  if (!result.isReliable()) return undefined;
  const [first, second] = Object.entries(result.getScores()).sort(([, a], [, b]) => b - a);
  if (!first || first[1] < minScore) return undefined;
  const supported = (code: string | undefined) =>
    code === 'nl' || code === 'en' || code === 'tr' || code === 'pl';
  const close = second !== undefined && first[1] - second[1] < minLead;
  if (supported(first[0])) {
    return close ? undefined : (first[0] as LatinCandidate);
  }
  return close && supported(second?.[0]) ? undefined : 'other';
}
