import { DateTime } from 'luxon';
import * as z from 'zod';
import type { NotPossibleReason } from '../src/domain/availability.js';
import { PLANNING_ZONE, type TimePreference } from '../src/domain/calendarTime.js';
import type { ProposalResult, ResidentContext } from '../src/planner/planner.js';
import type { DialogDeps } from './deps.js';
import { localizableSchema, type Localizable } from './localizable.js';
import { whereaboutsOf } from './resident.js';
import { cardOf, slotCardSchema, type SlotCard, type Whereabouts } from './slotCard.js';

/** What is offered: a few sentences first ("Dinsdagochtend lukt helaas niet."), then the cards. */
export const offerSchema = z.object({
  lead: z.array(localizableSchema),
  cards: z.array(slotCardSchema),
});
export type Offer = z.infer<typeof offerSchema>;

const relaxedKeys = {
  startTime: 'timePreference.offer.nearest',
  times: 'plan.offer.relaxed.times',
  days: 'plan.offer.relaxed.days',
  everything: 'plan.offer.relaxed.everything',
} as const;

/** The rule behind "lukt niet", when there is one. */
const whyKeys: Record<NotPossibleReason, string> = {
  notice: 'timePreference.why.notice',
  noWork: 'timePreference.why.noWork',
  closed: 'timePreference.why.closed',
  horizon: 'timePreference.why.horizon',
  outsideHours: 'timePreference.why.outsideHours',
};

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
          // The rule behind it ("Op die dag werken de coaches niet."), then what does work.
          ...(result.why ? [{ key: whyKeys[result.why] }] : []),
          { key: relaxedKeys[result.relaxed] },
        ],
        cards: result.proposals.map((proposal) => cardOf(proposal, whereabouts)),
      };
    case 'none':
      return { lead: [...before, { key: 'plan.offer.none' }], cards: [] };
  }
}

/** Asks the planner for times that suit `preference`, as an offer to show. */
export async function proposeOffer(
  deps: DialogDeps,
  resident: ResidentContext,
  preference: TimePreference,
  words: string | undefined,
  before: Localizable[] = [],
): Promise<Offer> {
  const result = await deps.planner.propose(resident, preference);
  return offerOf(result, preference, words, whereaboutsOf(resident), before);
}

/**
 * Whether a slot that was not part of this offer (an old card's button) can still be had:
 * proposed again for exactly that moment, by any coach's calendar.
 */
export async function cardIfStillFree(
  deps: DialogDeps,
  resident: ResidentContext,
  coachId: string,
  start: string,
): Promise<SlotCard | undefined> {
  const startAt = new Date(start);
  if (startAt.getTime() <= deps.clock.now().getTime()) return undefined;
  const local = DateTime.fromJSDate(startAt).setZone(PLANNING_ZONE);
  const date = local.toISODate();
  if (!date) return undefined;
  const anyone: ResidentContext = {
    key: resident.key,
    language: resident.language,
    channel: resident.channel,
  };
  const result = await deps.planner.propose(
    anyone,
    { at: { date, minute: local.hour * 60 + local.minute } },
    10,
  );
  if (result.kind !== 'matches') return undefined;
  const proposal = result.proposals.find(
    (candidate) =>
      candidate.coach.id === coachId && candidate.start.getTime() === startAt.getTime(),
  );
  return proposal ? cardOf(proposal, whereaboutsOf(resident)) : undefined;
}
