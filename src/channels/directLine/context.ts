import type { Activity } from 'botbuilder';
import type { RateLimit, RateLimiter } from '../../http/rateLimit.js';
import { webChatRememberDays } from '../../domain/webChatMemory.js';
import type { Logger } from '../../log.js';
import { MAX_TEXT_LENGTH } from '../activityLimits.js';
import type { DirectLineConversations } from './conversationStore.js';
import type { DirectLineStreams } from './streams.js';

/**
 * Memory bounds. Worst case memory ≈ `maxConversations × maxBytesPerConversation`
 * (512 MiB with the defaults; a few MiB in practice).
 */
export interface DirectLineLimits {
  /**
   * Conversations kept. Starting one more drops the oldest that is not active (never started,
   * or its token expired); when every one is active, a new one is refused with 503. Default 1000.
   */
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
  /** Longest `text` a client may send. Default {@link MAX_TEXT_LENGTH}, as on every channel. */
  maxTextLength: number;
  /** Largest request body from a client. Default 64 KiB. */
  maxClientBodyBytes: number;
  /** Largest request body from the bot (cards can be large). Default 256 KiB. */
  maxBotBodyBytes: number;
  /**
   * Per client address: token generation and refresh, and starting a conversation. Web Chat
   * needs one of each per page load and a refresh every 15 minutes; a developer's machine (and
   * the test suite) runs many chats from one address. Default 60 at once, 300/min: a flood of
   * 1 000 in 8 s gets about 100 through and the rest 429, and active conversations are never
   * evicted for them.
   */
  tokenRate: RateLimit;
  /**
   * Per client address: reading and sending in a conversation, and opening a stream. Web Chat
   * streams; a client that polls does so up to 4 times a second per open chat, so the budget
   * fits a few dozen polling chats on one machine. Default 200 at once, 6 000/min.
   */
  conversationRate: RateLimit;
  /**
   * How long a `streamUrl` may be used, in seconds; each one connects once. Clients connect at
   * once and ask for a new one to reconnect (`GET /v3/directline/conversations/:id`). Default 60.
   */
  streamTokenTtlSeconds: number;
  /** Open streams per conversation (a resident may have the chat open in two tabs). Default 4. */
  maxSocketsPerConversation: number;
  /** Open streams per client address. Default 100. */
  maxSocketsPerAddress: number;
  /** Open streams in all. Default 1000. */
  maxSockets: number;
  /**
   * Largest message a stream client may send; clients send only empty keep-alives. A larger one
   * closes the socket (1009). Default 4 KiB.
   */
  maxSocketMessageBytes: number;
  /**
   * Unsent bytes a stream may queue for a client that does not read; beyond it the socket is
   * closed and the client reconnects from its watermark. Default 1 MiB.
   */
  maxSocketBufferedBytes: number;
  /**
   * Seconds between keep-alives (an empty message, and a ping that a dead peer fails to answer);
   * at the same beat a stream whose token expired is closed. Default 15.
   */
  keepAliveSeconds: number;
}

export const defaultDirectLineLimits: Readonly<DirectLineLimits> = Object.freeze({
  maxConversations: 1000,
  maxActivitiesPerConversation: 500,
  maxBytesPerConversation: 512 * 1024,
  tokenTtlSeconds: 30 * 60,
  resumeSeconds: webChatRememberDays * 24 * 60 * 60,
  maxTextLength: MAX_TEXT_LENGTH,
  maxClientBodyBytes: 64 * 1024,
  maxBotBodyBytes: 256 * 1024,
  tokenRate: { burst: 60, perMinute: 300 },
  conversationRate: { burst: 200, perMinute: 6_000 },
  streamTokenTtlSeconds: 60,
  maxSocketsPerConversation: 4,
  maxSocketsPerAddress: 100,
  maxSockets: 1000,
  maxSocketMessageBytes: 4 * 1024,
  maxSocketBufferedBytes: 1024 * 1024,
  keepAliveSeconds: 15,
});

/** What the client and bot routes share. */
export interface DirectLineContext {
  conversations: DirectLineConversations;
  /** The open WebSocket streams and the stream tokens handed out for them. */
  streams: DirectLineStreams;
  limits: DirectLineLimits;
  /** One limiter per kind of route, keyed by client address. */
  rates: { token: RateLimiter; conversation: RateLimiter };
  /** Milliseconds since the epoch, from the injected clock. */
  now(): number;
  /** Milliseconds for durations (rate limits), from a monotonic source. */
  elapsedMs(): number;
  serviceUrl(): string;
  deliver(activity: Partial<Activity>): Promise<void>;
  log: Logger;
}

/** The channel id of activities from the local Direct Line, as Azure's Direct Line uses. */
export const CHANNEL_ID = 'webchat';
