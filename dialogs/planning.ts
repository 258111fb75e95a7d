import type { TurnContext } from 'botbuilder';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { ConversationTurnState } from '../src/bot/conversationTurnState.js';
import type { Coach } from '../src/domain/coach.js';
import {
  PLANNING_ZONE,
  dayParts,
  type TimePreference,
  type Weekday,
} from '../src/domain/planning.js';
import { icsAttachment, icsFileName, meetingIcs } from '../src/planning/icsFile.js';
import type { ProposalResult, ResidentContext } from '../src/planning/planner.js';
import type { Booking } from '../src/ports/bookings.js';
import type { DialogDeps } from './deps.js';
import { localize, type Localizable } from './localizable.js';
import type { Choice } from './recognize.js';
import { languageOf, type Reply } from './reply.js';
import { cardOf, readBack, type Whereabouts } from './slotCard.js';
import { callbackChoice, type Offer } from './slotPrompt.js';

/** What a resident can plan a first meeting for (a question first is another path). */
export const planIntents = ['work', 'meaningful', 'talk'] as const;
export type PlanIntent = (typeof planIntents)[number];

/** The answers to the light questions, in the resident's words or the chosen button's title. */
export const answersSchema = z.object({
  wishes: z.string().optional(),
  doesAlready: z.string().optional(),
  wouldHelp: z.string().optional(),
});
export type Answers = z.infer<typeof answersSchema>;

const range = z.object({ start: z.number(), end: z.number() });
const weekday = z.literal([1, 2, 3, 4, 5, 6, 7]);

/** {@link TimePreference} as it is kept in dialog state between turns. */
export const timePreferenceSchema: z.ZodType<TimePreference> = z.object({
  days: z.array(weekday).optional(),
  excludedDays: z.array(weekday).optional(),
  dates: z.array(z.string()).optional(),
  excludedDates: z.array(z.string()).optional(),
  times: z.array(range).optional(),
  excludedTimes: z.array(range).optional(),
  earliest: z.string().optional(),
  latest: z.string().optional(),
  at: z.object({ date: z.string(), minute: z.number() }).optional(),
});

/** The conversation that owns a booking: the same key the turn state uses. */
export function residentKeyOf(context: TurnContext): string {
  return ConversationTurnState.keyOf(context);
}

/** Who is planning, for the planner: language, channel, area and their earlier coach. */
export async function residentOf(deps: DialogDeps, context: TurnContext): Promise<ResidentContext> {
  const profile = (await deps.state.profile.get(context)) ?? {};
  return {
    key: residentKeyOf(context),
    language: await languageOf(deps, context),
    channel: context.activity.channelId ?? 'unknown',
    ...(profile.postcode ? { postcode: profile.postcode } : {}),
    ...(profile.place ? { place: profile.place } : {}),
    ...(profile.coachId ? { previousCoachId: profile.coachId } : {}),
  };
}

export function whereaboutsOf(resident: ResidentContext): Whereabouts {
  return { postcode: resident.postcode, place: resident.place };
}

// ---------------------------------------------------------------------------------------------
// "Wanneer komt het u goed uit?"

const weekdayButtonKeys: Partial<Record<Weekday, string>> = {
  1: 'plan.when.monday.button',
  2: 'plan.when.tuesday.button',
  3: 'plan.when.wednesday.button',
  4: 'plan.when.thursday.button',
  5: 'plan.when.friday.button',
};

const whenValues = {
  morning: 'when:morning',
  afternoon: 'when:afternoon',
  anytime: 'when:anytime',
  day: (weekday: Weekday) => `when:day:${weekday}`,
} as const;

/** "Sla over" under every question that may be skipped. */
export const skipChoice: Choice = {
  value: 'skip',
  buttonKey: 'plan.skip.button',
  synonymsKey: 'plan.skip.synonyms',
};

/** "Maakt niet uit" also answers "when may we call you?". */
export const anytimeChoice: Choice = {
  value: whenValues.anytime,
  buttonKey: 'plan.when.anytime.button',
};

/**
 * The buttons under "Wanneer komt het u goed uit?": morning, afternoon, any time, the next
 * three working days (tomorrow's first), and "Bel mij liever". Seven buttons: within the ten
 * a WhatsApp list allows. Other days and times are typed.
 */
