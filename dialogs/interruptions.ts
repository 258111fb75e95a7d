import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { DialogDeps } from './deps.js';
import { explainPrivacyFully } from './privacy.js';
import { readInput, recognizeCommand } from './recognize.js';
import { replyFor, setLanguage } from './reply.js';

/**
 * Handles what a resident may say at any moment, before the open question sees it:
 * "menu"/"opnieuw" restarts, a language name switches language and repeats the open
 * question, "Meer weten" explains privacy and repeats the open question.
 *
 * @returns the turn result when the message was such a command, otherwise `undefined`.
 */
export async function interrupt(
  dc: DialogContext,
  deps: DialogDeps,
  restart: () => Promise<DialogTurnResult>,
): Promise<DialogTurnResult | undefined> {
  if (dc.context.activity.type !== 'message') return undefined;
  const input = readInput(dc.context.activity);
  if (input.kind !== 'text') return undefined;
  const command = recognizeCommand(input.text, deps.i18n);
  if (!command) return undefined;

  switch (command.kind) {
    case 'menu':
      await dc.cancelAllDialogs();
      return restart();
    case 'language': {
      await setLanguage(deps, dc.context, command.language);
      const reply = await replyFor(deps, dc.context);
      await reply.send('language.switched');
      return repeatQuestion(dc, restart);
    }
    case 'privacy':
      await explainPrivacyFully(deps, await replyFor(deps, dc.context));
      return repeatQuestion(dc, restart);
  }
}

async function repeatQuestion(
  dc: DialogContext,
  restart: () => Promise<DialogTurnResult>,
): Promise<DialogTurnResult> {
  if (!dc.activeDialog) return restart();
  await dc.repromptDialog();
  return Dialog.EndOfTurn;
}
