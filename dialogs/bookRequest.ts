import type { MeetingForm } from '../src/domain/coach.js';
import type { HandoffSummary } from '../src/domain/handoff.js';
import type { Language } from '../src/domain/language.js';
import type { BookRequest, ResidentContext } from '../src/planner/planner.js';
import { needsNumber } from './scheduleChoices.js';
import type { ScheduleMeetingOptions, ScheduleValues } from './scheduleMeetingOptions.js';
import type { SlotCard } from './slotCard.js';

/**
 * What the planner books: the chosen slot and way of meeting, with a summary for the coach of
 * what the resident said. A moved meeting keeps its place when it stays with the same coach;
 * the phone number goes along only for a call or video meeting.
 */
export function bookRequestOf(meeting: {
  options: ScheduleMeetingOptions;
  values: ScheduleValues;
  card: SlotCard;
  form: MeetingForm;
  resident: ResidentContext;
  language: Language;
  /** The combined preference in Dutch, for the coach ("dinsdag tussen 12:00 en 15:00"). */
  preferenceUnderstood?: string;
}): BookRequest {
  const { options, values, card, form, resident } = meeting;
  const { moving } = options;
  const placeId =
    form === 'location' || form === 'walk'
      ? moving?.coachId === card.coachId && moving.placeId
        ? moving.placeId
        : card.place.id
      : undefined;
  const phone = needsNumber(form) ? values.phone : undefined;
  const summary: HandoffSummary = {
    intent: options.intent,
    ...options.answers,
    ...(values.words ? { preferredTimes: values.words } : {}),
    ...(meeting.preferenceUnderstood ? { preferenceUnderstood: meeting.preferenceUnderstood } : {}),
    ...(phone ? { phone } : {}),
    form,
    language: meeting.language,
    channel: resident.channel,
  };
  return {
    coachId: card.coachId,
    start: card.start,
    resident,
    form,
    ...(placeId ? { placeId } : {}),
    summary,
    ...(values.preference ? { preference: values.preference } : {}),
  };
}
