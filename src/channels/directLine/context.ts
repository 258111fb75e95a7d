import type { Activity } from 'botbuilder';
import { webChatRememberDays } from '../../domain/webChatMemory.js';
import type { Logger } from '../../log.js';
import type { DirectLineConversations } from './conversationStore.js';

/**
 * Memory bounds. Worst case memory ≈ `maxConversations × maxBytesPerConversation`
 * (512 MiB with the defaults; a few MiB in practice).
 */
export interface DirectLineLimits {
  /** Conversations kept; starting one more drops the least recently active. Default 1000. */
  maxConversations: number;
  /** Activities kept per conversation; the oldest are dropped. Default 500. */
  maxActivitiesPerConversation: number;
  /** Serialized activity bytes kept per conversation; the oldest are dropped. Default 512 KiB. */
  maxBytesPerConversation: number;
  /** Token lifetime in seconds; a refresh extends it by as much. Default 1800. */
  tokenTtlSeconds: number;
  /**
   * How long after expiry a token may still be refreshed, so a browser that kept its
   * conversation (web chat, see `chat.js`) can resume it later. Default
   * {@link webChatRememberDays} (14 days).
   */
  resumeSeconds: number;
  /** Longest `text` a client may send. Default 10 000 characters. */
  maxTextLength: number;
  /** Largest request body from a client. Default 64 KiB. */
  maxClientBodyBytes: number;
  /** Largest request body from the bot (cards can be large). Default 256 KiB. */
  maxBotBodyBytes: number;
}

export const defaultDirectLineLimits: Readonly<DirectLineLimits> = Object.freeze({
  maxConversations: 1000,
  maxActivitiesPerConversation: 500,
  maxBytesPerConversation: 512 * 1024,
  tokenTtlSeconds: 30 * 60,
  resumeSeconds: webChatRememberDays * 24 * 60 * 60,
  maxTextLength: 10_000,
  maxClientBodyBytes: 64 * 1024,
  maxBotBodyBytes: 256 * 1024,
});

/** What the client and bot routes share. */
export interface DirectLineContext {
  conversations: DirectLineConversations;
  limits: DirectLineLimits;
  /** Milliseconds since the epoch, from the injected clock. */
  now(): number;
  serviceUrl(): string;
  deliver(activity: Partial<Activity>): Promise<void>;
  log: Logger;
}

/** The channel id of activities from the local Direct Line, as Azure's Direct Line uses. */
export const CHANNEL_ID = 'webchat';
