import { randomBytes } from 'node:crypto';
import type { WebSocket } from 'ws';
import type { Logger } from '../../log.js';
import type { DirectLineLimits } from './context.js';
import type { Conversation, ConversationEvents, WireActivity } from './conversationStore.js';

/** What the streams need of the limits; see `DirectLineLimits`. */
export type StreamLimits = Pick<
  DirectLineLimits,
  | 'streamTokenTtlSeconds'
  | 'maxSocketsPerConversation'
  | 'maxSocketsPerAddress'
  | 'maxSockets'
  | 'maxSocketBufferedBytes'
  | 'keepAliveSeconds'
>;

/** Stream tokens kept at once; beyond it the oldest is forgotten (it could no longer connect). */
const MAX_STREAM_TOKENS = 10_000;

/** Close codes (RFC 6455 §7.4.1). */
const NORMAL = 1000;
const POLICY = 1008;

interface StreamToken {
  conversation: Conversation;
  expiresAt: number;
}

interface Socket {
  ws: WebSocket;
  conversation: Conversation;
  address: string;
  /** Answered since the last keep-alive (a pong or any message). */
  alive: boolean;
}

/** Why a new stream is refused, before the upgrade. */
export type Capacity = 'conversation' | 'address' | 'server';

/**
 * The open WebSocket streams of the local Direct Line, and the one-time stream tokens that open
 * them (the `t` of a `streamUrl`).
 *
 * Direct Line 3.0's stream: on connect the activities after the URL's watermark, then each new
 * activity as soon as it enters the conversation, each as an activity set `{ activities,
 * watermark }`. Between them an empty message every `keepAliveSeconds`: botframework-directlinejs
 * skips empty messages (`message.data && JSON.parse(...)`), whereas `{}` would reach it as an
 * activity set without activities and break its stream. The client sends empty messages too;
 * they, and anything else it sends, are ignored.
 *
 * A stream token is not the conversation's token: it is random, bound to one conversation, valid
 * `streamTokenTtlSeconds` and used once, so a `streamUrl` that lands in a log or a history
 * opens nothing later. Closing a stream ends nothing else; the conversation and its token go on.
 */
export class DirectLineStreams implements ConversationEvents {
  /** Insertion order is issue order, and every token lives as long: the oldest come first. */
  private readonly tokens = new Map<string, StreamToken>();
  private readonly byConversation = new Map<string, Set<Socket>>();
  private readonly byAddress = new Map<string, number>();
  private count = 0;
  private ticker: NodeJS.Timeout | undefined;

  constructor(
    private readonly limits: StreamLimits,
    /** Milliseconds since the epoch, from the injected clock (token expiry). */
    private readonly now: () => number,
    private readonly log: Logger,
  ) {}

  /**
   * A `streamUrl` for `conversation`: `ws://host:port/v3/directline/conversations/{id}/stream
   * ?watermark=N&t=<stream token>` on the origin of `baseUrl` (the server's own address).
   */
  issue(conversation: Conversation, watermark: number | undefined, baseUrl: string): string {
    const nowMs = this.now();
    for (const [token, issued] of this.tokens) {
      if (issued.expiresAt > nowMs && this.tokens.size < MAX_STREAM_TOKENS) break;
      this.tokens.delete(token);
    }
    const token = randomBytes(32).toString('base64url');
    this.tokens.set(token, {
      conversation,
      expiresAt: nowMs + this.limits.streamTokenTtlSeconds * 1000,
    });
    const url = new URL(
      `v3/directline/conversations/${encodeURIComponent(conversation.id)}/stream`,
      baseUrl,
    );
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    if (watermark !== undefined) url.searchParams.set('watermark', String(watermark));
    url.searchParams.set('t', token);
    return url.toString();
  }

  /**
   * Takes a stream token (it cannot be used again): its conversation, `'expired'`, or
   * `undefined` for a token never issued (or already used).
   */
  redeem(token: string): Conversation | 'expired' | undefined {
    const issued = this.tokens.get(token);
    if (!issued) return undefined;
    this.tokens.delete(token);
    return issued.expiresAt > this.now() ? issued.conversation : 'expired';
  }

  /** Which limit one more stream for `conversation` from `address` would pass, if any. */
  full(conversation: Conversation, address: string): Capacity | undefined {
    if (
      (this.byConversation.get(conversation.id)?.size ?? 0) >= this.limits.maxSocketsPerConversation
    )
      return 'conversation';
    if ((this.byAddress.get(address) ?? 0) >= this.limits.maxSocketsPerAddress) return 'address';
    if (this.count >= this.limits.maxSockets) return 'server';
    return undefined;
  }

