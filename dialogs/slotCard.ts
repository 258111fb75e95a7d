import { ActionTypes, CardFactory, type Activity, type Attachment } from 'botbuilder';
import * as z from 'zod';
import {
  coachIdPattern,
  meetingForms,
  meetingPlaceSchema,
  type Coach,
  type MeetingForm,
} from '../src/domain/coach.js';
import { postcodeDigits, type Reason } from '../src/domain/coachChoice.js';
import { textDirection } from '../src/domain/language.js';
import type { Proposal } from '../src/planner/planner.js';
import type { Localizable } from './localizable.js';
import { formatMeetingTime } from './meetingTime.js';
import type { Reply } from './reply.js';

const isoInstant = z.iso.datetime();
const coachId = z.string().regex(coachIdPattern);

/**
 * What a "Kies deze tijd" button sends back. It carries everything needed to book, so a press
 * works on every channel and at any moment, also from a card shown long ago; the planner
 * decides whether the slot can still be had.
 */
export const slotValueSchema = z.object({
  action: z.literal('slot'),
  coachId,
  start: isoInstant,
});
export type SlotValue = z.infer<typeof slotValueSchema>;

/**
 * The slot a button press carries: the value as an object (Web Chat's messageBack), or the
 * same as a JSON string (channels whose buttons carry text ids, such as WhatsApp).
 */
export function readSlotValue(activity: Partial<Activity>): SlotValue | undefined {
  let value: unknown = activity.value;
  if (typeof value === 'string' && value.length <= 500 && value.trimStart().startsWith('{')) {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  const parsed = slotValueSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

const reasonSchema: z.ZodType<Reason> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('sameCoachAsBefore') }),
  z.object({ kind: z.literal('servesArea'), place: z.string() }),
  z.object({ kind: z.literal('servesPostcode'), postcode: z.string() }),
  z.object({ kind: z.literal('speaks'), language: z.string() }),
  z.object({ kind: z.literal('lowCaseload'), caseload: z.number(), cap: z.number() }),
]);

/**
 * One offered slot as the resident sees it, kept in dialog state (plain JSON, no Dates) so the
 * card can be shown again in another language and the next steps know the coach's ways to meet.
 */
export const slotCardSchema = z.object({
  coachId,
  coachName: z.string(),
  photoUrl: z.string(),
  intro: z.record(z.string(), z.string()),
  start: isoInstant,
  end: isoInstant,
  /** Where a meeting on location or a walk starts: the coach's place nearest the resident. */
  place: meetingPlaceSchema,
  forms: z.array(z.enum(meetingForms)).min(1),
  reasons: z.array(reasonSchema),
});
export type SlotCard = z.infer<typeof slotCardSchema>;

/** Where the resident lives, as far as they told us. */
export interface Whereabouts {
  postcode?: string | undefined;
  place?: string | undefined;
}

const simplify = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s'’-]+/g, ' ')
    .trim();

/** The coach's meeting place in the resident's place or postcode area, else their first. */
export function placeFor(coach: Coach, whereabouts: Whereabouts): Coach['places'][number] {
  const [first] = coach.places;
  if (!first) throw new RangeError(`coach ${coach.id} has no meeting place`);
  const place = whereabouts.place === undefined ? undefined : simplify(whereabouts.place);
  const digits = postcodeDigits(whereabouts.postcode);
  return (
    coach.places.find(
      (candidate) => place && candidate.place && simplify(candidate.place) === place,
    ) ??
    coach.places.find(
      (candidate) => digits !== undefined && candidate.address.includes(String(digits)),
    ) ??
    first
  );
}

export function cardOf(proposal: Proposal, whereabouts: Whereabouts): SlotCard {
  const { coach } = proposal;
  return {
    coachId: coach.id,
    coachName: coach.name,
    photoUrl: coach.photoUrl,
    intro: { ...coach.intro },
    start: proposal.start.toISOString(),
    end: proposal.end.toISOString(),
    place: placeFor(coach, whereabouts),
    forms: [...coach.forms],
    reasons: proposal.reasons,
  };
}

/** Titles of the ways to meet, in the order of {@link meetingForms}. */
export const formButtonKeys: Record<MeetingForm, string> = {
  location: 'plan.form.location.button',
  walk: 'plan.form.walk.button',
  phone: 'plan.form.phone.button',
  video: 'plan.form.video.button',
};

const readBackKeys: Record<MeetingForm, string> = {
  location: 'plan.readBack.location',
  walk: 'plan.readBack.walk',
  phone: 'plan.readBack.phone',
  video: 'plan.readBack.video',
};

/**
 * The meeting in words, for reading back before confirming and after booking: "donderdag
 * 3 december om 13:30 bij Dorpshuis Den Domp, met Elke". Put into words when sent.
 */
export function readBack(meeting: {
  start: string;
  coachName: string;
  form: MeetingForm;
  placeName?: string | undefined;
}): Localizable {
  return {
    key: readBackKeys[meeting.form],
    values: {
      when: { date: meeting.start },
      coach: meeting.coachName,
      place: meeting.placeName ?? '',
    },
  };
}

/**
 * A photo URL a channel can fetch: absolute as given, or resolved against the public base URL.
 * Without a base URL a relative path stays relative: the local web chat page resolves it itself.
 */
