import { randomBytes } from 'node:crypto';
import type { Conversation, DirectLineConversations } from './conversationStore.js';
import { DirectLineError } from './errors.js';

/**
 * A token is an opaque lookup key: 32 random bytes. It is shaped as an unsigned JWT only so
 * that Web Chat and `botframework-directlinejs` can read the user id from it (as they do with
 * Azure's tokens); nothing here trusts its payload.
 */
export function newToken(conversationId: string, userId: string): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return [
    part({ alg: 'none', typ: 'JWT' }),
    part({ conv: conversationId, user: userId }),
    randomBytes(32).toString('base64url'),
  ].join('.');
}

/** What the token routes answer: Direct Line's `{ conversationId, token, expires_in }`. */
export function tokenResponse(conversation: Conversation, nowMs: number) {
  return {
    conversationId: conversation.id,
    token: conversation.token,
    expires_in: Math.max(0, Math.round((conversation.tokenExpiresAt - nowMs) / 1000)),
  };
}

/** The conversation of the bearer token: 401 without one, 403 for an unknown or expired one. */
export function authorize(
  store: DirectLineConversations,
  authorization: string | undefined,
  nowMs: number,
): Conversation {
  if (!authorization) {
    throw new DirectLineError(401, 'MissingToken', 'send Authorization: Bearer <token>');
  }
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  if (!match?.[1]) {
    throw new DirectLineError(
      401,
      'BadArgument',
      'the Authorization header must be "Bearer <token>"',
    );
  }
  const conversation = store.byToken(match[1]);
  if (!conversation) throw new DirectLineError(403, 'Forbidden', 'the token is not valid');
  if (conversation.tokenExpiresAt <= nowMs) {
    throw new DirectLineError(403, 'TokenExpired', 'the token has expired');
  }
  return conversation;
}

/** {@link authorize}, then 404 for an unknown (or not started) conversation, 403 for another one's token. */
export function authorizeFor(
  store: DirectLineConversations,
  authorization: string | undefined,
  conversationId: string,
  nowMs: number,
): Conversation {
  const conversation = authorize(store, authorization, nowMs);
  if (!store.started(conversationId)) {
    throw new DirectLineError(404, 'NotFound', 'there is no such conversation');
  }
  if (conversation.id !== conversationId) {
    throw new DirectLineError(403, 'Forbidden', 'the token belongs to another conversation');
  }
  return conversation;
}
