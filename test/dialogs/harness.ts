import {
  ActivityTypes,
  ConversationState,
  MemoryStorage,
  TestAdapter,
  type Activity,
  type CardAction,
} from 'botbuilder';
import { createDialogs } from '../../dialogs/index.js';
import { createStateAccessors, type Profile } from '../../src/bot/turnState.js';
import type { Config } from '../../src/config.js';
import type { Language } from '../../src/domain/language.js';
import { createTranslator } from '../../src/i18n.js';
import type { Clock } from '../../src/ports/clock.js';

export const fixedNow = new Date('2025-03-04T09:30:00.000Z');
export const fixedClock: Clock = { now: () => new Date(fixedNow) };

export const testMunicipality: Config['municipality'] = {
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
  const dialogs = createDialogs({
    state,
    i18n,
    municipality: { ...testMunicipality, privacyUrl: options.privacyUrl },
    retentionDays: options.retentionDays ?? 30,
    clock: fixedClock,
  });
  const adapter = new TestAdapter(async (context) => {
    await dialogs.onTurn(context);
    await conversationState.saveChanges(context);
  });
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
    for (const action of reply.suggestedActions?.actions ?? []) {
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
  const tag = replies.at(-1)?.locale?.slice(0, 2);
  return tag === 'nl' || tag === 'en' ? tag : undefined;
}

export const menuValues = ['intent:work', 'intent:meaningful', 'intent:question', 'intent:talk'];
