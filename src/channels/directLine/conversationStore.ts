import { randomBytes, randomUUID } from 'node:crypto';
import type { Logger } from '../../log.js';
import { newToken } from './tokens.js';

/** An activity as it travels in the stream: plain JSON with an id. */
export type WireActivity = { id: string; type: string } & Record<string, unknown>;

interface Entry {
  seq: number;
  bytes: number;
  activity: WireActivity;
}

export interface Conversation {
  readonly id: string;
  readonly userId: string;
  readonly token: string;
  tokenExpiresAt: number;
  started: boolean;
  entries: Entry[];
  bytes: number;
  lastSeq: number;
  /** Tail of this conversation's delivery chain; never rejects. */
  delivery: Promise<void>;
}

/** Memory bounds of the store; see `DirectLineLimits`. */
export interface DirectLineConversationLimits {
  maxConversations: number;
  maxActivitiesPerConversation: number;
  maxBytesPerConversation: number;
}

/** What the store tells its listeners (the open streams). */
export interface ConversationEvents {
  /** An activity entered the stream at `seq` (a replaced activity enters again). */
  appended(conversation: Conversation, seq: number, activity: WireActivity): void;
  /** The conversation was dropped to make room: it has ended. */
  dropped(conversation: Conversation): void;
}

/**
 * The local Direct Line's conversations and their activity streams, in this process's memory,
 * within fixed bounds: the least recently active conversation and a conversation's oldest
 * activities are dropped first.
 */
export class DirectLineConversations {
  /** Insertion order is activity order: touching a conversation moves it to the end. */
  private readonly conversations = new Map<string, Conversation>();
  private readonly tokens = new Map<string, Conversation>();

  constructor(
    private readonly limits: DirectLineConversationLimits,
    private readonly log: Logger,
    private readonly events?: ConversationEvents,
  ) {}

  /**
   * A new conversation (not started yet) with its token, or `undefined` when the store is full
   * of active conversations. Makes room first by dropping the least recently active conversation
   * that is not active: one never started, or whose token has expired. A resident who is still
   * chatting is never dropped to make room for someone else.
   */
  create(
    userId: string | undefined,
    tokenExpiresAt: number,
    nowMs: number,
  ): Conversation | undefined {
    while (this.conversations.size >= this.limits.maxConversations) {
      const idle = this.leastRecentlyActiveIdle(nowMs);
      if (!idle) {
        this.log.warn(
          { conversations: this.conversations.size },
          'no room for a new conversation: every one is active',
        );
        return undefined;
      }
      this.conversations.delete(idle.id);
      this.tokens.delete(idle.token);
      this.events?.dropped(idle);
      this.log.debug(
        { conversationId: idle.id, started: idle.started },
        'dropped the least recently active idle conversation',
      );
    }
    const id = randomBytes(16).toString('base64url');
    const user = userId ?? `dl_${randomUUID()}`;
    const conversation: Conversation = {
      id,
      userId: user,
      token: newToken(id, user),
      tokenExpiresAt,
      started: false,
      entries: [],
      bytes: 0,
      lastSeq: 0,
      delivery: Promise.resolve(),
    };
    this.conversations.set(id, conversation);
    this.tokens.set(conversation.token, conversation);
    return conversation;
  }

  /** Never started ones first (they cost a flood nothing to make), then expired ones. */
  private leastRecentlyActiveIdle(nowMs: number): Conversation | undefined {
    let expired: Conversation | undefined;
    for (const conversation of this.conversations.values()) {
      if (!conversation.started) return conversation;
      if (!expired && conversation.tokenExpiresAt <= nowMs) expired = conversation;
    }
    return expired;
  }

  /** Conversations kept now. */
  get size(): number {
    return this.conversations.size;
  }

  /** A started conversation, or `undefined`. */
  started(id: string): Conversation | undefined {
    const conversation = this.conversations.get(id);
    return conversation?.started ? conversation : undefined;
  }

  /** The conversation a token was issued for (expired or not). */
  byToken(token: string): Conversation | undefined {
    return this.tokens.get(token);
  }

  /** Marks it as the most recently active. */
  touch(conversation: Conversation): void {
    this.conversations.delete(conversation.id);
    this.conversations.set(conversation.id, conversation);
  }

  /** The next position in the stream and the activity id that goes with it. */
  nextId(conversation: Conversation): { seq: number; id: string } {
    const seq = ++conversation.lastSeq;
    return { seq, id: `${conversation.id}|${String(seq).padStart(7, '0')}` };
  }

  /** Appends to the stream (or replaces the activity with the same id), then applies the bounds. */
  append(conversation: Conversation, seq: number, activity: WireActivity): void {
    this.remove(conversation, activity.id);
    const bytes = Buffer.byteLength(JSON.stringify(activity));
    conversation.entries.push({ seq, bytes, activity });
    conversation.bytes += bytes;
    while (
      conversation.entries.length > 1 &&
      (conversation.entries.length > this.limits.maxActivitiesPerConversation ||
        conversation.bytes > this.limits.maxBytesPerConversation)
    ) {
      conversation.bytes -= conversation.entries.shift()?.bytes ?? 0;
    }
    this.touch(conversation);
    this.events?.appended(conversation, seq, activity);
  }

  /** Removes the activity with this id, if the stream still holds it. */
  remove(conversation: Conversation, activityId: string): void {
    const index = conversation.entries.findIndex((e) => e.activity.id === activityId);
    if (index >= 0) conversation.bytes -= conversation.entries.splice(index, 1)[0]?.bytes ?? 0;
  }

  /** The activities after `watermark`, oldest first. */
  since(conversation: Conversation, watermark: number): WireActivity[] {
    return conversation.entries.filter((e) => e.seq > watermark).map((e) => e.activity);
  }
}
