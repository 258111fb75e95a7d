import type { Activity, ActivityTimestamps, ChannelAccount, ConversationAccount } from 'botbuilder';
import type { JsonRequest, JsonResult, JsonRoute } from '../../http/jsonRoute.js';
import { describeError } from '../../http/jsonRoute.js';
import type { RateLimiter } from '../../http/rateLimit.js';
import { BOT } from './botRoutes.js';
import { CHANNEL_ID, type DirectLineContext } from './context.js';
import type { Conversation, WireActivity } from './conversationStore.js';
import { DirectLineError, failure, parseWith, refusing } from './errors.js';
import {
  clientActivitySchema,
  generateSchema,
  localeSchema,
  parseWatermark,
  startSchema,
} from './schemas.js';
import { authorize, authorizeFor, tokenResponse } from './tokens.js';

/**
 * The routes Web Chat and `botframework-directlinejs` call, all with `Authorization: Bearer
 * <token>` except where noted:
 * - `POST /v3/directline/tokens/generate` (no token) → `{ conversationId, token, expires_in }`
 * - `POST /v3/directline/tokens/refresh` → the same token, valid for another `tokenTtlSeconds`
 * - `POST /v3/directline/conversations` (token optional: without one a new conversation starts)
 *   and `GET /v3/directline/conversations/:conversationId?watermark=N` (reconnecting)
 *   → `{ conversationId, token, expires_in, streamUrl }`; the `streamUrl` opens a WebSocket
 *   stream once (`streamUpgrade.ts`, `streams.ts`)
 * - `GET  /v3/directline/conversations/:conversationId/stream` without a WebSocket handshake
 *   → 426
 * - `POST /v3/directline/conversations/:conversationId/activities` → `{ id }`
 * - `GET  /v3/directline/conversations/:conversationId/activities?watermark=N`
 *   → `{ activities, watermark }`
 */
