import {
  ActionTypes,
  InputHints,
  MessageFactory,
  type CardAction,
  type TurnContext,
} from 'botbuilder';
import {
  defaultLanguage,
  languageFromTag,
  languageTags,
  type Language,
} from '../src/domain/language.js';
import type { DialogDeps } from './deps.js';
import { phoneForChannel } from './phoneNumber.js';

/** A button: `value` is the stable machine value sent back, `buttonKey` its localized title. */
export interface Button {
  value: string;
  buttonKey: string;
}

/** Sends localized messages in the resident's language for one turn. */
export interface Reply {
  readonly lng: Language;
  /** Localized text; `municipality` and `phone` are always available as placeholders. */
  text(key: string, values?: Record<string, unknown>): string;
  send(key: string, values?: Record<string, unknown>): Promise<void>;
  /** Sends text that was already localized and composed, e.g. several keys joined. */
  sendText(text: string): Promise<void>;
  /** Sends a question with buttons (suggested actions) and waits for the resident. */
  ask(key: string, buttons: readonly Button[], values?: Record<string, unknown>): Promise<void>;
}

/** The resident's language: their choice, else the channel's locale, else Dutch. */
export async function languageOf(deps: DialogDeps, context: TurnContext): Promise<Language> {
  const profile = await deps.state.profile.get(context);
  return profile?.language ?? languageFromTag(context.activity.locale) ?? defaultLanguage;
}

export async function setLanguage(
  deps: DialogDeps,
  context: TurnContext,
  language: Language,
): Promise<void> {
  const profile = await deps.state.profile.get(context, {});
  await deps.state.profile.set(context, { ...profile, language });
}

export async function replyFor(deps: DialogDeps, context: TurnContext): Promise<Reply> {
  return replyIn(deps, context, await languageOf(deps, context));
}

/**
 * Replies in a given language rather than the resident's: only for offering a language in that
 * language ("Türkçe devam edelim mi?").
 */
export function replyIn(deps: DialogDeps, context: TurnContext, lng: Language): Reply {
  const phone = phoneForChannel(context.activity.channelId, deps.municipality.phone);
  const common = { municipality: deps.municipality.name, phone };
  const text = (key: string, values: Record<string, unknown> = {}) =>
    deps.i18n.t(lng, key, { ...common, ...values });
  const sendText = async (message: string) => {
    const activity = MessageFactory.text(message, undefined, InputHints.AcceptingInput);
    activity.locale = languageTags[lng];
    await context.sendActivity(activity);
  };
  return {
    lng,
    text,
    sendText,
    send: (key, values) => sendText(text(key, values)),
    async ask(key, buttons, values) {
      const actions: CardAction[] = buttons.map((button) => {
        const title = text(button.buttonKey);
        // messageBack: the resident's bubble shows the title; the bot gets the stable value too.
        return {
          type: ActionTypes.MessageBack,
          title,
          text: title,
          displayText: title,
          value: button.value,
        };
      });
      const activity = MessageFactory.suggestedActions(
        actions,
        text(key, values),
        undefined,
        InputHints.ExpectingInput,
      );
      activity.locale = languageTags[lng];
      await context.sendActivity(activity);
    },
  };
}