export function absolutePhotoUrl(photoUrl: string, baseUrl: string | undefined): string {
  if (/^https?:\/\//i.test(photoUrl) || !baseUrl) return photoUrl;
  try {
    return new URL(photoUrl, baseUrl).href;
  } catch {
    return photoUrl;
  }
}

/** "Elke werkt in Haaren en spreekt Engels." — or nothing when there is no reason to give. */
export function whyLine(reply: Reply, card: SlotCard): string | undefined {
  const latin = (text: string) => (textDirection[reply.lng] === 'rtl' ? isolate(text) : text);
  const parts = card.reasons.map((reason) => {
    switch (reason.kind) {
      case 'sameCoachAsBefore':
        return reply.text('plan.why.sameCoach');
      case 'servesArea':
        return reply.text('plan.why.area', { place: latin(reason.place) });
      case 'servesPostcode':
        return reply.text('plan.why.nearby');
      case 'speaks':
        return reply.text('plan.why.speaks', { language: languageName(reason.language, reply) });
      case 'lowCaseload':
        return reply.text('plan.why.room');
    }
  });
  if (parts.length === 0) return undefined;
  const reasons = new Intl.ListFormat(reply.lng, { type: 'conjunction' }).format(parts);
  return reply.text('plan.why.line', { coach: latin(card.coachName), reasons });
}

function languageName(code: string, reply: Reply): string {
  try {
    const name = new Intl.DisplayNames([reply.lng], { type: 'language' }).of(code);
    // Dutch writes language names with a capital, as Intl does; English does too.
    return name ?? code;
  } catch {
    return code;
  }
}

/** "op locatie, wandelen of telefonisch": the coach's ways to meet, in one phrase. */
function formsPhrase(reply: Reply, forms: readonly MeetingForm[]): string {
  const names = meetingForms
    .filter((form) => forms.includes(form))
    .map((form) => reply.text(formButtonKeys[form]))
    .map((title) => title.charAt(0).toLocaleLowerCase(reply.lng) + title.slice(1));
  return new Intl.ListFormat(reply.lng, { type: 'disjunction' }).format(names);
}

/** Unicode isolates: a Latin name or address keeps its own order inside Arabic text. */
const isolate = (text: string) => `\u2068${text}\u2069`;

/**
 * The coach's introduction in the resident's language, else in English, else in Dutch; one in
 * another language than the resident's is marked with that language's name ("(Engels) I am
 * Elke…"), so nobody wonders why it is not in theirs.
 */
export function introFor(reply: Reply, intro: Readonly<Record<string, string>>): string {
  const order = [reply.lng, 'en', 'nl'];
  const language = order.find((lng) => intro[lng] !== undefined);
  const text = language === undefined ? undefined : intro[language];
  if (language === undefined || text === undefined) return '';
  if (language === reply.lng) return text;
  const rtl = textDirection[reply.lng] === 'rtl';
  return reply.text('returning.introIn', {
    language: languageName(language, reply),
    intro: rtl ? isolate(text) : text,
  });
}

/**
 * The cards for the offered slots, compact on a phone: first one introduction per coach (a hero
 * card without buttons: their introduction, where, how and why), then one small card per time
 * with only what differs (the time, the coach's name and photo, and the button). Three times fit
 * on one phone screen, and each coach is introduced once. Latin names and addresses are isolated
 * in right-to-left languages, so "Schoolstraat 3, 5071 AV Udenhout" never breaks into fragments.
 */
export function renderCards(
  reply: Reply,
  cards: readonly SlotCard[],
  publicBaseUrl: string | undefined,
): Attachment[] {
  const coaches = new Map<string, SlotCard>();
  for (const card of cards) if (!coaches.has(card.coachId)) coaches.set(card.coachId, card);
  return [
    ...[...coaches.values()].map((card) => introductionCard(reply, card)),
    ...cards.map((card, index) => renderCard(reply, card, index + 1, publicBaseUrl)),
  ];
}

const isRtl = (reply: Reply) => textDirection[reply.lng] === 'rtl';

/** The coach's introduction, where and how they meet and why this coach: once per coach. */
function introductionCard(reply: Reply, card: SlotCard): Attachment {
  const latin = (text: string) => (isRtl(reply) ? isolate(text) : text);
  const lines = [introFor(reply, card.intro)];
  if (card.forms.includes('location') || card.forms.includes('walk')) {
    lines.push(
      reply.text('plan.card.place', {
        place: latin(card.place.name),
        address: latin(card.place.address),
      }),
    );
  }
  lines.push(reply.text('plan.card.forms', { forms: formsPhrase(reply, card.forms) }));
  const why = whyLine(reply, card);
  if (why) lines.push(why);
  return CardFactory.heroCard(
    latin(card.coachName),
    lines.filter((line) => line !== '').join('\n\n'),
  );
}

/**
 * The card for one slot: the time in words, the coach's name and photo, and one button that
 * carries the slot. The coach is introduced on their own card (see {@link renderCards}).
 */
export function renderCard(
  reply: Reply,
  card: SlotCard,
  number: number,
  publicBaseUrl: string | undefined,
): Attachment {
  const value: SlotValue = { action: 'slot', coachId: card.coachId, start: card.start };
  const choose = reply.text('plan.card.choose.button');
  const photo = absolutePhotoUrl(card.photoUrl, publicBaseUrl);
  // A thumbnail card: the time and the coach's name come first, the photo stays small.
  return CardFactory.thumbnailCard(
    reply.text('plan.card.time', {
      number,
      when: formatMeetingTime(new Date(card.start), reply.lng),
    }),
    '',
    [{ url: photo, alt: card.coachName }],
    [
      {
        type: ActionTypes.MessageBack,
        title: choose,
        text: choose,
        displayText: choose,
        value,
      },
    ],
    { subtitle: isRtl(reply) ? isolate(card.coachName) : card.coachName },
  );
}
