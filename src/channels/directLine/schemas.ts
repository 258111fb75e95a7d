import * as z from 'zod';
import { DirectLineError } from './errors.js';

/** What the local Direct Line accepts on the wire. Unknown fields are dropped. */

export const userIdSchema = z
  .string()
  .regex(/^[\w.:@-]{1,128}$/, 'must be 1–128 letters, digits or _ . : @ -');

export const localeSchema = z
  .string()
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'must be a BCP 47 tag');

/** `POST /v3/directline/tokens/generate`. */
export const generateSchema = z
  .object({ user: z.object({ id: userIdSchema.optional() }).optional() })
  .optional();

/** `POST /v3/directline/conversations` (botframework-directlinejs sends user and locale). */
export const startSchema = z
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

/** What a client may send; the server sets ids, addresses and time. */
export const clientActivitySchema = (maxText: number) =>
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
export const botActivitySchema = z.looseObject({
  type: z.string().min(1).max(64),
  from: account.optional(),
});

/** `?watermark=` of the activities route, the reconnect route and a stream URL: none is 0. */
export function parseWatermark(raw: string | null | undefined): number {
  if (!raw) return 0;
  if (!/^\d{1,15}$/.test(raw)) {
    throw new DirectLineError(400, 'BadArgument', 'watermark must be a whole number');
  }
  return Number(raw);
}
