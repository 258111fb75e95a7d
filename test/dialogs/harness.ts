import {
  ActivityTypes,
  ConversationState,
  MemoryStorage,
  TestAdapter,
  type Activity,
  type CardAction,
} from 'botbuilder';
import { DialogSet, DialogTurnStatus, type Dialog } from 'botbuilder-dialogs';
import { join } from 'node:path';
import { createDialogs, type DialogDeps } from '../../dialogs/index.js';
import { loadCoachSeed } from '../../src/adapters/coachSeed.js';
import { MemoryBookingStore } from '../../src/adapters/memory/memoryBookings.js';
import { MemoryCalendar } from '../../src/adapters/memory/memoryCalendar.js';
import { MemoryCallbackStore } from '../../src/adapters/memory/memoryCallbacks.js';
import { MemoryCoachDirectory } from '../../src/adapters/memory/memoryCoaches.js';
import { createStateAccessors, type Profile } from '../../dialogs/state.js';
import type { Coach } from '../../src/domain/coach.js';
import { closureDays } from '../../src/domain/closureDays.js';
import { languageFromTag, type Language } from '../../src/domain/language.js';
import type { Municipality } from '../../src/domain/municipality.js';
import { createTranslator } from '../../src/i18n.js';
import { projectRoot } from '../../src/paths.js';
import { createPlanner } from '../../src/planner/createPlanner.js';
import { describeHandoff } from '../../src/planner/handoffText.js';
import type { Planner } from '../../src/planner/planner.js';
import type { Clock } from '../../src/ports/clock.js';
import { fixedClock as fixedClockAt, mondayMorning } from '../clocks.js';

/** Monday 23 November 2026, 09:15 in Amsterdam (UTC+1). */
export const fixedNow = new Date(mondayMorning);
export const fixedClock: Clock = fixedClockAt(mondayMorning);

export const testBaseUrl = 'https://voordeur.example.nl';
export const minNoticeMinutes = 24 * 60;
export const horizonDays = 28;

/** The coaches shipped as the example seed: Elke (Haaren), Samir (Vught, Esch), Joyce (Udenhout). */
export const seedCoaches: Promise<Coach[]> = loadCoachSeed(
  join(projectRoot, 'infra', 'coaches.example.json'),
);

/** The planning side of a conversation: the real planner over memory adapters. */
export interface Planning {
  planner: Planner;
  bookings: MemoryBookingStore;
  calendar: MemoryCalendar;
  callbacks: MemoryCallbackStore;
  coaches: Coach[];
}

export async function createPlanning(clock: Clock = fixedClock): Promise<Planning> {
  const coaches = await seedCoaches;
  const bookings = new MemoryBookingStore({ clock });
  const calendar = new MemoryCalendar();
  const i18n = await createTranslator();
  const planner = createPlanner({
    coaches: new MemoryCoachDirectory(coaches),
    bookings,
    calendar,
    clock,
    closures: closureDays({ years: [2026, 2027] }),
    minNoticeMinutes,
    horizonDays,
    describeHandoff: (summary, coach) => describeHandoff(summary, coach, i18n),
  });
  return { planner, bookings, calendar, callbacks: new MemoryCallbackStore(), coaches };
}

/** Dependencies for dialogs run on their own (prompt tests). */
export async function testDeps(state: DialogDeps['state']): Promise<DialogDeps> {
  const planning = await createPlanning();
  return {
    state,
    i18n: await createTranslator(),
    municipality: testMunicipality,
    retentionDays: 30,
    clock: fixedClock,
    planner: planning.planner,
    callbacks: planning.callbacks,
    publicBaseUrl: testBaseUrl,
  };
}

/**
 * Runs one prompt alone against the real locale files: begins it with `options` on the first
 * turn, continues it after, and collects what it ends with.
 */
export async function runPrompt(
  make: (deps: DialogDeps) => Dialog,
  options: object,
): Promise<{ adapter: TestAdapter; results: unknown[] }> {
  const conversationState = new ConversationState(new MemoryStorage());
  const state = createStateAccessors(conversationState);
  const dialogs = new DialogSet(state.dialogState);
  const prompt = make(await testDeps(state));
  dialogs.add(prompt);
  const results: unknown[] = [];
  const adapter = new TestAdapter(async (context) => {
    const dc = await dialogs.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(prompt.id, options);
    if (result.status === DialogTurnStatus.complete) results.push(result.result);
    await conversationState.saveChanges(context);
  });
  return { adapter, results };
}

