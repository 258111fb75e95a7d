import { randomBytes, randomUUID } from 'node:crypto';
import type { Activity, ActivityTimestamps, ChannelAccount, ConversationAccount } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { isLoopback } from '../config.js';
import type { Logger } from '../log.js';
import type { Clock } from '../ports/clock.js';

/**
 * A local Direct Line 3.0 surface (polling only), so Web Chat and any Direct Line client work
 * without Azure.
 *
 * **Local / development use only.** Everything lives in this process's memory: conversations
 * are lost on restart, are not shared between instances, and anyone who can reach the server
 * can start one (there is no Direct Line secret). In Azure, the Direct Line channel of Azure
 * Bot Service does this job and this surface is not registered.
 *
 * Client routes (Web Chat, `botframework-directlinejs`), all with `Authorization: Bearer <token>`
 * except where noted:
 * - `POST /v3/directline/tokens/generate` (no token) → `{ conversationId, token, expires_in }`
 * - `POST /v3/directline/tokens/refresh` → the same token, valid for another `tokenTtlSeconds`
 * - `POST /v3/directline/conversations` (token optional: without one a new conversation starts)
 * - `GET  /v3/directline/conversations/:id`
 * - `POST /v3/directline/conversations/:id/activities` → `{ id }`
 * - `GET  /v3/directline/conversations/:id/activities?watermark=N` → `{ activities, watermark }`
 *
 * Bot routes (where CloudAdapter posts its replies; `serviceUrl` points here). They accept
 * loopback callers only, because a bot without an app id sends no credentials:
 * - `POST /v3/conversations/:conversationId/activities[/:activityId]`
 * - `PUT|DELETE /v3/conversations/:conversationId/activities/:activityId`
 *
 * Errors use Direct Line's shape, `{ error: { code, message } }`: 400 malformed body or query,
 * 401 no bearer token, 403 unknown/expired token or a token for another conversation (or a
 * non-loopback bot caller), 404 unknown conversation, 413 body too large.
 */
export interface DirectLineOptions {
  /**
   * Hands an activity to the bot. Called without holding the client's request, one activity
   * at a time per conversation (so two quick messages never run as concurrent turns).
   * A rejection is logged (ids only) and does not stop later deliveries.
   */
  deliver(activity: Partial<Activity>): Promise<void>;
  /** Base URL at which the bot reaches the bot routes above, e.g. `http://127.0.0.1:3978`. */
  serviceUrl(): string;
  log: Logger;
  limits?: Partial<DirectLineLimits>;
  /** Time source for token expiry and activity timestamps. */
  clock: Clock;
}

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
  maxTextLength: 10_000,
  maxClientBodyBytes: 64 * 1024,
  maxBotBodyBytes: 256 * 1024,
});

const BOT: ChannelAccount = { id: 'bot', role: 'bot' } as ChannelAccount; // the wire carries no name
const CHANNEL_ID = 'webchat';

/** An activity as it travels in the stream: plain JSON with an id. */
type WireActivity = { id: string; type: string } & Record<string, unknown>;

interface Entry {
  seq: number;
  bytes: number;
  activity: WireActivity;
}

interface Conversation {
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

class DirectLineError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'DirectLineError';
  }
}

const userIdSchema = z
  .string()
  .regex(/^[\w.:@-]{1,128}$/, 'must be 1–128 letters, digits or _ . : @ -');

const startSchema = z
  .object({
    user: z.object({ id: userIdSchema.optional() }).optional(),
    locale: z.string().max(35).optional(),
  })
  .optional();

const account = z.object({
  id: z.string().max(256).optional(),
  name: z.string().max(256).optional(),
  role: z.string().max(32).optional(),
});

const localeSchema = z
  .string()
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'must be a BCP 47 tag');

