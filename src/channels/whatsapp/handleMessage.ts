import type { TurnContext } from 'botbuilder';
import { pseudonym } from '../../domain/pseudonym.js';
import type { Logger } from '../../log.js';
import type { Clock } from '../../ports/clock.js';
import type { WhatsAppInboxItem, WhatsAppStore } from '../../ports/whatsAppStore.js';
import { optKeywordOf, toActivity } from './inbound.js';
import type { WhatsAppAdapter } from './whatsAppAdapter.js';
import { inboundMessageSchema } from './wireFormat.js';

export interface HandleMessageDeps {
  store: WhatsAppStore;
  adapter: WhatsAppAdapter;
  /** The bot's turn logic: `bot.run` of the turn gate. */
  bot: (context: TurnContext) => Promise<void>;
  phoneNumberId: string;
  clock: Clock;
  log: Logger;
}

/**
 * One inbox message: the resident's contact first (number, 24-hour window, "stop"/"start"),
 * then, unless they opted out, the turn. Resolves to the outcome kept with the message.
 */
export async function handleInboxMessage(
  deps: HandleMessageDeps,
  item: WhatsAppInboxItem,
): Promise<string> {
  const parsed = inboundMessageSchema.safeParse(item.message);
  if (!parsed.success) return 'unreadable';
  const message = parsed.data;
  const conversation = pseudonym(item.pk);
  const keyword = optKeywordOf(message);
  const sentAt = Number(message.timestamp) * 1000;
  const now = deps.clock.now();

  const contact = await deps.store.updateContact(item.pk, (current) => {
    if (keyword === 'stop') return { optedOutAt: now.toISOString() };
    if (current?.optedOutAt && keyword !== 'start') return current;
    return { waId: message.from, lastInboundAt: Math.max(current?.lastInboundAt ?? 0, sentAt) };
  });
  if (keyword === 'stop') {
    deps.log.info({ conversation }, 'resident opted out of WhatsApp messages');
    return 'optedOut';
  }
  if (contact.optedOutAt) {
    deps.log.info(
      { conversation, kind: message.type },
      'message from an opted-out resident; not answered',
    );
    return 'optedOutIgnored';
  }
  if (keyword === 'start') deps.log.info({ conversation }, 'resident opted in again');

  const activity = toActivity(message, { residentId: item.pk, phoneNumberId: deps.phoneNumberId });
  if (!activity) return 'ignored';
  await deps.adapter.processInbound(activity, contact, deps.bot);
  return 'handled';
}
