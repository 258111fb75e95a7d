import { expect } from 'chai';
import { bookingId } from '../../src/ports/bookings.js';
import { TestClock } from '../clocks.js';
import {
  bookThursday,
  buttonValues,
  calendarFileOf,
  slotCards,
  lastText,
  shownText,
  slotValueOf,
  startConversation,
  texts,
} from './harness.js';

const thursdayId = bookingId('elke', '2026-12-03T12:30:00.000Z');
const thursday = 'donderdag 3 december om 13:30 bij Dorpshuis Den Domp, met Elke';

/** A property of the .ics's event (long lines unfolded). */
function icsProperty(ics: string | undefined, name: string): string | undefined {
  const unfolded = (ics ?? '').replace(/\r\n[ \t]/g, '');
  const event = unfolded.slice(unfolded.indexOf('BEGIN:VEVENT'));
  return new RegExp(`^${name}[:;](.*)$`, 'm').exec(event)?.[1]?.replace(/\r$/, '');
}

describe('moving a meeting', () => {
  it('asks when it suits again, offers the same coach first, and moves the booking', async () => {
    const conversation = await startConversation();
    await bookThursday(conversation);

    const start = await conversation.say('afspraak verzetten');
    expect(texts(start)).to.deep.equal([
      `Uw afspraak is nu: ${thursday}. Ik zoek een nieuwe tijd, het liefst bij Elke.`,
      'Wanneer komt het u beter uit? Kies een knop, of typ het zelf.',
    ]);

    const offer = await conversation.say('dinsdagochtend');
    const cards = slotCards(offer);
    expect(cards.length).to.be.greaterThan(0);
    for (const card of cards) expect(card.subtitle).to.equal('Elke');
    expect(shownText(offer)).to.include('Elke kent u al.');
    const newStart = slotValueOf(cards[0]).start;

    // Same coach, and she offers the way they chose before: no need to ask how to meet.
    const confirm = await conversation.say('1');
    expect(lastText(confirm)).to.equal(
      'Uw nieuwe afspraak: dinsdag 24 november om 09:30 bij Dorpshuis Den Domp, met Elke. Klopt dat?',
    );

    const moved = await conversation.say('Ja');
    expect(texts(moved)[0]).to.equal(
      'Gelukt! Uw afspraak is verzet naar dinsdag 24 november om 09:30 bij Dorpshuis Den Domp, met Elke.',
    );
    const { bookings, calendar } = conversation.planning;
    const newId = bookingId('elke', newStart);
    expect(await bookings.get('elke', thursdayId)).to.equal(undefined);
    expect(await calendar.event('elke', thursdayId)).to.equal(undefined);
    const booking = await bookings.get('elke', newId);
    expect(booking?.summary.preferredTimes).to.equal('dinsdagochtend');
    expect(booking?.form).to.equal('location');
    expect((await conversation.savedProfile())?.booking).to.deep.equal({
      coachId: 'elke',
      bookingId: newId,
    });
  });

  it('sends the moved meeting as a calendar file that replaces the first: same UID, higher SEQUENCE', async () => {
    const clock = new TestClock();
    const conversation = await startConversation({ clock });
    const first = calendarFileOf(await bookThursday(conversation));
    clock.advance(40_000); // a resident who moves within the minute still gets a higher number
    await conversation.say('afspraak verzetten');
    await conversation.say('dinsdagochtend');
    await conversation.say('1');
    const moved = calendarFileOf(await conversation.say('Ja'));
    expect(moved?.name).to.equal('Afspraak met Elke.ics');
    expect(moved?.text).to.include('METHOD:PUBLISH');
    expect(icsProperty(moved?.text, 'UID')).to.equal(icsProperty(first?.text, 'UID'));
    expect(Number(icsProperty(moved?.text, 'SEQUENCE'))).to.be.greaterThan(
      Number(icsProperty(first?.text, 'SEQUENCE')),
    );
    expect(icsProperty(moved?.text, 'DTSTART')).to.equal('TZID=Europe/Amsterdam:20261124T093000');
  });

  it('works from the button after booking, and in English', async () => {
    const conversation = await startConversation();
    await bookThursday(conversation);
    await conversation.say('English');
    const replies = await conversation.send({ text: 'Move appointment', value: 'booking:move' });
    expect(texts(replies)[0]).to.equal(
      'Your appointment is now: Thursday 3 December at 13:30 at Dorpshuis Den Domp, with Elke. I will look for a new time, with Elke if possible.',
    );
    expect(lastText(await conversation.say('menu'))).to.include('How can I help you?');
    expect(lastText(await conversation.say('reschedule'))).to.equal(
      'When would suit you better? Choose a button, or type it yourself.',
    );
  });

  it('says kindly that there is nothing to move, and keeps the open question', async () => {
    const conversation = await startConversation();
    await conversation.join();
    const replies = await conversation.say('afspraak verzetten');
    expect(texts(replies)).to.deep.equal([
      'U heeft nu geen afspraak bij ons.',
      'Waar kan ik u mee helpen? Kies een knop, of typ het in uw eigen woorden.',
    ]);
  });
});