export const testMunicipality: Municipality = {
  name: 'gemeente Voorbeeld',
  phone: '14 0123',
  privacyUrl: undefined,
  brandColor: '#1d5b7f',
  brandTextColor: '#ffffff',
};

export interface ConversationOptions {
  /** The channel's locale on every activity the resident sends; WhatsApp sends none. */
  locale?: string;
  retentionDays?: number;
  privacyUrl?: string;
  /** Shared planning (two residents, one calendar); a fresh one by default. */
  planning?: Planning;
  /** The conversation id, so two conversations can share one planning. */
  conversationId?: string;
  /** The dialogs' and the planner's clock (a TestClock, to let time pass); fixed by default. */
  clock?: Clock;
}

export type Reply = Partial<Activity>;

export interface Conversation {
  /** Web Chat start: a conversationUpdate adding the resident and the bot. */
  join(): Promise<Reply[]>;
  /** The resident types (or a button sends) `text`. */
  say(text: string): Promise<Reply[]>;
  /** Any activity from the resident; the replies of that one turn. */
  send(activity: Partial<Activity>): Promise<Reply[]>;
  /** The profile as saved in storage after the last turn. */
  savedProfile(): Promise<Profile | undefined>;
  /** The planner, bookings, calendar and call-backs this conversation uses. */
  planning: Planning;
  /** The owner key of this conversation's bookings. */
  residentKey: string;
}

/** The maximum button title length on WhatsApp, which every channel is held to. */
export const maxButtonTitle = 20;

/**
 * A conversation against the real dialogs, MemoryStorage and the real locale files. State
 * is loaded and saved around each turn as the bot's turn gate does. Every turn fails the
 * test if the dialogs used a missing translation key, sent a message without text or
 * locale, or offered a button title longer than WhatsApp allows.
 */
export async function startConversation(options: ConversationOptions = {}): Promise<Conversation> {
  const missing: string[] = [];
  const i18n = await createTranslator({
    onMissingKey: (lng, key) => missing.push(`${lng}:${key}`),
  });
  const storage = new MemoryStorage();
  const conversationState = new ConversationState(storage);
  const state = createStateAccessors(conversationState);
  const clock = options.clock ?? fixedClock;
  const planning = options.planning ?? (await createPlanning(clock));
  const dialogs = createDialogs({
    state,
    i18n,
    municipality: { ...testMunicipality, privacyUrl: options.privacyUrl },
    retentionDays: options.retentionDays ?? 30,
    clock,
    planner: planning.planner,
    callbacks: planning.callbacks,
    publicBaseUrl: testBaseUrl,
  });
  const adapter = new TestAdapter(async (context) => {
    await dialogs.onTurn(context);
    await conversationState.saveChanges(context);
  });
  if (options.conversationId) adapter.conversation.conversation.id = options.conversationId;
  const { channelId, conversation } = adapter.conversation;
  const residentKey = `${channelId}/${conversation.id}`;
  const user = { id: 'resident-1', name: 'Resident' };
  const bot = { id: 'voordeur-bot', name: 'Voordeur' };

  const send = async (activity: Partial<Activity>): Promise<Reply[]> => {
    await adapter.processActivity({
      type: ActivityTypes.Message,
      from: user,
      recipient: bot,
      ...(options.locale ? { locale: options.locale } : {}),
      ...activity,
    });
    const replies = adapter.activeQueue.splice(0);
    checkTurn(replies, missing.splice(0));
    return replies;
  };

  return {
    join: () =>
      send({ type: ActivityTypes.ConversationUpdate, membersAdded: [bot, user], text: undefined }),
    say: (text) => send({ text }),
    send,
    async savedProfile() {
      const { channelId, conversation } = adapter.conversation;
      const key = `${channelId}/conversations/${conversation.id}/`; // ConversationState's key
      const stored = (await storage.read([key]))[key] as { profile?: Profile } | undefined;
      return stored?.profile;
    },
    planning,
    residentKey,
  };
}

function checkTurn(replies: Reply[], missingKeys: string[]): void {
  if (missingKeys.length > 0) {
    throw new Error(`Translation keys missing: ${missingKeys.join(', ')}`);
  }
  for (const reply of replies) {
    if (reply.type !== ActivityTypes.Message) continue;
    if (!reply.text) throw new Error('A message without text was sent');
    if (!reply.locale) throw new Error(`A message without locale was sent: ${reply.text}`);
    const cardButtons = slotCards([reply]).flatMap((card) => card.buttons);
    for (const action of [...(reply.suggestedActions?.actions ?? []), ...cardButtons]) {
      if (action.title.length > maxButtonTitle) {
        throw new Error(`Button title longer than ${maxButtonTitle}: "${action.title}"`);
      }
    }
  }
}

