import * as z from 'zod';
import { meetingForms, type MeetingForm } from '../src/domain/coach.js';
import { cancelChoice, menuChoice, moveChoice } from './commonChoices.js';
import type { Choice } from './recognize.js';
import { formButtonKeys } from './slotCard.js';
import { otherTimeChoice } from './slotPrompt.js';

/** The answers under the schedule's questions: how to meet, the read-back, after booking. */

/** "Nee, andere tijd" under the read-back: "nee" and "andere tijd" both mean it. */
export const notThisTimeChoice: Choice = {
  value: otherTimeChoice.value,
  buttonKey: 'plan.confirm.no.button',
  synonymsKey: ['common.no.synonyms', 'plan.otherTime.synonyms'],
};

/** Buttons after booking: global commands, so the command router acts on them when pressed. */
export const afterBookingChoices: Choice[] = [moveChoice, cancelChoice, menuChoice];

export const formValue = (form: MeetingForm) => `form:${form}`;

/** The way to meet a "form:…" value stands for. */
export const formOfValue = z
  .string()
  .transform((value) => value.replace(/^form:/, ''))
  .pipe(z.enum(meetingForms));

/** The coach's ways to meet as buttons, in the order of {@link meetingForms}. */
export function formChoices(forms: readonly MeetingForm[]): Choice[] {
  return meetingForms
    .filter((form) => forms.includes(form))
    .map((form) => ({ value: formValue(form), buttonKey: formButtonKeys[form] }));
}

/** Meetings a coach can only hold with the resident's phone number. */
export const needsNumber = (form: MeetingForm) => form === 'phone' || form === 'video';
