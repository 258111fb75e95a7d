import { ActivityTypes, type TurnContext } from 'botbuilder';
import { DialogSet, type DialogContext } from 'botbuilder-dialogs';
import type { DialogDeps } from './deps.js';
import { intentFromValue, menuChoices } from './intents.js';
import { askForLanguage, noticeLanguage, offerLanguage } from './languageChoice.js';
import { MainDialog, MAIN_DIALOG, type MainOptions } from './main.dialog.js';
import { readInput, recognizeChoice, recognizeCommand } from './recognize.js';
import { languageOf, setLanguage } from './reply.js';
import { readSlotValue } from './slotCard.js';

export type { DialogDeps } from './deps.js';

export interface Dialogs {
  /** Runs one turn. Does not load or save state: the caller does that around it. */
  onTurn(context: TurnContext): Promise<void>;
}

/**
 * The bot's conversation logic. Greets first: on `conversationUpdate` when someone other
 * than the bot joins, or on the first message where a channel (WhatsApp) has no such event.
 */
export function createDialogs(deps: DialogDeps): Dialogs {
  const dialogs = new DialogSet(deps.state.dialogState);
  dialogs.add(new MainDialog(deps));

  async function welcomeNewMembers(context: TurnContext): Promise<void> {
    const botId = context.activity.recipient?.id;
    const joined = context.activity.membersAdded ?? [];
    if (!joined.some((member) => member.id !== botId)) return;
    const profile = await deps.state.profile.get(context);
    if (profile?.greetedAt) return;
    const dc = await dialogs.createContext(context);
    if (dc.activeDialog) return;
    await dc.beginDialog(MAIN_DIALOG);
  }

  async function continueConversation(context: TurnContext): Promise<void> {
    const dc = await dialogs.createContext(context);
    if (dc.activeDialog) {
      await dc.continueDialog();
      return;
    }
    await startConversation(dc);
  }

  /**
   * A message with nothing open (WhatsApp's first message): greet if needed, and act on what the
   * message already says. A first message clearly in another of Voordeur's languages
   * ("merhaba") is answered with the offer of that language, in that language, before the
   * greeting, so the greeting comes in the language the resident picks.
   */
  async function startConversation(dc: DialogContext): Promise<void> {
    const input = readInput(dc.context.activity);
    const options: MainOptions = {};
    const slot = readSlotValue(dc.context.activity);
    const notice = await noticeLanguage(deps, dc.context);
    let listKey: Parameters<typeof askForLanguage>[2] | undefined;
    if (slot) {
      options.command = 'slot';
      options.slot = slot;
    } else if (input.kind === 'text') {
      const command = recognizeCommand(input.text, deps.i18n);
      if (command?.kind === 'language') {
        await setLanguage(deps, dc.context, command.language);
      } else if (command?.kind === 'chooseLanguage') {
        listKey = command.unsupported ? 'language.unsupported' : 'language.choose.ask';
      } else if (
        command?.kind === 'callback' ||
        command?.kind === 'move' ||
        command?.kind === 'cancel'
      ) {
        options.command = command.kind;
      } else if (!command) {
        if (notice?.kind === 'offer') return offerLanguage(deps, dc.context, notice.language);
        if (notice?.kind === 'switch') await setLanguage(deps, dc.context, notice.language);
        const lng = await languageOf(deps, dc.context);
        const intent = intentFromValue(recognizeChoice(input.text, menuChoices, lng, deps.i18n));
        if (notice?.kind === 'list') listKey = notice.key;
        else if (intent) options.intent = intent;
      }
    }
    await dc.beginDialog(MAIN_DIALOG, options);
    // After the greeting and the menu: the languages, as the question to answer first.
    if (listKey) await askForLanguage(deps, dc.context, listKey);
  }

  return {
    async onTurn(context) {
      switch (context.activity.type) {
        case ActivityTypes.Message:
          return continueConversation(context);
        case ActivityTypes.ConversationUpdate:
          return welcomeNewMembers(context);
        default:
          return;
      }
    },
  };
}
