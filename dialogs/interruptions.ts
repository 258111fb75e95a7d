import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { DialogDeps } from './deps.js';
import type { MainOptions } from './main.dialog.js';
import { schedulesASlot } from './planMeeting.dialog.js';
import { explainPrivacyFully } from './privacy.js';
import { readInput, recognizeCommand } from './recognize.js';
import { replyFor, setLanguage } from './reply.js';
import { readSlotValue } from './slotCard.js';

/** Starts the router again, optionally straight into a command's path. */
export type Restart = (options?: MainOptions) => Promise<DialogTurnResult>;

/**
 * Handles what a resident may say at any moment, before the open question sees it:
 * "menu"/"opnieuw" restarts, a language name switches language and repeats the open
 * question, "Meer weten" explains privacy and repeats the open question, "bel mij" starts a
 * call-back request, "afspraak verzetten"/"afspraak afzeggen" move or cancel the booking (or
 * say kindly that there is none and repeat the question), and a "Kies deze tijd" button from an
 * older card tries that slot.
 *
 * @returns the turn result when the message was such a command, otherwise `undefined`.
 */
export async function interrupt(
  dc: DialogContext,
  deps: DialogDeps,
  restart: Restart,
): Promise<DialogTurnResult | undefined> {
  if (dc.context.activity.type !== 'message') return undefined;

  const slot = readSlotValue(dc.context.activity);
  if (slot) {
    // An open schedule takes slot buttons itself, keeping the answers given so far.
    if (schedulesASlot(dc)) return undefined;
    await dc.cancelAllDialogs();
    return restart({ command: 'slot', slot });
  }

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
    case 'callback':
      await dc.cancelAllDialogs();
      return restart({ command: 'callback' });
    case 'move':
    case 'cancel': {
      const profile = await deps.state.profile.get(dc.context);
      if (!profile?.booking) {
        // Nothing to move or cancel: say so, and keep the resident where they were.
        await (await replyFor(deps, dc.context)).send('booking.none');
        return repeatQuestion(dc, restart);
      }
      await dc.cancelAllDialogs();
      return restart({ command: command.kind });
    }
  }
}

async function repeatQuestion(dc: DialogContext, restart: Restart): Promise<DialogTurnResult> {
  if (!dc.activeDialog) return restart();
  await dc.repromptDialog();
  return Dialog.EndOfTurn;
}
