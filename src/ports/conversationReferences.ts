/**
 * Where a resident's conversation can be reached outside their turn: the Bot Framework
 * conversation reference (channel, service URL, conversation, bot and user ids — no message
 * text), kept while the conversation is, so the outbox can send a proactive message.
 */
export interface StoredConversationReference {
  channelId: string;
  serviceUrl: string;
  conversation: { id: string };
  bot?: { id: string; name?: string };
  user?: { id: string; name?: string };
  locale?: string;
}

export interface ConversationReferences {
  /** Keeps (or refreshes) the reference of the conversation `key`. */
  save(key: string, reference: StoredConversationReference): Promise<void>;
  get(key: string): Promise<StoredConversationReference | undefined>;
}