export function whenChoices(now: Date): Choice[] {
  const today = DateTime.fromJSDate(now).setZone(PLANNING_ZONE);
  const days: Choice[] = [];
  for (let ahead = 1; days.length < 3 && ahead <= 7; ahead += 1) {
    const weekday = today.plus({ days: ahead }).weekday as Weekday;
    const buttonKey = weekdayButtonKeys[weekday];
    if (buttonKey) days.push({ value: whenValues.day(weekday), buttonKey });
  }
  return [
    { value: whenValues.morning, buttonKey: 'plan.when.morning.button' },
    { value: whenValues.afternoon, buttonKey: 'plan.when.afternoon.button' },
    anytimeChoice,
    ...days,
    callbackChoice,
  ];
}

/** The preference a "when" button stands for, or `undefined` for another value. */
export function preferenceOfChoice(value: string): TimePreference | undefined {
  if (value === whenValues.morning) return { times: [dayParts.morning] };
  if (value === whenValues.afternoon) return { times: [dayParts.afternoon] };
  if (value === whenValues.anytime) return {};
  const day = /^when:day:([1-7])$/.exec(value)?.[1];
  return day ? { days: [Number(day) as Weekday] } : undefined;
}

// ---------------------------------------------------------------------------------------------
// Offers

const relaxedKeys = {
  times: 'plan.offer.relaxed.times',
  days: 'plan.offer.relaxed.days',
  everything: 'plan.offer.relaxed.everything',
} as const;

/**
 * What to show for the planner's answer. Alternatives say plainly what did not work, in the
 * resident's own words ("“dinsdagochtend” lukt helaas niet."), then what was let go.
 */
export function offerOf(
  result: ProposalResult,
  preference: TimePreference,
  words: string | undefined,
  whereabouts: Whereabouts,
  before: Localizable[] = [],
): Offer {
  switch (result.kind) {
    case 'matches': {
      const anything = Object.keys(preference).length === 0;
      return {
        lead: [...before, { key: anything ? 'plan.offer.first' : 'plan.offer.matches' }],
        cards: result.proposals.map((proposal) => cardOf(proposal, whereabouts)),
      };
    }
    case 'alternatives':
      return {
        lead: [
          ...before,
          ...(words ? [{ key: 'plan.offer.notPossible', values: { words } }] : []),
          { key: relaxedKeys[result.relaxed] },
        ],
        cards: result.proposals.map((proposal) => cardOf(proposal, whereabouts)),
      };
    case 'none':
      return { lead: [...before, { key: 'plan.offer.none' }], cards: [] };
  }
}

// ---------------------------------------------------------------------------------------------
// A booked meeting

/** The booked meeting in words: "donderdag 3 december om 13:30 bij Dorpshuis Den Domp, met Elke". */
export function meetingOf(booking: Booking, coach: Coach): Localizable {
  const place = coach.places.find((candidate) => candidate.id === booking.placeId);
  return readBack({
    start: booking.start,
    coachName: coach.name,
    form: booking.form,
    placeName: place?.name,
  });
}

/**
 * The calendar file for the resident, in their language: title, where, and how to move or
 * cancel. Sent as a data URL, so no channel needs a download route.
 */
export function calendarFile(
  deps: DialogDeps,
  reply: Reply,
  booking: Booking,
  coach: Coach,
): { contentType: string; name: string; contentUrl: string } {
  const place = coach.places.find((candidate) => candidate.id === booking.placeId);
  const meeting = String(localize(reply, meetingOf(booking, coach)));
  const title = reply.text('ics.title', { coach: coach.name });
  const ics = meetingIcs({
    booking,
    title,
    description: reply.text('ics.description', { meeting, phone: deps.municipality.phone }),
    ...(place ? { location: `${place.name}, ${place.address}` } : {}),
    organizer: deps.municipality.name,
  });
  return icsAttachment(ics, icsFileName(title, reply.text('ics.fileName')));
}

/**
 * The upcoming booking this conversation made, if it still exists; forgets one that is gone or
 * over (the coach stays remembered, for continuity).
 */
export async function currentBooking(
  deps: DialogDeps,
  context: TurnContext,
): Promise<
  { current: { coachId: string; bookingId: string }; booking: Booking; coach: Coach } | undefined
> {
  const profile = await deps.state.profile.get(context);
  const current = profile?.booking;
  if (!profile || !current) return undefined;
  const found = await deps.planner.find(current);
  const upcoming = found && Date.parse(found.booking.end) > deps.clock.now().getTime();
  if (found && upcoming && found.booking.residentKey === residentKeyOf(context)) {
    return { current, ...found };
  }
  const rest = { ...profile };
  delete rest.booking;
  await deps.state.profile.set(context, rest);
  return undefined;
}
