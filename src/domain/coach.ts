import * as z from 'zod';
import { isLoopback } from './loopback.js';

/**
 * A coach as residents meet them: a named person with a photo and one sentence about
 * themselves (distrust drops when the resident knows who is coming), where and how they meet,
 * and when they work.
 * Validated with zod when the seed file is read, so a typo in it stops start-up with a reason.
 */

const hhmm = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time like 09:00')
  .transform((value) => Number(value.slice(0, 2)) * 60 + Number(value.slice(3, 5)));

const hours = z
  .object({ start: hhmm, end: hhmm })
  .refine((range) => range.end > range.start, 'end must be after start');

export const meetingForms = ['location', 'walk', 'phone', 'video'] as const;
export type MeetingForm = (typeof meetingForms)[number];

export const meetingPlaceSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  address: z.string().min(1),
  /** Optional place name or postcode for matching residents' areas. */
  place: z.string().min(1).optional(),
});
export type MeetingPlace = z.infer<typeof meetingPlaceSchema>;

/** Dutch postcodes are four digits plus two letters; areas are ranges of the digits. */
const postcodeRange = z
  .object({ from: z.number().int().min(1000).max(9999), to: z.number().int().min(1000).max(9999) })
  .refine((range) => range.to >= range.from, 'to must not be below from');

/**
 * A coach's id: lowercase letters, digits and dashes. It travels in buttons and is a Cosmos
 * partition key and part of booking ids, so it must never hold '/', '\\', '?' or '#'.
 */
export const coachIdPattern = /^[a-z0-9-]{1,64}$/;

/**
 * A coach's calendar outside Voordeur: a Microsoft 365 mailbox (through Microsoft Graph) or a
 * CalDAV collection (Nextcloud, SOGo, Radicale…). Credentials are never here: they come from
 * the configuration.
 */
export const calendarSettingSchema = z.discriminatedUnion('provider', [
  z.strictObject({
    provider: z.literal('graph'),
    /** The coach's mailbox: user principal name (usually the e-mail address) or object id. */
    mailbox: z
      .string()
      .refine((value) => z.email().safeParse(value).success || z.uuid().safeParse(value).success, {
        message: 'must be the mailbox address (user principal name) or the user id',
      }),
  }),
  z.strictObject({
    provider: z.literal('caldav'),
    /** The calendar collection's URL; a trailing slash is added. */
    url: z
      .url({ protocol: /^https?$/, message: 'must be the https URL of a calendar collection' })
      .refine(
        (value) => {
          const url = new URL(value);
          return url.protocol === 'https:' || isLoopback(url.hostname);
        },
        { message: 'must be https (plain http only on loopback, for a local test server)' },
      )
      .refine((value) => !new URL(value).username && !new URL(value).password, {
        message: 'must not carry a user name or password: those come from the configuration',
      })
      .transform((value) => (value.endsWith('/') ? value : `${value}/`)),
  }),
]);
export type CalendarSetting = z.infer<typeof calendarSettingSchema>;

export const coachSchema = z.object({
  id: z.string().regex(coachIdPattern, 'lowercase letters, digits and dashes'),
  name: z.string().min(1).max(60),
  photoUrl: z.string().min(1),
  /**
   * One sentence per language; Dutch is required. A resident whose language is missing reads
   * the English one, else the Dutch one, marked with its language (`dialogs/slotCard.ts`).
   */
  intro: z.object({ nl: z.string().min(1).max(200) }).catchall(z.string().min(1).max(200)),
  /** Languages the coach speaks, as ISO 639-1 codes ('nl', 'en', 'ar', 'tr', …). */
  languages: z.array(z.string().regex(/^[a-z]{2}$/)).min(1),
  areas: z.object({
    postcodes: z.array(postcodeRange).default([]),
    places: z.array(z.string().min(1)).default([]),
  }),
  places: z.array(meetingPlaceSchema).min(1),
  forms: z.array(z.enum(meetingForms)).min(1),
  /** Working hours per ISO weekday ('1' = Monday … '7' = Sunday); a missing day is not worked. */
  workingHours: z.partialRecord(z.enum(['1', '2', '3', '4', '5', '6', '7']), z.array(hours)),
  meetingMinutes: z.number().int().min(15).max(180).default(45),
  bufferMinutes: z.number().int().min(0).max(120).default(15),
  caseloadCap: z.number().int().min(1).max(200).default(60),
  /** Residents the coach already works with (from the team's own records); Voordeur adds its bookings. */
  caseload: z.number().int().min(0).max(500).default(0),
  /** Where the coach's meetings go; absent: Voordeur's own calendar. */
  calendar: calendarSettingSchema.optional(),
});

export type Coach = z.infer<typeof coachSchema>;
export type CoachInput = z.input<typeof coachSchema>;
