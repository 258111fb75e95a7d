import type { HandoffSummary } from './handoff.js';
import { redactPersonalData, type RedactionKind } from './redaction.js';

/**
 * Minimisation before storing (AVG art. 5(1)(c)): the free text of a summary for the coach —
 * wishes, what the resident does, what would help, when it suits — without BSN, IBAN, e-mail,
 * dates of birth, or phone numbers other than the one the resident gave for the meeting.
 *
 * @returns the summary to store, and what was taken out (kinds only, for a count in the log).
 */
export function minimiseSummary(
  summary: HandoffSummary,
  now: Date,
): { summary: HandoffSummary; found: RedactionKind[] } {
  const found: RedactionKind[] = [];
  const clean = (text: string | undefined): string | undefined => {
    if (text === undefined) return undefined;
    const redacted = redactPersonalData(text, { now, keepPhone: summary.phone });
    found.push(...redacted.found);
    return redacted.text;
  };
  const next: HandoffSummary = { ...summary };
  for (const field of ['wishes', 'doesAlready', 'wouldHelp', 'preferredTimes'] as const) {
    const text = clean(summary[field]);
    if (text !== undefined) next[field] = text;
  }
  return { summary: next, found };
}

/** A resident's free text ("liever 's ochtends") without personal details, keeping `keepPhone`. */
export function minimiseText(text: string, now: Date, keepPhone?: string): string {
  return redactPersonalData(text, { now, keepPhone }).text;
}
