import * as z from 'zod';
import { MAX_TEXT_LENGTH } from '../activityLimits.js';

/**
 * What `POST /api/messages` accepts, checked before authentication and before botbuilder sees
 * it: the fields CloudAdapter and the turn gate rely on must be there and of the right type
 * (a missing `conversation` used to reach the bot and fail there). Other fields pass unchanged.
 */

const noControls = (value: string) => !/\p{Cc}/u.test(value);

const account = z.looseObject({
  id: z.string().min(1).max(256).refine(noControls, 'must not contain control characters'),
  name: z.string().max(256).optional(),
  role: z.string().max(32).optional(),
});

/** Also a path segment of the reply address: `.` and `..` would move up the path. */
const conversationId = z
  .string()
  .min(1)
  .max(512)
  .refine(noControls, 'must not contain control characters')
  .refine((id) => id !== '.' && id !== '..', 'must not be "." or ".."');

const dateTime = z
  .string()
  .max(64)
  .refine((value) => !Number.isNaN(Date.parse(value)), 'must be a date and time');

export const inboundActivitySchema = z.looseObject({
  type: z.string().min(1).max(64),
  id: z.string().max(512).optional(),
  channelId: z.string().min(1).max(64),
  serviceUrl: z.string().min(1).max(2048),
  conversation: z.looseObject({ id: conversationId }),
  from: account,
  recipient: account.optional(),
  text: z.string().max(MAX_TEXT_LENGTH).optional(),
  locale: z.string().max(35).optional(),
  deliveryMode: z.string().max(32).optional(),
  replyToId: z.string().max(512).optional(),
  timestamp: dateTime.optional(),
  localTimestamp: dateTime.optional(),
  expiration: dateTime.optional(),
});

export type InboundActivity = z.infer<typeof inboundActivitySchema>;

/** The activity, or a reason naming the first few problems (paths and zod's words, no values). */
export function parseActivity(
  body: unknown,
): { ok: true; activity: InboundActivity } | { ok: false; reason: string } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, reason: 'the body must be an activity (a JSON object)' };
  }
  const result = inboundActivitySchema.safeParse(body);
  if (result.success) return { ok: true, activity: result.data };
  const reason = result.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
    .join('; ');
  return { ok: false, reason };
}

/**
 * Dates as botbuilder's own parser leaves them (`timestamp` a Date, the text kept as
 * `rawTimestamp`), since the activity no longer passes through `CloudAdapter.process`.
 */
export function withDates(activity: InboundActivity): Record<string, unknown> {
  const fixed: Record<string, unknown> = { ...activity };
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['localTimestamp', 'rawLocalTimestamp'],
    ['expiration', 'rawExpiration'],
  ] as const) {
    const value = activity[field];
    if (typeof value === 'string') {
      fixed[raw] = value;
      fixed[field] = new Date(value);
    }
  }
  return fixed;
}
