import type { MeetingForm } from './coach.js';

/**
 * What the team reviews of one conversation: where it came from, how far it got, and the steps
 * it went through, as codes. It holds no free text and no phone number: the resident agreed to
 * give their words to their coach (the handoff) and their number for a call back, not to have
 * them read by whoever reviews conversations. It is filed under a pseudonym of the
 * conversation, never its id.
 */
export interface ConversationReview {
  /** Pseudonym of the conversation key. */
  id: string;
  /** ISO week of the first message (`2026-W48`): the week it counts in. */
  week: string;
  startedAt: string;
  /** Last time something changed in it (a step, a booking, a call-back). */
  lastAt: string;
  channel: string;
  language: string;
  /** What happened, in order, as {@link StepCode}s; a step repeated in a row is kept once. */
  steps: StepCode[];
  intent?: 'work' | 'meaningful' | 'talk';
  form?: MeetingForm;
  /** The current booking, if any. */
  booking?: { coachId: string; bookingId: string; start: string };
  /** The coach of the last booking, kept after a cancellation (for the coach filter). */
  coachId?: string;
  /** True once a booking was cancelled and no new one made. */
  cancelled?: boolean;
  /** Id of the call-back request, if the resident asked for one. */
  callbackId?: string;
  /** Stored status; `active` is shown as `open` or `dropped` depending on how long ago. */
  stored: StoredStatus;
}

/**
 * Steps a conversation can go through. The dialog ones come from the dialog that was active
 * after a turn; the others from what the planner and the call-back store were asked to do.
 */
export const stepCodes = [
  'greeted',
  'menu',
  'question',
  'planning',
  'offered',
  'booked',
  'moving',
  'moved',
  'cancelling',
  'cancelled',
  'callbackAsked',
  'callbackStored',
] as const;
export type StepCode = (typeof stepCodes)[number];

/** The dialog ids whose being active is a step worth showing, and the step each means. */
export const dialogSteps: Record<string, StepCode> = {
  welcome: 'greeted',
  main: 'menu',
  askQuestion: 'question',
  planMeeting: 'planning',
  moveMeeting: 'moving',
  cancelMeeting: 'cancelling',
  requestCallback: 'callbackAsked',
};

export type StoredStatus = 'booked' | 'callback' | 'cancelled' | 'question' | 'active';

/**
 * Statuses the team filters on:
 * - `booked`: a first meeting is booked (and not cancelled);
 * - `callback`: a call-back request was stored, no meeting booked;
 * - `question`: the resident only asked questions (never started planning, no call-back);
 * - `dropped`: started but got no meeting, no call-back and no answered question, and has
 *   been quiet for {@link droppedAfterMinutes} (they left before booking);
 * - `open`: the same, but still recent: they may yet come back;
 * - `cancelled`: a booked meeting was cancelled from the chat.
 */
export const reviewStatuses = [
  'booked',
  'callback',
  'question',
  'dropped',
  'open',
  'cancelled',
] as const;
export type ReviewStatus = (typeof reviewStatuses)[number];

/** Quiet this long without a booking, call-back or question: dropped before booking. */
export const droppedAfterMinutes = 60;

/** The most steps kept: enough for any real conversation, bounded for a looping one. */
const maxSteps = 40;

/** The stored status after the conversation's facts changed. */
export function storedStatusOf(review: Omit<ConversationReview, 'stored'>): StoredStatus {
  if (review.booking) return 'booked';
  if (review.callbackId) return 'callback';
  if (review.cancelled) return 'cancelled';
  const planned = review.steps.some((step) => step === 'planning' || step === 'offered');
  if (!planned && review.steps.includes('question')) return 'question';
  return 'active';
}

/** The status shown at `now`: an `active` conversation is `open` until it has been quiet long enough. */
export function statusAt(
  review: Pick<ConversationReview, 'stored' | 'lastAt'>,
  now: Date,
): ReviewStatus {
  if (review.stored !== 'active') return review.stored;
  const quietMs = now.getTime() - Date.parse(review.lastAt);
  return quietMs >= droppedAfterMinutes * 60_000 ? 'dropped' : 'open';
}

/** The moment before which an `active` conversation's last change makes it `dropped`. */
export function droppedCutoff(now: Date): string {
  return new Date(now.getTime() - droppedAfterMinutes * 60_000).toISOString();
}

/** `steps` with `step` added, unless it is already the last one. */
export function withStep(steps: readonly StepCode[], step: StepCode): StepCode[] {
  if (steps[steps.length - 1] === step) return [...steps];
  return [...steps, step].slice(-maxSteps);
}

/** A new review for a conversation's first message. */
export function startReview(input: {
  id: string;
  week: string;
  at: string;
  channel: string;
  language: string;
}): ConversationReview {
  const base = {
    id: input.id,
    week: input.week,
    startedAt: input.at,
    lastAt: input.at,
    channel: input.channel,
    language: input.language,
    steps: [] as StepCode[],
  };
  return { ...base, stored: storedStatusOf(base) };
}

/** `review` changed by `change`, with its `lastAt` and stored status brought up to date. */
export function updateReview(
  review: ConversationReview,
  at: string,
  change: (draft: Omit<ConversationReview, 'stored'>) => Omit<ConversationReview, 'stored'>,
): ConversationReview {
  const { stored: _stored, ...facts } = review;
  void _stored;
  const next = change({ ...facts, steps: [...facts.steps] });
  const changed = { ...next, lastAt: at > next.lastAt ? at : next.lastAt };
  return { ...changed, stored: storedStatusOf(changed) };
}