export function clientRoutes(ctx: DirectLineContext): JsonRoute[] {
  const { conversations, limits, log } = ctx;
  const maxBodyBytes = limits.maxClientBodyBytes;
  const clientActivity = clientActivitySchema(limits.maxTextLength);
  const ok = (status: number, body: unknown): JsonResult => ({ status, body });
  const auth = (req: JsonRequest) => authorize(conversations, req.headers.authorization, ctx.now());
  const authFor = (req: JsonRequest) =>
    authorizeFor(
      conversations,
      req.headers.authorization,
      req.params['conversationId'] ?? '',
      ctx.now(),
    );
  const newConversation = (userId: string | undefined) => {
    const created = conversations.create(
      userId,
      ctx.now() + limits.tokenTtlSeconds * 1000,
      ctx.now(),
    );
    if (!created) {
      throw new DirectLineError(
        503,
        'ServiceUnavailable',
        'too many conversations are active; try again later',
        60,
      );
    }
    return created;
  };
  /** Direct Line's conversation answer: the token's, with a one-time `streamUrl`. */
  const withStream = (conversation: Conversation, watermark: number | undefined) => ({
    ...tokenResponse(conversation, ctx.now()),
    streamUrl: ctx.streams.issue(conversation, watermark, ctx.serviceUrl()),
  });
  const tokenRate = admitting(ctx.rates.token, ctx.elapsedMs);
  const conversationRate = admitting(ctx.rates.conversation, ctx.elapsedMs);

  return [
    {
      method: 'POST',
      path: '/v3/directline/tokens/generate',
      maxBodyBytes,
      admit: tokenRate,
      handle: refusing((req) => {
        const body = parseWith(generateSchema, req.body);
        const conversation = newConversation(body?.user?.id);
        log.info({ conversationId: conversation.id }, 'token generated');
        return ok(200, tokenResponse(conversation, ctx.now()));
      }),
    },
    {
      method: 'POST',
      path: '/v3/directline/tokens/refresh',
      admit: tokenRate,
      handle: refusing((req) => {
        // An expired token may be refreshed within the resume window: web chat resumes with it.
        const conversation = authorize(
          conversations,
          req.headers.authorization,
          ctx.now() - limits.resumeSeconds * 1000,
        );
        conversation.tokenExpiresAt = ctx.now() + limits.tokenTtlSeconds * 1000;
        return ok(200, tokenResponse(conversation, ctx.now()));
      }),
    },
    {
      method: 'POST',
      path: '/v3/directline/conversations',
      maxBodyBytes,
      admit: tokenRate,
      handle: refusing((req) => {
        const body = parseWith(startSchema, req.body);
        const conversation = req.headers.authorization
          ? auth(req)
          : newConversation(body?.user?.id);
        const created = !conversation.started;
        if (created) {
          conversation.started = true;
          conversations.touch(conversation);
          const { id } = conversations.nextId(conversation);
          const user = { id: conversation.userId, role: 'user' } as ChannelAccount;
          deliverInOrder(ctx, conversation, {
            type: 'conversationUpdate',
            id,
            timestamp: new Date(ctx.now()),
            channelId: CHANNEL_ID,
            serviceUrl: ctx.serviceUrl(),
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
        return ok(created ? 201 : 200, withStream(conversation, undefined));
      }),
    },
    {
      method: 'GET',
      path: '/v3/directline/conversations/:conversationId',
      admit: conversationRate,
      // Also how a streaming client reconnects: a fresh streamUrl from its watermark.
      handle: refusing((req) => {
        const conversation = authFor(req);
        return ok(200, withStream(conversation, parseWatermark(req.query.get('watermark'))));
      }),
    },
    {
      method: 'GET',
      path: '/v3/directline/conversations/:conversationId/stream',
      admit: conversationRate,
      // Only a WebSocket handshake opens a stream (`streamUpgrade.ts`); a plain GET learns so.
      handle: () =>
        failure(new DirectLineError(426, 'UpgradeRequired', 'open the streamUrl as a WebSocket')),
    },
    {
      method: 'POST',
      path: '/v3/directline/conversations/:conversationId/activities',
      maxBodyBytes,
      admit: conversationRate,
      handle: refusing((req) => {
        const conversation = authFor(req);
        const sent = parseWith(clientActivity, req.body);
        const { seq, id } = conversations.nextId(conversation);
        const { localTimestamp, ...fields } = sent;
        const timestamp = new Date(ctx.now());
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
          serviceUrl: ctx.serviceUrl(),
          conversation: { id: conversation.id } as ConversationAccount,
          from: { ...sent.from, id: conversation.userId, role: 'user' } as ChannelAccount,
          recipient: BOT,
        };
        // Web Chat waits for its own message in the stream before it shows it as sent.
        conversations.append(conversation, seq, toWire(activity, id, sent.type));
        deliverInOrder(ctx, conversation, activity);
        return ok(200, { id });
      }),
    },
    {
      method: 'GET',
      path: '/v3/directline/conversations/:conversationId/activities',
      admit: conversationRate,
      handle: refusing((req) => {
        const conversation = authFor(req);
        const watermark = parseWatermark(req.query.get('watermark'));
        return ok(200, {
          activities: conversations.since(conversation, watermark),
          watermark: String(Math.max(conversation.lastSeq, watermark)),
        });
      }),
    },
  ];
}

/** 429 with `Retry-After` once a client address has used up its bucket. */
function admitting(limiter: RateLimiter, now: () => number) {
  return (remoteAddress: string | undefined): JsonResult | undefined => {
    const admission = limiter.take(remoteAddress ?? 'unknown', now());
    if (admission.allowed) return undefined;
    return failure(
      new DirectLineError(
        429,
        'TooManyRequests',
        `too many requests; try again in ${admission.retryAfterSeconds} s`,
        admission.retryAfterSeconds,
      ),
    );
  };
}

/**
 * Hands the activity to the bot without holding the client's request, after the
 * conversation's earlier activities (two quick messages never run as concurrent turns).
 */
function deliverInOrder(
  ctx: DirectLineContext,
  conversation: Conversation,
  activity: Partial<Activity>,
): void {
  const copy = structuredClone(activity);
  conversation.delivery = conversation.delivery
    .then(() => ctx.deliver(copy))
    .catch((error: unknown) => {
      ctx.log.error(
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