/** What a client may send. Unknown fields are dropped; the server sets ids, addresses and time. */
const clientActivitySchema = (maxText: number) =>
  z.object({
    type: z.string().min(1).max(64),
    text: z.string().max(maxText).optional(),
    textFormat: z.enum(['plain', 'markdown', 'xml']).optional(),
    locale: localeSchema.optional(),
    name: z.string().max(256).optional(),
    value: z.unknown().optional(),
    from: account.optional(),
    channelData: z.record(z.string(), z.unknown()).optional(),
    entities: z
      .array(z.looseObject({ type: z.string().max(128) }))
      .max(20)
      .optional(),
    attachments: z
      .array(z.unknown())
      .max(0, 'attachments are not supported by the local Direct Line')
      .transform(() => undefined)
      .optional(),
    replyToId: z.string().max(300).optional(),
    localTimestamp: z
      .string()
      .max(64)
      .refine((s) => !Number.isNaN(Date.parse(s)), 'must be a date and time')
      .optional(),
    localTimezone: z.string().max(64).optional(),
  });

/** The bot is trusted (loopback only); just make sure it is an activity. */
const botActivitySchema = z.looseObject({
  type: z.string().min(1).max(64),
  from: account.optional(),
});

/**
 * Registers the local Direct Line routes on `server`. See {@link DirectLineOptions}.
 *
 * @example
 * registerDirectLine(server, {
 *   deliver: (activity) => bot.process(activity),
 *   serviceUrl: () => `http://127.0.0.1:${port}`,
 *   log,
 * });
 */