describe('cancelling a meeting', () => {
  it('reads the meeting back, asks once, and cancels it', async () => {
    const conversation = await startConversation();
    await bookThursday(conversation);

    const ask = await conversation.say('afspraak afzeggen');
    expect(lastText(ask)).to.equal(`Uw afspraak: ${thursday}. Wilt u deze afspraak afzeggen?`);
    expect(buttonValues(ask)).to.deep.equal(['yes', 'no']);

    const done = await conversation.say('Ja');
    expect(texts(done)[0]).to.equal(
      `Uw afspraak is afgezegd: ${thursday}. Een nieuwe afspraak maken kan altijd.`,
    );
    expect(lastText(done)).to.equal('Kan ik nog iets anders voor u doen?');
    expect(buttonValues(done)).to.not.include('booking:cancel');
    expect(await conversation.planning.bookings.get('elke', thursdayId)).to.equal(undefined);
    expect(await conversation.planning.calendar.event('elke', thursdayId)).to.equal(undefined);
    const profile = await conversation.savedProfile();
    expect(profile?.booking).to.equal(undefined);
    // The coach is remembered: a new meeting is with Elke again.
    expect(profile?.coachId).to.equal('elke');
  });

  it("sends a calendar file that takes the meeting out of the resident's own calendar", async () => {
    const conversation = await startConversation();
    const booked = calendarFileOf(await bookThursday(conversation));
    await conversation.say('afspraak afzeggen');
    const done = await conversation.say('Ja');
    expect(texts(done)).to.include('Met dit bestand gaat de afspraak ook uit uw eigen agenda.');
    const cancel = calendarFileOf(done);
    expect(cancel?.name).to.equal('Afgezegd afspraak met Elke.ics');
    expect(cancel?.text).to.include('METHOD:CANCEL');
    expect(icsProperty(cancel?.text, 'STATUS')).to.equal('CANCELLED');
    expect(icsProperty(cancel?.text, 'UID')).to.equal(icsProperty(booked?.text, 'UID'));
    // Cancelled in the same second as booked (the clock stands still): still a higher number.
    expect(Number(icsProperty(cancel?.text, 'SEQUENCE'))).to.be.greaterThan(
      Number(icsProperty(booked?.text, 'SEQUENCE')),
    );
    expect(icsProperty(cancel?.text, 'DTSTART')).to.equal(icsProperty(booked?.text, 'DTSTART'));
  });

  it("names the cancellation file in the resident's language", async () => {
    const conversation = await startConversation();
    await bookThursday(conversation);
    await conversation.say('English');
    await conversation.send({ text: 'Cancel appointment', value: 'booking:cancel' });
    const done = await conversation.say('Yes');
    expect(calendarFileOf(done)?.name).to.equal('Cancelled appointment with Elke.ics');
    expect(texts(done)).to.include('With this file the appointment also leaves your own calendar.');
  });

  it('sends no calendar file when the meeting is kept', async () => {
    const conversation = await startConversation();
    await bookThursday(conversation);
    await conversation.say('afspraak afzeggen');
    expect(calendarFileOf(await conversation.say('nee'))).to.equal(undefined);
  });

  it('is friendly when cancelling twice', async () => {
    const conversation = await startConversation();
    await bookThursday(conversation);
    await conversation.say('afspraak afzeggen');
    await conversation.say('Ja');
    const again = await conversation.say('afspraak afzeggen');
    expect(texts(again)).to.deep.equal([
      'U heeft nu geen afspraak bij ons.',
      'Kan ik nog iets anders voor u doen?',
    ]);
  });

  it('is friendly when there is no meeting, also as the very first message', async () => {
    const conversation = await startConversation();
    const replies = await conversation.say('afspraak afzeggen');
    expect(texts(replies)[0]).to.include('Ik ben een computer');
    expect(texts(replies)).to.include('U heeft nu geen afspraak bij ons.');
    expect(lastText(replies)).to.equal('Kan ik nog iets anders voor u doen?');
  });

  it('keeps the meeting on "Nee, laten staan"', async () => {
    const conversation = await startConversation();
    await bookThursday(conversation);
    await conversation.say('afspraak afzeggen');
    expect(texts(await conversation.say('nee'))[0]).to.equal('Goed. Uw afspraak blijft staan.');
    expect(await conversation.planning.bookings.get('elke', thursdayId)).to.not.equal(undefined);
  });

  it('says there is nothing to cancel when the meeting was removed elsewhere', async () => {
    const conversation = await startConversation();
    await bookThursday(conversation);
    await conversation.planning.bookings.cancel('elke', thursdayId, conversation.residentKey);
    await conversation.say('afspraak afzeggen');
    expect((await conversation.savedProfile())?.booking).to.equal(undefined);
  });
});

