/**
 * What names a conversation, as a Bot Framework activity carries it. Structural, so the domain
 * needs no botbuilder types: an `Activity` fits as it is.
 */
export interface ConversationAddress {
  channelId?: string | undefined;
  conversation?: { id?: string | undefined } | undefined;
}

/**
 * The key of one conversation: its channel and its conversation id. Conversation state is stored
 * under it, and bookings and call-back requests name their resident by it, so the bot and the
 * dialogs must compute it the same way.
 *
 * @example conversationKey({ channelId: 'webchat', conversation: { id: 'abc' } }) // 'webchat/abc'
 * @throws Error when the channel or the conversation id is missing: such an activity cannot be
 *   tied to a conversation.
 */
export function conversationKey({ channelId, conversation }: ConversationAddress): string {
  if (!channelId || !conversation?.id) {
    throw new Error('activity has no channelId or conversation.id');
  }
  return `${channelId}/${conversation.id}`;
}
