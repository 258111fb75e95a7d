import type { ChannelAccount } from 'botbuilder';
import { isLoopback } from '../../config.js';
import type { JsonRequest, JsonRoute } from '../../http/jsonRoute.js';
import { CHANNEL_ID, type DirectLineContext } from './context.js';
import type { Conversation, WireActivity } from './conversationStore.js';
import { DirectLineError, parseWith, refusing } from './errors.js';
import { botActivitySchema } from './schemas.js';

/** The bot's account on every activity (the wire carries no name). */
export const BOT: ChannelAccount = { id: 'bot', role: 'bot' } as ChannelAccount;

/**
 * The routes where CloudAdapter posts its replies (`serviceUrl` points here). They accept
 * loopback callers only, because a bot without an app id sends no credentials:
 * - `POST /v3/conversations/:conversationId/activities[/:activityId]`
 * - `PUT|DELETE /v3/conversations/:conversationId/activities/:activityId`
 */
export function botRoutes(ctx: DirectLineContext): JsonRoute[] {
  const path = '/v3/conversations/:conversationId/activities';
  const append = (mode: 'send' | 'reply' | 'update') =>
    refusing((req) => {
      const conversation = botConversation(ctx, req);
      const sent = parseWith(botActivitySchema, req.body);
      const { seq, id: freshId } = ctx.conversations.nextId(conversation);
      const pathId = mode === 'send' ? undefined : req.params['activityId'];
      const id = mode === 'update' && pathId ? pathId : freshId;
      const activity: WireActivity = {
        ...sent,
        id,
        timestamp: new Date(ctx.now()).toISOString(),
        channelId: CHANNEL_ID,
        conversation: { id: conversation.id },
        from: { ...sent.from, id: sent.from?.id ?? BOT.id, role: 'bot' },
        ...(mode === 'reply' && sent['replyToId'] === undefined ? { replyToId: pathId } : {}),
      };
      delete activity['serviceUrl'];
      // An update is re-sent with the same id after the current watermark; Web Chat replaces it.
      ctx.conversations.append(conversation, seq, activity);
      return { status: 200, body: { id } };
    });
  const maxBodyBytes = ctx.limits.maxBotBodyBytes;

  return [
    { method: 'POST', path, maxBodyBytes, handle: append('send') },
    { method: 'POST', path: `${path}/:activityId`, maxBodyBytes, handle: append('reply') },
    { method: 'PUT', path: `${path}/:activityId`, maxBodyBytes, handle: append('update') },
    {
      method: 'DELETE',
      path: `${path}/:activityId`,
      handle: refusing((req) => {
        ctx.conversations.remove(botConversation(ctx, req), req.params['activityId'] ?? '');
        return { status: 200, body: {} };
      }),
    },
  ];
}

/** 403 for a caller not on loopback, 404 for a conversation not started. */
function botConversation(ctx: DirectLineContext, req: JsonRequest): Conversation {
  if (!isLoopback(req.remoteAddress)) {
    throw new DirectLineError(403, 'Forbidden', 'bot routes accept loopback callers only');
  }
  const conversation = ctx.conversations.started(req.params['conversationId'] ?? '');
  if (!conversation) {
    throw new DirectLineError(404, 'NotFound', 'there is no such conversation');
  }
  return conversation;
}
