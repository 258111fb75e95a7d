import * as z from 'zod';
import { formatMeetingTime } from './meetingTime.js';
import type { Reply } from './reply.js';

/**
 * A value for a placeholder that is put into words only when the message is sent: a plain
 * string or number, a meeting time (`{ date }`, ISO), or another translated text (`{ key,
 * values }`). Questions keep these in dialog state instead of rendered text, so after a
 * language switch the same question is asked again with dates and phrases in the new language.
 */
export type Localizable =
  | string
  | number
  | { date: string }
  | { key: string; values?: Record<string, Localizable> | undefined };

export const localizableSchema: z.ZodType<Localizable> = z.lazy(() =>
  z.union([
    z.string(),
    z.number(),
    z.object({ date: z.iso.datetime() }),
    z.object({
      key: z.string().min(1),
      values: z.record(z.string(), localizableSchema).optional(),
    }),
  ]),
);

export const localizableValuesSchema = z.record(z.string(), localizableSchema);
export type LocalizableValues = Record<string, Localizable>;

/** Puts one value into words in the reply's language. */
export function localize(reply: Reply, value: Localizable): string | number {
  if (typeof value === 'string' || typeof value === 'number') return value;
  if ('date' in value) return formatMeetingTime(new Date(value.date), reply.lng);
  return reply.text(value.key, localizeAll(reply, value.values ?? {}));
}

export function localizeAll(
  reply: Reply,
  values: LocalizableValues,
): Record<string, string | number> {
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => [name, localize(reply, value)]),
  );
}