export function registerDirectLine(server: Server, opts: DirectLineOptions): void {
  const limits: DirectLineLimits = { ...defaultDirectLineLimits, ...opts.limits };
  const clock = opts.clock;
  const log = opts.log;
  const now = () => clock.now().getTime();
  const clientActivity = clientActivitySchema(limits.maxTextLength);

  /** Insertion order is activity order: touching a conversation moves it to the end. */
  const conversations = new Map<string, Conversation>();
  const byToken = new Map<string, Conversation>();

  function createConversation(userId: string | undefined): Conversation {
    while (conversations.size >= limits.maxConversations) {
      const oldest = conversations.values().next().value;
      if (!oldest) break;
      conversations.delete(oldest.id);
      byToken.delete(oldest.token);
      log.debug({ conversationId: oldest.id }, 'dropped the least recently active conversation');
    }
    const id = randomBytes(16).toString('base64url');
    const user = userId ?? `dl_${randomUUID()}`;
    const conversation: Conversation = {
      id,
      userId: user,
      token: newToken(id, user),
      tokenExpiresAt: now() + limits.tokenTtlSeconds * 1000,
      started: false,
      entries: [],
      bytes: 0,
      lastSeq: 0,
      delivery: Promise.resolve(),
    };
    conversations.set(id, conversation);
    byToken.set(conversation.token, conversation);
    return conversation;
  }

  function touch(conversation: Conversation): void {
    conversations.delete(conversation.id);
    conversations.set(conversation.id, conversation);
  }

  function nextId(conversation: Conversation): { seq: number; id: string } {
    const seq = ++conversation.lastSeq;
    return { seq, id: `${conversation.id}|${String(seq).padStart(7, '0')}` };
  }

  /** Appends to the stream (or replaces the activity with the same id), then applies the bounds. */
  function store(conversation: Conversation, seq: number, activity: WireActivity): void {
    const existing = conversation.entries.findIndex((e) => e.activity.id === activity.id);
    if (existing >= 0) {
      const [removed] = conversation.entries.splice(existing, 1);
      conversation.bytes -= removed?.bytes ?? 0;
    }
    const bytes = Buffer.byteLength(JSON.stringify(activity));
    conversation.entries.push({ seq, bytes, activity });
    conversation.bytes += bytes;
    while (
      conversation.entries.length > 1 &&
      (conversation.entries.length > limits.maxActivitiesPerConversation ||
        conversation.bytes > limits.maxBytesPerConversation)
    ) {
      conversation.bytes -= conversation.entries.shift()?.bytes ?? 0;
    }
    touch(conversation);
  }

  function deliverInOrder(conversation: Conversation, activity: Partial<Activity>): void {
    const copy = structuredClone(activity);
    conversation.delivery = conversation.delivery
      .then(() => opts.deliver(copy))
      .catch((error: unknown) => {
        log.error(
          {
            conversationId: conversation.id,
            activityId: activity.id,
            activityType: activity.type,
            error: describeError(error),
          },
          'delivering an activity to the bot failed',
        );
      });
  }

  function tokenResponse(conversation: Conversation) {
    return {
      conversationId: conversation.id,
      token: conversation.token,
      expires_in: Math.max(0, Math.round((conversation.tokenExpiresAt - now()) / 1000)),
    };
  }

  /** 401 without a bearer token, 403 for an unknown or expired one. */
  function authorize(req: Request): Conversation {
    const header = req.headers.authorization;
    if (!header) {
      throw new DirectLineError(401, 'MissingToken', 'send Authorization: Bearer <token>');
    }
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) {
      throw new DirectLineError(
        401,
        'BadArgument',
        'the Authorization header must be "Bearer <token>"',
      );
    }
    const conversation = byToken.get(match[1]);
    if (!conversation) throw new DirectLineError(403, 'Forbidden', 'the token is not valid');
    if (conversation.tokenExpiresAt <= now()) {
      throw new DirectLineError(403, 'TokenExpired', 'the token has expired');
    }
    return conversation;
  }

  /** {@link authorize}, then 404 for an unknown (or not started) conversation, 403 for another one's token. */
  function authorizeFor(req: Request, conversationId: string): Conversation {
    const conversation = authorize(req);
    if (!conversations.get(conversationId)?.started) {
      throw new DirectLineError(404, 'NotFound', 'there is no such conversation');
    }
    if (conversation.id !== conversationId) {
      throw new DirectLineError(403, 'Forbidden', 'the token belongs to another conversation');
    }
    return conversation;
  }

  function botConversation(req: Request): Conversation {
    if (!isLoopback(req.socket.remoteAddress)) {
      throw new DirectLineError(403, 'Forbidden', 'bot routes accept loopback callers only');
    }
    const conversation = conversations.get(param(req, 'conversationId'));
    if (!conversation?.started) {
      throw new DirectLineError(404, 'NotFound', 'there is no such conversation');
    }
    return conversation;
  }

  const handle =
    (handler: (req: Request, res: Response) => Promise<void> | void) =>
    async (req: Request, res: Response) => {
      try {
        await handler(req, res);
      } catch (error) {
        if (error instanceof DirectLineError) {
          res.send(error.status, { error: { code: error.code, message: error.message } });
          return;
        }
        log.error(
          { route: req.getRoute?.().path, error: describeError(error) },
          'direct line route failed',
        );
        res.send(500, { error: { code: 'ServiceError', message: 'internal error' } });
      }
    };

  // ── client routes ────────────────────────────────────────────────────────────────

  server.post(
    '/v3/directline/tokens/generate',
    handle(async (req, res) => {
      const body = parse(
        z.object({ user: z.object({ id: userIdSchema.optional() }).optional() }).optional(),
        await readJson(req, limits.maxClientBodyBytes),
      );
      const conversation = createConversation(body?.user?.id);
      log.info({ conversationId: conversation.id }, 'token generated');
      res.send(200, tokenResponse(conversation));
    }),
  );

  server.post(
    '/v3/directline/tokens/refresh',
    handle((req, res) => {
      const conversation = authorize(req);
      conversation.tokenExpiresAt = now() + limits.tokenTtlSeconds * 1000;
      res.send(200, tokenResponse(conversation));
    }),
  );

  server.post(
    '/v3/directline/conversations',
    handle(async (req, res) => {
      const body = parse(startSchema, await readJson(req, limits.maxClientBodyBytes));
      const conversation = req.headers.authorization
        ? authorize(req)
        : createConversation(body?.user?.id);
      const created = !conversation.started;
      if (created) {
        conversation.started = true;
        touch(conversation);
        const { id } = nextId(conversation);
        const user = { id: conversation.userId, role: 'user' } as ChannelAccount;
        deliverInOrder(conversation, {
          type: 'conversationUpdate',
          id,
          timestamp: new Date(now()),
          channelId: CHANNEL_ID,
          serviceUrl: opts.serviceUrl(),
          conversation: { id: conversation.id } as ConversationAccount,
          from: user,
          recipient: BOT,
          membersAdded: [BOT, user],
          ...(body?.locale && localeSchema.safeParse(body.locale).success
            ? { locale: body.locale }
            : {}),
        });
        log.info({ conversationId: conversation.id }, 'conversation started');
      }
      res.send(created ? 201 : 200, tokenResponse(conversation));
    }),
  );

  server.get(
    '/v3/directline/conversations/:conversationId',
    handle((req, res) => {
      const conversation = authorizeFor(req, param(req, 'conversationId'));
      res.send(200, tokenResponse(conversation));
    }),
  );

  server.post(
    '/v3/directline/conversations/:conversationId/activities',
    handle(async (req, res) => {
      const conversation = authorizeFor(req, param(req, 'conversationId'));
      const sent = parse(clientActivity, await readJson(req, limits.maxClientBodyBytes));
      const { seq, id } = nextId(conversation);
      const { localTimestamp, ...fields } = sent;
      const timestamp = new Date(now());
      // Shaped as botbuilder's activity validator leaves an activity read from HTTP.
      const activity: Partial<ActivityTimestamps> = {
        ...fields,
        ...(localTimestamp
          ? { localTimestamp: new Date(localTimestamp), rawLocalTimestamp: localTimestamp }
          : {}),
        id,
        timestamp,
        rawTimestamp: timestamp.toISOString(),
        channelId: CHANNEL_ID,
        serviceUrl: opts.serviceUrl(),
        conversation: { id: conversation.id } as ConversationAccount,
        from: { ...sent.from, id: conversation.userId, role: 'user' } as ChannelAccount,
        recipient: BOT,
      };
      // Web Chat waits for its own message in the stream before it shows it as sent.
      store(conversation, seq, toWire(activity, id, sent.type));
      deliverInOrder(conversation, activity);
      res.send(200, { id });
    }),
  );

  server.get(
    '/v3/directline/conversations/:conversationId/activities',
    handle((req, res) => {
      const conversation = authorizeFor(req, param(req, 'conversationId'));
      const raw = new URL(req.url ?? '/', 'http://local').searchParams.get('watermark') ?? '';
      if (raw !== '' && !/^\d{1,15}$/.test(raw)) {
        throw new DirectLineError(400, 'BadArgument', 'watermark must be a whole number');
      }
      const watermark = raw === '' ? 0 : Number(raw);
      res.send(200, {
        activities: conversation.entries.filter((e) => e.seq > watermark).map((e) => e.activity),
        watermark: String(Math.max(conversation.lastSeq, watermark)),
      });
    }),
  );

  // ── bot routes ───────────────────────────────────────────────────────────────────

  const appendFromBot = (mode: 'send' | 'reply' | 'update') =>
    handle(async (req, res) => {
      const conversation = botConversation(req);
      const sent = parse(botActivitySchema, await readJson(req, limits.maxBotBodyBytes));
      const { seq, id: freshId } = nextId(conversation);
      const pathId = mode === 'send' ? undefined : param(req, 'activityId');
      const id = mode === 'update' && pathId ? pathId : freshId;
      const activity: WireActivity = {
        ...sent,
        id,
        timestamp: new Date(now()).toISOString(),
        channelId: CHANNEL_ID,
        conversation: { id: conversation.id },
        from: { ...sent.from, id: sent.from?.id ?? BOT.id, role: 'bot' },
        ...(mode === 'reply' && sent['replyToId'] === undefined ? { replyToId: pathId } : {}),
      };
      delete activity['serviceUrl'];
      // An update is re-sent with the same id after the current watermark; Web Chat replaces it.
      store(conversation, seq, activity);
      res.send(200, { id });
    });

  server.post('/v3/conversations/:conversationId/activities', appendFromBot('send'));
  server.post('/v3/conversations/:conversationId/activities/:activityId', appendFromBot('reply'));
  server.put('/v3/conversations/:conversationId/activities/:activityId', appendFromBot('update'));
  server.del(
    '/v3/conversations/:conversationId/activities/:activityId',
    handle((req, res) => {
      const conversation = botConversation(req);
      const index = conversation.entries.findIndex(
        (e) => e.activity.id === param(req, 'activityId'),
      );
      if (index >= 0) conversation.bytes -= conversation.entries.splice(index, 1)[0]?.bytes ?? 0;
      res.send(200, {});
    }),
  );
}