/** The texts of the bot's messages in order. */
export function texts(replies: Reply[]): string[] {
  return replies.filter((r) => r.type === ActivityTypes.Message).map((r) => r.text ?? '');
}

/** All texts of a turn as one string, for "mentions" checks. */
export function allText(replies: Reply[]): string {
  return texts(replies).join('\n');
}

/** The buttons under the turn's last message (the ones a channel shows). */
/**
 * Everything a resident reads in a turn: message texts, button titles, file names and the
 * words on cards — not the activity's wire fields (ids, timestamps, values).
 */
export function shownText(replies: Reply[]): string {
  const shown: string[] = [];
  for (const reply of replies.filter((r) => r.type === ActivityTypes.Message)) {
    shown.push(reply.text ?? '');
    for (const action of reply.suggestedActions?.actions ?? []) shown.push(action.title);
    for (const attachment of reply.attachments ?? []) {
      shown.push(attachment.name ?? '');
      const card = attachment.content as { title?: unknown; subtitle?: unknown; text?: unknown };
      if (card && typeof card === 'object')
        for (const words of [card.title, card.subtitle, card.text])
          if (typeof words === 'string') shown.push(words);
    }
  }
  return shown.join('\n');
}

export function buttons(replies: Reply[]): { type: string; title: string; value: unknown }[] {
  const actions: CardAction[] = replies.at(-1)?.suggestedActions?.actions ?? [];
  return actions.map(({ type, title, value }) => ({ type, title, value: value as unknown }));
}

export function buttonValues(replies: Reply[]): unknown[] {
  return buttons(replies).map((button) => button.value);
}

export function lastText(replies: Reply[]): string {
  return texts(replies).at(-1) ?? '';
}

export function localeOf(replies: Reply[]): Language | undefined {
  return languageFromTag(replies.at(-1)?.locale);
}

export const menuValues = ['intent:work', 'intent:meaningful', 'intent:question', 'intent:talk'];

/** A slot card as sent: the time, the coach's name, text, photo and its one button. */
export interface SentCard {
  title: string;
  subtitle: string;
  text: string;
  images: { url: string; alt?: string }[];
  buttons: CardAction[];
}

/** The slot cards (thumbnail cards) of a turn, in order. */
export function slotCards(replies: Reply[]): SentCard[] {
  return replies
    .flatMap((reply) => reply.attachments ?? [])
    .filter((attachment) => attachment.contentType === 'application/vnd.microsoft.card.thumbnail')
    .map((attachment) => attachment.content as SentCard);
}

/** The value the card's "Kies deze tijd" button sends. */
export function slotValueOf(card: SentCard | undefined): {
  action: string;
  coachId: string;
  start: string;
} {
  const value = card?.buttons[0]?.value as
    { action: string; coachId: string; start: string } | undefined;
  if (!value) throw new Error('card without a slot button');
  return value;
}

/** Presses a card's button as Web Chat does: the title as text, the slot as value. */
export function pressCard(
  conversation: Conversation,
  card: SentCard | undefined,
): Promise<Reply[]> {
  return conversation.send({ text: 'Kies deze tijd', value: slotValueOf(card) });
}

/** Goes from the start through the light questions, skipping all, to "Wanneer komt het u goed uit?". */
export async function skipToWhen(
  conversation: Conversation,
  intent = 'intent:work',
): Promise<Reply[]> {
  await conversation.join();
  await conversation.say(intent);
  await conversation.say('skip'); // what they would like
  await conversation.say('skip'); // what they already do
  await conversation.say('skip'); // what would help
  return conversation.say('skip'); // where they live
}

/** Books Elke on Thursday 3 December at 13:30, at the community centre, skipping every question. */
export async function bookThursday(conversation: Conversation): Promise<Reply[]> {
  await skipToWhen(conversation);
  await conversation.say('3 december om half 2');
  await conversation.say('1');
  await conversation.say('Op locatie');
  return conversation.say('Ja');
}

/** The calendar file of a turn, decoded: its file name and the .ics text. */
export function calendarFileOf(replies: Reply[]): { name: string; text: string } | undefined {
  const file = replies
    .flatMap((reply) => reply.attachments ?? [])
    .find((attachment) => attachment.contentType === 'text/calendar');
  if (!file?.contentUrl || !file.name) return undefined;
  const base64 = file.contentUrl.slice(file.contentUrl.indexOf(',') + 1);
  return { name: file.name, text: Buffer.from(base64, 'base64').toString('utf8') };
}
