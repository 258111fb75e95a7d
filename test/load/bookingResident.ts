import { readFileSync } from 'node:fs';
import { shown, slotsOffered, type BotMessage, type Chat, type SlotValue } from './chat.js';

/**
 * A resident who books a first meeting in ten messages, as people do in the chat: a greeting,
 * "I want work", three answers in their own words, a postcode, a time of day, a time card, the
 * meeting place, yes. Each answer is checked against what that step should say (a step that
 * answers like an earlier or later one means the conversation lost or repeated an update).
 *
 * Told the store is down, the resident waits and sends the same message again, as the message
 * asks; a time taken by someone else is followed by one of the fresh times offered.
 */

const nl = JSON.parse(
  readFileSync(new URL('../../locales/nl/translation.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;
/** The Dutch text of a key, up to its first interpolation (`{{`). */
const text = (key: string) => {
  const value = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], nl);
  return String(value).split('{{')[0]!;
};

export const says = {
  storeDown: text('error.storeDown'),
  apology: text('error.apology'),
  delayed: text('outbox.delayed').split('.')[0]!.replace('Uw afspraak met ', ''),
  booked: text('plan.booked.done'),
  taken: text('plan.unavailable.taken'),
  gone: text('plan.unavailable.gone'),
};
/** The calendar-delayed notice: "… De agenda van <coach> werkt nu even niet. …" */
export const isDelayedNotice = (m: BotMessage) => /werkt nu even niet/.test(m.text ?? '');

export interface ResidentOutcome {
  /** Messages sent and answered (a message sent again after "store down" counts again). */
  sent: number;
  answered: number;
  latencies: number[];
  /** Every message: when it was sent (performance.now), how long until answered, what it got. */
  messages: { at: number; ms: number; answered: boolean; storeDown: boolean }[];
  /** Steps whose answer was not what that step says (lost or repeated updates). */
  wrongAnswers: string[];
  /**
   * Messages sent again after "store down" that found the conversation a step further: the
   * turn's write had landed although its answer never came (the resident was told it had not).
   */
  savedThoughToldNot: number;
  /** Times the resident was told the store is down, or got the general apology. */
  toldStoreDown: number;
  apologies: number;
  /** The time booked, if the conversation ended in "Gelukt!". */
  booked?: SlotValue;
  /** Why a resident who got no wrong answer still has no booking. */
  unbooked?: string;
  /** Times a chosen time was taken by another resident first. */
  taken: number;
}

export interface ResidentPlan {
  postcode: number;
  /** What the resident types when asked when it suits them. */
  when: string;
  /** Which of the offered cards they take (0: the first). */
  card: number;
  /** Resolves when the resident may say "Ja" (phase c: after the calendar went down). */
  beforeConfirm?: () => Promise<void>;
  /** Called when the resident is at the read-back, before waiting for `beforeConfirm`. */
  atReadBack?: () => void;
  /** Shared by all residents of a phase: messages sent so far. */
  progress?: { sent: number };
  /** Pause between messages (reading and typing). */
  thinkMs: number;
  /** Stop sending again after "store down" after this long (ms, performance.now scale). */
  giveUpAt: number;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function bookFirstMeeting(chat: Chat, plan: ResidentPlan): Promise<ResidentOutcome> {
  const outcome: ResidentOutcome = {
    sent: 0,
    answered: 0,
    latencies: [],
    messages: [],
    wrongAnswers: [],
    toldStoreDown: 0,
    apologies: 0,
    taken: 0,
    savedThoughToldNot: 0,
  };

  /** Whether the last answer was to a message sent again after "store down". */
  let lastSentAgain = false;
  /** Every answer to the last message, the "store down" ones included (they may hold cards). */
  let lastAllReplies: BotMessage[] = [];
  /** Sends until the answer is not "store down"; returns the answer. */
  const say = async (words: string, value?: unknown): Promise<BotMessage[]> => {
    let again = false;
    lastAllReplies = [];
    for (;;) {
      await pause(plan.thinkMs);
      outcome.sent++;
      if (plan.progress) plan.progress.sent++;
      const at = performance.now();
      const { replies, ms } = await chat.say(words, value);
      lastSentAgain = again;
      again = true;
      lastAllReplies.push(...replies);
      if (replies.length > 0) {
        outcome.answered++;
        outcome.latencies.push(ms);
      }
      const seen = shown(replies);
      const storeDown = seen.includes(says.storeDown);
      const apology = seen.includes(says.apology);
      outcome.messages.push({ at, ms, answered: replies.length > 0, storeDown });
      if (storeDown) outcome.toldStoreDown++;
      if (apology) outcome.apologies++;
      if ((!storeDown && replies.length > 0) || performance.now() > plan.giveUpAt) return replies;
      await pause(1000);
    }
  };
  const expect = (step: string, replies: BotMessage[], ok: (seen: string) => boolean) => {
    if (!ok(shown(replies))) {
      outcome.wrongAnswers.push(`${step}: ${shown(replies).slice(0, 160).replace(/\n/g, ' | ')}`);
      return false;
    }
    return true;
  };
  const has = (key: string) => (seen: string) => seen.includes(key);

  // The questions before the times. After "store down", the message sent again may find the
  // conversation one step further: the write whose answer never came had landed after all.
  const steps: [name: string, words: string, answer: string][] = [
    ['hallo', 'Hallo', ''],
    ['werk', 'Ik wil werk', 'Wat voor werk zou u graag doen?'],
    ['wensen', 'Iets met mijn handen', 'Wat doet u nu al graag?'],
    ['doet', 'Ik zorg voor mijn moeder', 'Wat zou u helpen?'],
    ['hulp', 'Rustig beginnen', 'In welke plaats woont u?'],
    ['postcode', `${plan.postcode} AB`, 'Wanneer komt het u goed uit?'],
  ];
  let offer: BotMessage[] | undefined;
  for (let k = 0; k < steps.length; k++) {
    const [name, words, answer] = steps[k]!;
    const replies = await say(words);
    const next = steps[k + 1];
    if (lastSentAgain && next && shown(replies).includes(next[2])) {
      outcome.savedThoughToldNot++;
      k++;
      continue;
    }
    if (lastSentAgain && !next && slotsOffered(replies).length > 0) {
      // The postcode had been saved; sent again, it was read as a time of day: times came.
      outcome.savedThoughToldNot++;
      offer = replies;
      break;
    }
    if (!expect(name, replies, has(answer))) return outcome;
  }
  offer ??= await say(plan.when);
  // Sent again after "store down", the answer may be a reminder to choose; the cards came
  // with the first answer.
  let slots = slotsOffered(offer);
  if (slots.length === 0 && lastSentAgain) {
    slots = slotsOffered(lastAllReplies);
    if (slots.length > 0) outcome.savedThoughToldNot++;
  }
  if (!expect('wanneer', offer, () => slots.length > 0)) return outcome;
  let card = Math.min(plan.card, slots.length - 1);
  for (let attempt = 0; attempt < 10; attempt++) {
    const slot = slots[card]!;
    const form = await say('Kies deze tijd', slot);
    const formAgain = lastSentAgain;
    if (!has('Hoe wilt u')(shown(form)) && formAgain && has('Klopt')(shown(form))) {
      // The choice had been saved: the form was asked, and "Kies deze tijd" did not answer it.
      outcome.savedThoughToldNot++;
    } else if (!expect('tijd', form, has('Hoe wilt u'))) {
      // Taken between the offer and the choice: fresh times come instead.
      slots = slotsOffered(form);
      if (slots.length === 0) return outcome;
      outcome.wrongAnswers.pop();
      outcome.taken++;
      card = Math.floor(Math.random() * slots.length);
      continue;
    }
    const readBack = await say('Op locatie', 'form:location');
    if (!expect('vorm', readBack, has('Klopt'))) return outcome;
    plan.atReadBack?.();
    await plan.beforeConfirm?.();
    const done = await say('Ja', 'yes');
    const seen = shown(done);
    if (seen.includes(says.booked)) {
      outcome.booked = slot;
      return outcome;
    }
    if (lastSentAgain && !seen.includes(says.taken) && !seen.includes(says.gone)) {
      // "Ja" had been saved and booked: the second one found the conversation past it. The
      // phase checks the store for this resident's booking of `slot`.
      outcome.savedThoughToldNot++;
      outcome.booked = slot;
      return outcome;
    }
    offer = done;
    slots = slotsOffered(offer);
    if (!expect('ja', done, (s) => s.includes(says.taken) || s.includes(says.gone))) return outcome;
    if (!slots.length) {
      outcome.unbooked = 'no fresh times offered';
      return outcome;
    }
    outcome.taken++;
    // Like people do: not everyone takes the first of the fresh times.
    card = Math.floor(Math.random() * slots.length);
  }
  outcome.unbooked = 'taken ten times';
  return outcome;
}