/**
 * A token is an opaque lookup key: 32 random bytes. It is shaped as an unsigned JWT only so
 * that Web Chat and `botframework-directlinejs` can read the user id from it (as they do with
 * Azure's tokens); nothing here trusts its payload.
 */
function newToken(conversationId: string, userId: string): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return [
    part({ alg: 'none', typ: 'JWT' }),
    part({ conv: conversationId, user: userId }),
    randomBytes(32).toString('base64url'),
  ].join('.');
}

/** The JSON a client sees: raw timestamps (they keep the sender's offset), no service URL. */
function toWire(activity: Partial<ActivityTimestamps>, id: string, type: string): WireActivity {
  const { rawTimestamp, rawLocalTimestamp, ...rest } = activity;
  const json = JSON.parse(JSON.stringify(rest)) as Record<string, unknown>;
  delete json['serviceUrl'];
  return {
    ...json,
    ...(rawTimestamp ? { timestamp: rawTimestamp } : {}),
    ...(rawLocalTimestamp ? { localTimestamp: rawLocalTimestamp } : {}),
    id,
    type,
  };
}

function param(req: Request, name: string): string {
  const value: unknown = req.params?.[name];
  return typeof value === 'string' ? value : '';
}

function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const reason = result.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
      .join('; ');
    throw new DirectLineError(400, 'BadArgument', reason);
  }
  return result.data;
}

