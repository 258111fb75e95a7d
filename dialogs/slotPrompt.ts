import { InputHints, MessageFactory, type TurnContext } from 'botbuilder';
import {
  Dialog,
  type DialogContext,
  type DialogInstance,
  type DialogTurnResult,
} from 'botbuilder-dialogs';
import { z } from 'zod';
import { languages, languageTags } from '../src/domain/language.js';
import { parseTimePreference } from '../src/domain/timePreference.js';
import type { DialogDeps } from './deps.js';
import { localize, localizableSchema } from './localizable.js';
import {
  attachmentReplyKey,
  commandValues,
  normalize,
  normalizedPhrases,
  readInput,
  recognizeExactChoice,
  type Choice,
} from './recognize.js';
import { replyFor, type Reply } from './reply.js';
import { readSlotValue, renderCard, slotCardSchema } from './slotCard.js';

export const SLOT_PROMPT = 'slotPrompt';

/** "Andere tijd": ask again when it suits. Also the "Nee" of the read-back. */
export const otherTimeChoice: Choice = {
  value: 'plan:otherTime',
  buttonKey: 'plan.otherTime.button',
  synonymsKey: 'plan.otherTime.synonyms',
};

/** "Bel mij liever": a global command, handled by the interruptions wherever it is pressed. */
export const callbackChoice: Choice = {
  value: commandValues.callback,
  buttonKey: 'callback.button',
};

/** What is offered: a few sentences first ("Dinsdagochtend lukt helaas niet."), then the cards. */
export const offerSchema = z.object({
  lead: z.array(localizableSchema),
  cards: z.array(slotCardSchema),
});
export type Offer = z.infer<typeof offerSchema>;

/**
 * The resident's pick: a slot (with its card when it was on offer), another time, or a new time
 * typed instead ("donderdag"), already understood by the domain, to propose anew.
 */
export const slotAnswerSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('slot'),
    coachId: z.string(),
    start: z.string(),
    card: slotCardSchema.optional(),
  }),
  z.object({ kind: z.literal('otherTime') }),
  z.object({ kind: z.literal('time'), text: z.string() }),
]);
export type SlotAnswer = z.infer<typeof slotAnswerSchema>;

const ordinalKeys = [
  'plan.pick.first.synonyms',
  'plan.pick.second.synonyms',
  'plan.pick.third.synonyms',
] as const;

const stateSchema = z.object({ offer: offerSchema });

/**
 * Shows up to three slots as cards and waits for a pick: the card's button (any channel), its
 * number typed ("2", "de tweede"), "Andere tijd", or a new time in words. After a language
 * switch the cards are shown again in the new language.
 */
export class SlotPromptDialog extends Dialog<Offer> {
  constructor(private readonly deps: DialogDeps) {
    super(SLOT_PROMPT);
  }

  override async beginDialog(dc: DialogContext, options?: Offer): Promise<DialogTurnResult> {
    const state = stateSchema.parse({ offer: options });
    if (dc.activeDialog) dc.activeDialog.state = state;
    await this.show(await replyFor(this.deps, dc.context), dc.context, state.offer);
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    if (!dc.activeDialog || dc.context.activity.type !== 'message') return Dialog.EndOfTurn;
    const { offer } = stateSchema.parse(dc.activeDialog.state);
    const reply = await replyFor(this.deps, dc.context);

    const pressed = readSlotValue(dc.context.activity);
    if (pressed) {
      const card = offer.cards.find(
        (candidate) => candidate.coachId === pressed.coachId && candidate.start === pressed.start,
      );
      const answer: SlotAnswer = {
        kind: 'slot',
        coachId: pressed.coachId,
        start: pressed.start,
        card,
      };
      return dc.endDialog(answer);
    }

    const input = readInput(dc.context.activity);
    if (input.kind === 'text') {
      const answer = this.understand(input.text, offer, reply);
      if (answer) return dc.endDialog(answer);
    }
    await reply.send(
      input.kind === 'attachment' ? attachmentReplyKey(input) : 'plan.offer.notUnderstood',
    );
    await this.askToPick(reply, offer);
    return Dialog.EndOfTurn;
  }

  override async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    const { offer } = stateSchema.parse(instance.state);
    await this.show(await replyFor(this.deps, context), context, offer);
  }

  private understand(text: string, offer: Offer, reply: Reply): SlotAnswer | undefined {
    const { i18n } = this.deps;
    if (recognizeExactChoice(text, [otherTimeChoice], reply.lng, i18n))
      return { kind: 'otherTime' };
    const words = normalize(text);
    for (const [index, key] of ordinalKeys.entries()) {
      const card = offer.cards[index];
      if (!card) break;
      const said = [reply.lng, ...languages.filter((lng) => lng !== reply.lng)].some((lng) =>
        normalizedPhrases(i18n, lng, [], [key]).includes(words),
      );
      if (said) return { kind: 'slot', coachId: card.coachId, start: card.start, card };
    }
    const time = parseTimePreference(text, { now: this.deps.clock.now(), language: reply.lng });
    return time.kind === 'unclear' ? undefined : { kind: 'time', text };
  }

  private async show(reply: Reply, context: TurnContext, offer: Offer): Promise<void> {
    const lead = offer.lead.map((part) => String(localize(reply, part))).join(' ');
    if (offer.cards.length > 0) {
      const cards = offer.cards.map((card, index) =>
        renderCard(reply, card, index + 1, this.deps.publicBaseUrl),
      );
      // A list, not a carousel: three cards one below the other read better on a phone.
      const activity = MessageFactory.list(cards, lead, undefined, InputHints.IgnoringInput);
      activity.locale = languageTags[reply.lng];
      await context.sendActivity(activity);
    } else if (lead !== '') {
      await reply.sendText(lead);
    }
    await this.askToPick(reply, offer);
  }

  private async askToPick(reply: Reply, offer: Offer): Promise<void> {
    const key = offer.cards.length > 0 ? 'plan.offer.ask' : 'plan.offer.askNone';
    await reply.ask(key, [otherTimeChoice, callbackChoice]);
  }
}
