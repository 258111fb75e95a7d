import { TurnContext } from 'botbuilder';
import type { Clock } from '../ports/clock.js';
import type { ConversationReferences } from '../ports/conversationReferences.js';
import { conversationKey } from '../domain/conversationKey.js';

/** Channels whose conversations take proactive messages through the conversation reference. */
const proactiveChannels: ReadonlySet<string> = new Set([
  'webchat',
  'directline',
  'msteams',
  'emulator',
]);

/** How long an instance trusts that a conversation's reference is stored (one write per hour). */
const REFRESH_MS = 3_600_000;

/**
 * Wraps a bot's turn so the conversation reference of web chat, Direct Line and Teams
 * conversations is kept (for the outbox's proactive messages), written at most once an hour per
 * conversation and instance. WhatsApp needs none: the resident's id is enough to write to them.
 * Written in the background; a failed write never fails the turn: the message then cannot be sent, and the outbox says so.
 */
export function rememberConversations(
  run: (context: TurnContext) => Promise<void>,
  deps: { references: ConversationReferences; clock: Clock; onError?: (error: unknown) => void },
): (context: TurnContext) => Promise<void> {
  const savedAt = new Map<string, number>();
  return async (context) => {
    const { activity } = context;
    if (activity.type === 'message' && proactiveChannels.has(activity.channelId)) {
      const now = deps.clock.now().getTime();
      let key: string | undefined;
      try {
        key = conversationKey(activity);
      } catch {
        key = undefined;
      }
      if (key && (savedAt.get(key) ?? 0) < now - REFRESH_MS) {
        const reference = TurnContext.getConversationReference(activity);
        if (savedAt.size > 10_000) savedAt.clear();
        savedAt.set(key, now);
        // In the background: the turn does not wait for it.
        void deps.references
          .save(key, {
            channelId: reference.channelId ?? activity.channelId,
            serviceUrl: reference.serviceUrl ?? activity.serviceUrl,
            conversation: { id: reference.conversation?.id ?? '' },
            ...(reference.bot ? { bot: { id: reference.bot.id } } : {}),
            ...(reference.user ? { user: { id: reference.user.id } } : {}),
            ...(reference.locale ? { locale: reference.locale } : {}),
          })
          .catch((error: unknown) => {
            savedAt.delete(key);
            deps.onError?.(error);
          });
      }
    }
    await run(context);
  };
}
