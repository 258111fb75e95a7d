import type { MeetingForm } from './coach.js';

/**
 * What the coach needs to start the first meeting well prepared, without asking again: with
 * caseloads of 50–70 residents, a coach's time is precious. The resident's own words are kept
 * as they wrote them; every field the resident skipped stays undefined.
 */
export interface HandoffSummary {
  /** What the resident came for. */
  intent: 'work' | 'meaningful' | 'talk';
  /** What they would like (their words or the chosen button's label). */
  wishes?: string;
  /** What they already do or enjoy: hobbies, caring, volunteering. */
  doesAlready?: string;
  /** What would help them. */
  wouldHelp?: string;
  /** When it suits them, in their own words ("dinsdagochtend"). */
  preferredTimes?: string;
  /** What Voordeur understood from all of those words together, in Dutch, for the coach. */
  preferenceUnderstood?: string;
  form: MeetingForm;
  /** For phone and video meetings: the number to call or send the link to, kept with consent. */
  phone?: string;
  /** The resident's language (ISO 639-1). */
  language: string;
  /** Where they reached us: 'webchat', 'whatsapp', … */
  channel: string;
}