/**
 * The JSON body, or `undefined` when empty. Uses `req.body` when a body parser already ran;
 * otherwise reads the stream itself, so these routes work with or without one.
 */
async function readJson(req: Request, maxBytes: number): Promise<unknown> {
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) throw tooLarge(maxBytes);
  const already: unknown = (req as { body?: unknown }).body;
  let text: string;
  if (typeof already === 'string') text = already;
  else if (Buffer.isBuffer(already)) text = already.toString('utf8');
  else if (already !== undefined && already !== null) {
    // Parsed upstream (chunked bodies carry no content-length): measure it again.
    if (Buffer.byteLength(JSON.stringify(already)) > maxBytes) throw tooLarge(maxBytes);
    return already;
  } else {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) throw tooLarge(maxBytes);
      chunks.push(chunk);
    }
    text = Buffer.concat(chunks).toString('utf8');
  }
  if (Buffer.byteLength(text) > maxBytes) throw tooLarge(maxBytes);
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new DirectLineError(400, 'BadSyntax', 'the body is not valid JSON');
  }
}

function tooLarge(maxBytes: number): DirectLineError {
  return new DirectLineError(413, 'MessageSizeTooBig', `the body is larger than ${maxBytes} bytes`);
}

/** Name, code and status only: an error's message may quote what the resident wrote. */
function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { kind: typeof error };
  const { code, statusCode, status } = error as {
    code?: unknown;
    statusCode?: unknown;
    status?: unknown;
  };
  return { name: error.name, code, status: statusCode ?? status };
}
