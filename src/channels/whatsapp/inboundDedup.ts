import type { TurnContext } from 'botbuilder';
import type { PropertySource } from '../../../dialogs/state.js';
import type { TurnHandler } from '../../bot/turnGate.js';
import { WHATSAPP_CHANNEL_ID } from './identity.js';

/** How many recent message ids a conversation remembers. */
const remembered = 20;

/**
 * Makes a WhatsApp message's effect on the conversation exactly-once. The ids of the last few
 * handled messages live in the conversation state, which the turn gate writes atomically with
 * the dialogs' progress (one ETag-guarded write). If an instance dies after that write but
 * before it marked the inbox message handled, the message is handled again after its claim runs
 * out; this wrapper then sees its id and skips the dialogs, so the resident is not asked the
 * next question twice (at worst, that turn's replies were lost with the instance).
 *
 * Other channels and other activity types pass straight through.
 */
export function withInboundDedup(handler: TurnHandler, state: PropertySource): TurnHandler {
  const handled = state.createProperty<string[]>('whatsappHandled');
  return {
    async onTurn(context: TurnContext): Promise<void> {
      const { channelId, id, type } = context.activity;
      if (channelId !== WHATSAPP_CHANNEL_ID || type !== 'message' || !id) {
        return handler.onTurn(context);
      }
      const ids = (await handled.get(context)) ?? [];
      if (ids.includes(id)) return;
      await handler.onTurn(context);
      await handled.set(context, [...ids, id].slice(-remembered));
    },
  };
}
