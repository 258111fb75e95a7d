import { InputHints, MessageFactory, type TurnContext } from 'botbuilder';
import type { Coach, MeetingForm } from '../src/domain/coach.js';
import { languageTags } from '../src/domain/language.js';
import { icsAttachment, icsFileName, meetingIcs } from '../src/planner/icsFile.js';
import type { Booking } from '../src/ports/bookings.js';
import type { DialogDeps } from './deps.js';
import { localize, type Localizable } from './localizable.js';
import type { Reply } from './reply.js';
import { residentKeyOf } from './resident.js';
import { readBack } from './slotCard.js';

/** The booked meeting in words: "donderdag 3 december om 13:30 bij Dorpshuis Den Domp, met Elke". */
export function meetingOf(booking: Booking, coach: Coach): Localizable {
  const place = coach.places.find((candidate) => candidate.id === booking.placeId);
  return readBack({
    start: booking.start,
    coachName: coach.name,
    form: booking.form,
    placeName: place?.name,
  });
}

/**
 * The calendar file for the resident, in their language: title, where, and how to move or
 * cancel. Sent as a data URL, so no channel needs a download route. With `cancelledAt` it is the
 * cancellation (METHOD:CANCEL, same UID, higher SEQUENCE) that takes the meeting out of the
 * resident's own calendar again, named so they recognise it ("Afgezegd afspraak met Elke.ics").
 */
export function calendarFile(
  deps: DialogDeps,
  reply: Reply,
  booking: Booking,
  coach: Coach,
  cancelledAt?: Date,
): { contentType: string; name: string; contentUrl: string } {
  const place = coach.places.find((candidate) => candidate.id === booking.placeId);
  const meeting = String(localize(reply, meetingOf(booking, coach)));
  const title = reply.text(cancelledAt ? 'ics.cancelledTitle' : 'ics.title', { coach: coach.name });
  const ics = meetingIcs({
    booking,
    title,
    // The calendar file is plain text: the number as it is, not the chat's tel: link.
    description: reply.text('ics.description', { meeting, phone: deps.municipality.phone }),
    ...(place ? { location: `${place.name}, ${place.address}` } : {}),
    organizer: deps.municipality.name,
    ...(cancelledAt ? { cancelledAt } : {}),
  });
  return icsAttachment(ics, icsFileName(title, reply.text('ics.fileName')));
}

/**
 * Sends the calendar file with a short line (`textKey`), in the resident's language. Every
 * channel takes it as an attachment; WhatsApp uploads it as a document (see
 * `src/channels/whatsapp/outbound.ts`).
 */
export async function sendCalendarFile(
  context: TurnContext,
  reply: Reply,
  file: ReturnType<typeof calendarFile>,
  textKey: string,
): Promise<void> {
  const message = MessageFactory.attachment(
    file,
    reply.text(textKey),
    undefined,
    InputHints.IgnoringInput,
  );
  message.locale = languageTags[reply.lng];
  await context.sendActivity(message);
}

/**
 * The upcoming booking this conversation made, if it still exists; forgets one that is gone or
 * over (the coach stays remembered, for continuity).
 */
export async function currentBooking(
  deps: DialogDeps,
  context: TurnContext,
): Promise<
  { current: { coachId: string; bookingId: string }; booking: Booking; coach: Coach } | undefined
> {
  const profile = await deps.state.profile.get(context);
  const current = profile?.booking;
  if (!profile || !current) return undefined;
  const found = await deps.planner.find(current);
  const upcoming = found && Date.parse(found.booking.end) > deps.clock.now().getTime();
  if (found && upcoming && found.booking.residentKey === residentKeyOf(context)) {
    return { current, ...found };
  }
  await forgetBooking(deps, context);
  return undefined;
}

/** Remembers the booked meeting (to move or cancel it) and its coach (for continuity). */
export async function rememberBooking(
  deps: DialogDeps,
  context: TurnContext,
  booking: Booking,
  coach: Coach,
): Promise<void> {
  const profile = (await deps.state.profile.get(context)) ?? {};
  await deps.state.profile.set(context, {
    ...profile,
    booking: { coachId: coach.id, bookingId: booking.id },
    coachId: coach.id,
  });
}

/** Forgets the booked meeting; the coach stays remembered, so a new meeting is with them again. */
export async function forgetBooking(deps: DialogDeps, context: TurnContext): Promise<void> {
  const profile = (await deps.state.profile.get(context)) ?? {};
  const rest = { ...profile };
  delete rest.booking;
  await deps.state.profile.set(context, rest);
}

/**
 * Tells the resident their meeting is booked (or moved), with the coach's name, how the coach
 * will reach them for a call or video, and the calendar file.
 */
export async function announceBooking(
  deps: DialogDeps,
  context: TurnContext,
  reply: Reply,
  meeting: { booking: Booking; coach: Coach; moved: boolean; form: MeetingForm; phone?: string },
): Promise<void> {
  const { booking, coach, form, phone } = meeting;
  const words = String(localize(reply, meetingOf(booking, coach)));
  await reply.send(meeting.moved ? 'plan.booked.moved' : 'plan.booked.done', { meeting: words });
  await reply.send('plan.booked.coach', { coach: coach.name });
  if (phone) {
    await reply.send(form === 'phone' ? 'plan.booked.call' : 'plan.booked.videoLink', {
      coach: coach.name,
      phone,
    });
  }
  await sendCalendarFile(
    context,
    reply,
    calendarFile(deps, reply, booking, coach),
    'plan.booked.calendar',
  );
}
