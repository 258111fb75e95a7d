import { ActivityTypes, type TurnContext } from 'botbuilder';
import { DialogSet } from './botbuilderDialogs.js';
import { CommandRouter } from './commandRouter.js';
import type { DialogDeps } from './deps.js';
import { ActivityReceivedEvent } from './activityReceivedEvent.js';
import { DialogStateConfiguration } from './dialogStateConfiguration.js';
import { MainDialog, MAIN_DIALOG } from './main.dialog.js';

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
  const router = new CommandRouter(deps);
  const stateConfiguration = new DialogStateConfiguration();
  const activityReceived = new ActivityReceivedEvent();
  const createContext = async (context: TurnContext) => {
    stateConfiguration.prepare(context);
    const dc = await dialogs.createContext(context);
    stateConfiguration.keep(context);
    return dc;
  };

  async function welcomeNewMembers(context: TurnContext): Promise<void> {
    const botId = context.activity.recipient?.id;
    const joined = context.activity.membersAdded ?? [];
    if (!joined.some((member) => member.id !== botId)) return;
    const profile = await deps.state.profile.get(context);
    if (profile?.greetedAt) return;
    const dc = await createContext(context);
    if (dc.activeDialog) return;
    await dc.beginDialog(MAIN_DIALOG);
  }

  async function continueConversation(context: TurnContext): Promise<void> {
    const dc = await createContext(context);
    if (dc.activeDialog) {
      activityReceived.skip(context);
      await dc.continueDialog();
      activityReceived.learn(context);
      return;
    }
    await router.start(dc, (options) => dc.beginDialog(MAIN_DIALOG, options));
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
