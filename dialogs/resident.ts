import type { TurnContext } from 'botbuilder';
import { conversationKey } from '../src/domain/conversationKey.js';
import type { ResidentContext } from '../src/planner/planner.js';
import type { DialogDeps } from './deps.js';
import { languageOf } from './reply.js';
import type { Whereabouts } from './slotCard.js';

/** The conversation that owns a booking: the same key the turn state uses. */
export function residentKeyOf(context: TurnContext): string {
  return conversationKey(context.activity);
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

/** Where the resident lives, as far as they said: the coach's nearest place is shown. */
export function whereaboutsOf(resident: ResidentContext): Whereabouts {
  return { postcode: resident.postcode, place: resident.place };
}
