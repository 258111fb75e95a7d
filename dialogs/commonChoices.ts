import { commandValues, type Choice } from './recognize.js';

/**
 * Answers that stand under more than one question. Commands among them ("Bel mij liever",
 * "Menu") are handled by the command router wherever they are pressed, not by the question.
 */

/** "Ja" and "Nee", for questions that are only that. */
export const yesChoice: Choice = {
  value: 'yes',
  buttonKey: 'common.yes.button',
  synonymsKey: 'common.yes.synonyms',
};
export const noChoice: Choice = {
  value: 'no',
  buttonKey: 'common.no.button',
  synonymsKey: 'common.no.synonyms',
};

/** "Sla over" under every question that may be skipped. */
export const skipChoice: Choice = {
  value: 'skip',
  buttonKey: 'plan.skip.button',
  synonymsKey: 'plan.skip.synonyms',
};

/** "Maakt niet uit": any time suits, for a meeting or for a call back. */
export const anytimeChoice: Choice = {
  value: 'when:anytime',
  buttonKey: 'plan.when.anytime.button',
};

/** "Bel mij liever": a call-back request instead of a meeting planned in the chat. */
export const callbackChoice: Choice = {
  value: commandValues.callback,
  buttonKey: 'callback.button',
};

/** "Menu": back to the first question. */
export const menuChoice: Choice = { value: commandValues.menu, buttonKey: 'menu.button' };

/** "Afspraak verzetten" and "Afspraak afzeggen", once a meeting is booked. */
export const moveChoice: Choice = { value: commandValues.move, buttonKey: 'booking.move.button' };
export const cancelChoice: Choice = {
  value: commandValues.cancel,
  buttonKey: 'booking.cancel.button',
};

/** "Meer weten": the full privacy text. */
export const privacyChoice: Choice = {
  value: commandValues.privacy,
  buttonKey: 'privacy.more.button',
};