  /**
   * Takes an upgraded socket: sends `history` (the activities after the client's watermark) and
   * from then on every new activity of the conversation. Call it in the same turn as reading
   * the history, so no activity falls between the two.
   */
  open(
    ws: WebSocket,
    conversation: Conversation,
    address: string,
    history: { activities: WireActivity[]; watermark: string },
  ): void {
    const socket: Socket = { ws, conversation, address, alive: true };
    let sockets = this.byConversation.get(conversation.id);
    if (!sockets) this.byConversation.set(conversation.id, (sockets = new Set()));
    sockets.add(socket);
    this.byAddress.set(address, (this.byAddress.get(address) ?? 0) + 1);
    this.count++;
    const alive = () => {
      socket.alive = true;
    };
    ws.on('message', alive);
    ws.on('pong', alive);
    // A message over maxPayload, a bad frame or a reset: ws closes the socket; say why (no data).
    ws.on('error', (error: Error & { code?: string }) => {
      this.log.debug(
        { conversationId: conversation.id, code: error.code ?? error.name },
        'stream error',
      );
    });
    ws.once('close', (code: number) => {
      this.forget(socket);
      this.log.debug({ conversationId: conversation.id, code, open: this.count }, 'stream closed');
    });
    this.log.debug({ conversationId: conversation.id, open: this.count }, 'stream opened');
    if (history.activities.length > 0) this.send(socket, JSON.stringify(history));
    this.ticker ??= setInterval(() => this.keepAlive(), this.limits.keepAliveSeconds * 1000);
    this.ticker.unref();
  }

  /** Pushes an activity to the conversation's open streams as soon as it enters. */
  appended(conversation: Conversation, seq: number, activity: WireActivity): void {
    const sockets = this.byConversation.get(conversation.id);
    if (!sockets) return;
    const set = JSON.stringify({ activities: [activity], watermark: String(seq) });
    for (const socket of sockets) this.send(socket, set);
  }

  /** A dropped conversation has ended: its streams close, and reconnecting finds no conversation. */
  dropped(conversation: Conversation): void {
    for (const socket of this.byConversation.get(conversation.id) ?? []) {
      socket.ws.close(NORMAL, 'conversation ended');
    }
  }

  /** Open streams now. */
  get size(): number {
    return this.count;
  }

  /** Closes every stream (the server is stopping). */
  close(): void {
    for (const sockets of this.byConversation.values()) {
      for (const socket of sockets) socket.ws.terminate();
    }
    this.stopTicker();
  }

  private send(socket: Socket, data: string): void {
    if (socket.ws.readyState !== socket.ws.OPEN) return;
    // A client that does not read must not grow this process's memory: it reconnects from its
    // watermark and misses nothing.
    if (socket.ws.bufferedAmount + data.length > this.limits.maxSocketBufferedBytes) {
      this.log.warn({ conversationId: socket.conversation.id }, 'stream client too slow; closed');
      socket.ws.terminate();
      return;
    }
    socket.ws.send(data);
  }

  /**
   * Every `keepAliveSeconds`: a stream whose token expired closes (its client must refresh, as
   * when polling); a peer that answered nothing since the last beat is gone; the rest get an
   * empty message and a ping.
   */
  private keepAlive(): void {
    const nowMs = this.now();
    for (const sockets of this.byConversation.values()) {
      for (const socket of sockets) {
        if (socket.conversation.tokenExpiresAt <= nowMs) {
          socket.ws.close(POLICY, 'token expired');
        } else if (!socket.alive) {
          socket.ws.terminate();
        } else {
          socket.alive = false;
          this.send(socket, '');
          socket.ws.ping();
        }
      }
    }
  }

  private forget(socket: Socket): void {
    const sockets = this.byConversation.get(socket.conversation.id);
    if (!sockets?.delete(socket)) return;
    if (sockets.size === 0) this.byConversation.delete(socket.conversation.id);
    const left = (this.byAddress.get(socket.address) ?? 1) - 1;
    if (left > 0) this.byAddress.set(socket.address, left);
    else this.byAddress.delete(socket.address);
    this.count--;
    if (this.count === 0) this.stopTicker();
  }

  private stopTicker(): void {
    clearInterval(this.ticker);
    this.ticker = undefined;
  }
}