describe('"Ik kom" from the WhatsApp reminder', () => {
  /** The reminder template's quick reply as the WhatsApp channel passes it on. */
  const coming = { text: 'Ik kom', value: 'reminder:coming' };

  it('thanks the resident and names the meeting again', async () => {
    const conversation = await startConversation();
    await bookThursday(conversation);
    const replies = await conversation.send(coming);
    expect(texts(replies)).to.deep.equal([
      `Fijn dat u komt! Tot dan: ${thursday}.`,
      'Kan ik nog iets anders voor u doen?',
    ]);
    // The meeting stands as it was.
    expect(await conversation.planning.bookings.get('elke', thursdayId)).to.not.equal(undefined);
    expect((await conversation.savedProfile())?.booking?.bookingId).to.equal(thursdayId);
  });

  it("answers in the resident's language, also while another question is open", async () => {
    const conversation = await startConversation();
    await bookThursday(conversation);
    await conversation.say('English');
    await conversation.send({ text: 'Cancel appointment', value: 'booking:cancel' });
    const replies = await conversation.send(coming);
    expect(texts(replies)[0]).to.equal(
      'Great that you are coming! See you then: Thursday 3 December at 13:30 at Dorpshuis Den Domp, with Elke.',
    );
    // The open "cancel it?" question is gone: "Ik kom" means the meeting stays.
    expect(await conversation.planning.bookings.get('elke', thursdayId)).to.not.equal(undefined);
    expect(lastText(await conversation.say('yes'))).to.not.include('cancelled');
    expect(await conversation.planning.bookings.get('elke', thursdayId)).to.not.equal(undefined);
  });

  it('says kindly when the meeting is gone, and offers the menu to plan a new one', async () => {
    const conversation = await startConversation();
    await bookThursday(conversation);
    await conversation.planning.bookings.cancel('elke', thursdayId, conversation.residentKey);
    const replies = await conversation.send(coming);
    expect(texts(replies)).to.deep.equal([
      'Ik vind geen afspraak meer van u. Misschien is die verzet of afgezegd. Een nieuwe afspraak maken kan altijd.',
      'Kan ik nog iets anders voor u doen?',
    ]);
    expect(buttonValues(replies)).to.include('intent:work');
    expect((await conversation.savedProfile())?.booking).to.equal(undefined);
  });

  it('is answered as the first message of a conversation, without a meeting', async () => {
    const conversation = await startConversation();
    const replies = await conversation.send(coming);
    expect(texts(replies)).to.include(
      'Ik vind geen afspraak meer van u. Misschien is die verzet of afgezegd. Een nieuwe afspraak maken kan altijd.',
    );
  });

  it('lets "Andere tijd" move the meeting and "Bel mij" ask for a call back', async () => {
    const conversation = await startConversation();
    await bookThursday(conversation);
    const move = await conversation.send({ text: 'Andere tijd', value: 'booking:move' });
    expect(texts(move)[0]).to.equal(
      `Uw afspraak is nu: ${thursday}. Ik zoek een nieuwe tijd, het liefst bij Elke.`,
    );
    const call = await conversation.send({ text: 'Bel mij', value: 'callback' });
    expect(lastText(call)).to.include('Wij bellen u graag.');
  });
});
