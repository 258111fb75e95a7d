import { InputHints, MessageFactory, type TurnContext } from 'botbuilder';
import * as z from 'zod';
import { languageTags } from '../src/domain/language.js';
import { callbackChoice } from './commonChoices.js';
import type { DialogDeps } from './deps.js';
import { localize } from './localizable.js';
import { LocalizedPrompt, type PromptTurn, type Read } from './localizedPrompt.js';
import { offerSchema, type Offer } from './offer.js';
import {
  attachmentReplyKey,
  languagesFrom,
  normalize,
  normalizedPhrases,
  readInput,
  recognizeExactChoice,
  type Choice,
} from './recognize.js';
import type { Reply } from './reply.js';
import { readSlotValue, renderCards, slotCardSchema } from './slotCard.js';
import { readingDoubtsSchema, timePreferenceSchema } from './timePreferenceSchema.js';
import { preferenceOfWords } from './whenQuestion.js';

export const SLOT_PROMPT = 'slotPrompt';

/** "Andere tijd": ask again when it suits. Also the "Nee" of the read-back. */
export const otherTimeChoice: Choice = {
  value: 'plan:otherTime',
  buttonKey: 'plan.otherTime.button',
  synonymsKey: 'plan.otherTime.synonyms',
};

/**
 * The resident's pick: a slot (with its card when it was on offer), another time, or a new time
 * typed instead ("donderdag"), already read as a preference, to propose anew.
 */
export const slotAnswerSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('slot'),
    coachId: z.string(),
    start: z.string(),
    card: slotCardSchema.optional(),
  }),
  z.object({ kind: z.literal('otherTime') }),
  z
    .object({ kind: z.literal('time'), text: z.string(), preference: timePreferenceSchema })
    .extend(readingDoubtsSchema.shape),
]);
export type SlotAnswer = z.infer<typeof slotAnswerSchema>;

const ordinalKeys = [
  'plan.pick.first.synonyms',
  'plan.pick.second.synonyms',
  'plan.pick.third.synonyms',
] as const;

/**
 * Shows up to three slots as cards and waits for a pick: the card's button (any channel), its
 * number typed ("2", "de tweede"), "Andere tijd", or a new time in words. After a language
 * switch the cards are shown again in the new language.
 */
export class SlotPrompt extends LocalizedPrompt<SlotAnswer, Offer> {
  constructor(deps: DialogDeps) {
    super(SLOT_PROMPT, deps, offerSchema);
  }

  protected async ask(
    { context, reply, options: offer }: PromptTurn<Offer>,
    isRetry: boolean,
  ): Promise<void> {
    if (!isRetry) await this.show(context, reply, offer);
    const key = offer.cards.length > 0 ? 'plan.offer.ask' : 'plan.offer.askNone';
    await reply.ask(key, [otherTimeChoice, callbackChoice]);
  }

  protected read({ context, reply, options: offer }: PromptTurn<Offer>): Read<SlotAnswer> {
    const pressed = readSlotValue(context.activity);
    if (pressed) {
      const card = offer.cards.find(
        (candidate) => candidate.coachId === pressed.coachId && candidate.start === pressed.start,
      );
      return { value: { kind: 'slot', coachId: pressed.coachId, start: pressed.start, card } };
    }
    const input = readInput(context.activity);
    if (input.kind === 'attachment') return { problem: { key: attachmentReplyKey(input) } };
    const answer = input.kind === 'text' ? this.understand(input.text, offer, reply) : undefined;
    return answer ? { value: answer } : { problem: { key: 'plan.offer.notUnderstood' } };
  }

  private understand(text: string, offer: Offer, reply: Reply): SlotAnswer | undefined {
    const { i18n } = this.deps;
    if (recognizeExactChoice(text, [otherTimeChoice], reply.lng, i18n)) {
      return { kind: 'otherTime' };
    }
    const words = normalize(text);
    for (const [index, key] of ordinalKeys.entries()) {
      const card = offer.cards[index];
      if (!card) break;
      const said = languagesFrom(reply.lng).some((lng) =>
        normalizedPhrases(i18n, lng, [], [key]).includes(words),
      );
      if (said) return { kind: 'slot', coachId: card.coachId, start: card.start, card };
    }
    const time = preferenceOfWords(text, this.deps.clock.now(), reply.lng);
    return 'preference' in time ? { kind: 'time', text, ...time } : undefined;
  }

  /** The lead ("Dinsdagochtend lukt helaas niet.") with the cards under it, or the lead alone. */
  private async show(context: TurnContext, reply: Reply, offer: Offer): Promise<void> {
    const lead = offer.lead.map((part) => String(localize(reply, part))).join(' ');
    if (offer.cards.length > 0) {
      const cards = renderCards(reply, offer.cards, this.deps.publicBaseUrl);
      // A list, not a carousel: three cards one below the other read better on a phone.
      const activity = MessageFactory.list(cards, lead, undefined, InputHints.IgnoringInput);
      activity.locale = languageTags[reply.lng];
      await context.sendActivity(activity);
    } else if (lead !== '') {
      await reply.sendText(lead);
    }
  }
}
