import { expect } from 'chai';
import { bookingId } from '../../src/ports/bookings.js';
import {
  allText,
  bookThursday,
  calendarFileOf,
  buttonValues,
  slotCards,
  lastText,
  localeOf,
  pressCard,
  shownText,
  skipToWhen,
  slotValueOf,
  startConversation,
  texts,
} from './harness.js';

const whenQuestion =
  'Wanneer komt het u goed uit? Kies een knop, of typ het zelf. Bijvoorbeeld: dinsdagochtend of na 3 uur.';
const pickQuestion = 'Welke tijd kiest u? Druk op de knop bij de tijd, of typ het nummer.';

/** Hours and minutes of an instant in Amsterdam, e.g. 570 for 09:30. */
function amsterdamMinute(iso: string): number {
  const [hour, minute] = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Amsterdam',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .format(new Date(iso))
    .split(':')
    .map(Number);
  return (hour ?? 0) * 60 + (minute ?? 0);
}

function amsterdamWeekday(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', weekday: 'long' }).format(
    new Date(iso),
  );
}

describe('planning a first meeting', () => {
  it('goes from "Ik wil werk" to a booked meeting with a named coach', async () => {
    const conversation = await startConversation();
    await conversation.join();

    const first = await conversation.say('Ik wil werk');
    expect(texts(first)).to.deep.equal([
      'Fijn dat u wilt werken!',
      'Eerst een paar korte vragen. U mag ze ook overslaan.',
      'Wat voor werk zou u graag doen? Kies een knop of typ het zelf.',
    ]);
    expect(buttonValues(first)).to.include.members(['wish:people', 'skip']);

    expect(lastText(await conversation.say('Met mensen'))).to.include('Wat doet u nu al graag?');
    expect(lastText(await conversation.say('Ik zorg voor mijn moeder'))).to.include(
      'Wat zou u helpen?',
    );
    expect(lastText(await conversation.say('Iemand die meedenkt'))).to.include(
      'In welke plaats woont u?',
    );
    const when = await conversation.say('Haaren');
    expect(lastText(when)).to.equal(whenQuestion);
    // Monday morning: the next working days are offered, and a call back always is.
    expect(buttonValues(when)).to.deep.equal([
      'when:morning',
      'when:afternoon',
      'when:anytime',
      'when:day:2',
      'when:day:3',
      'when:day:4',
      'callback',
    ]);

    const offer = await conversation.say('3 december om half 2');
    expect(texts(offer)).to.deep.equal(['Deze tijden passen bij wat u zei.', pickQuestion]);
    expect(buttonValues(offer)).to.deep.equal(['plan:otherTime', 'callback']);
    const [card] = slotCards(offer);
    expect(card?.title).to.equal('Tijd 1: donderdag 3 december om 13:30');
    expect(card?.subtitle).to.equal('Elke');
    expect(card?.images).to.deep.equal([
      { url: 'https://voordeur.example.nl/coaches/elke.svg', alt: 'Elke' },
    ]);
    expect(shownText(offer)).to.include(
      'Ik ben Elke. Ik woon zelf in Haaren en wandel graag met u.',
    );
    expect(shownText(offer)).to.include('Waar: Dorpshuis Den Domp, Kerkstraat 2, 5076 AB Haaren');
    expect(shownText(offer)).to.include('Afspreken kan: op locatie, wandelen of telefonisch.');
    expect(shownText(offer)).to.include('Elke werkt in Haaren.');
    expect(card?.buttons).to.have.length(1);
    expect(card?.buttons[0]?.title).to.equal('Kies deze tijd');
    expect(slotValueOf(card)).to.deep.equal({
      action: 'slot',
      coachId: 'elke',
      start: '2026-12-03T12:30:00.000Z',
    });

    const how = await pressCard(conversation, card);
    expect(lastText(how)).to.equal(
      'Hoe wilt u Elke spreken? Op locatie is bij Dorpshuis Den Domp, Kerkstraat 2, 5076 AB Haaren.',
    );
    expect(buttonValues(how)).to.deep.equal(['form:location', 'form:walk', 'form:phone']);

    const confirm = await conversation.say('Op locatie');
    expect(lastText(confirm)).to.equal(
      'U kiest: donderdag 3 december om 13:30 bij Dorpshuis Den Domp, met Elke. Klopt dat?',
    );
    expect(buttonValues(confirm)).to.deep.equal(['yes', 'plan:otherTime']);

    const booked = await conversation.say('Ja');
    expect(texts(booked)).to.deep.equal([
      'Gelukt! Uw afspraak staat: donderdag 3 december om 13:30 bij Dorpshuis Den Domp, met Elke.',
      'De afspraak komt in de agenda van Elke.',
      'Hier is de afspraak voor uw eigen agenda.',
      'Wilt u de afspraak verzetten of afzeggen? Dat kan altijd hier in de chat.',
    ]);
    expect(buttonValues(booked)).to.deep.equal(['booking:move', 'booking:cancel', 'menu']);
    const ics = calendarFileOf(booked);
    expect(ics?.name).to.equal('Afspraak met Elke.ics');
    expect(ics?.text).to.include('DTSTART;TZID=Europe/Amsterdam:20261203T133000');
    expect(ics?.text).to.include('SUMMARY:Afspraak met Elke');
    expect(ics?.text).to.include('Dorpshuis Den Domp');

    const id = bookingId('elke', '2026-12-03T12:30:00.000Z');
    const stored = await conversation.planning.bookings.get('elke', id);
    expect(stored?.residentKey).to.equal(conversation.residentKey);
    expect(stored?.form).to.equal('location');
    expect(stored?.placeId).to.equal('den-domp');
    expect(stored?.summary).to.deep.equal({
      intent: 'work',
      wishes: 'Met mensen',
      doesAlready: 'Ik zorg voor mijn moeder',
      wouldHelp: 'Iemand die meedenkt',
      preferredTimes: '3 december om half 2',
      preferenceUnderstood: 'donderdag 3 december om 13:30',
      form: 'location',
      language: 'nl',
      channel: 'test',
    });
    const event = await conversation.planning.calendar.event('elke', id);
    expect(event?.description).to.include('Met mensen');
    expect(event?.description).to.include('Ik zorg voor mijn moeder');
    expect(event?.location).to.equal('Dorpshuis Den Domp, Kerkstraat 2, 5076 AB Haaren');
    const profile = await conversation.savedProfile();
    expect(profile?.booking).to.deep.equal({ coachId: 'elke', bookingId: id });
    expect(profile?.coachId).to.equal('elke');
    expect(profile?.place).to.equal('Haaren');
  });

  it('lets the resident skip every question and still book', async () => {
    const conversation = await startConversation();
    expect(lastText(await skipToWhen(conversation))).to.equal(whenQuestion);
    const offer = await conversation.say('Maakt niet uit');
    expect(texts(offer)[0]).to.equal('Dit zijn de eerste tijden die vrij zijn.');
    expect(slotCards(offer)).to.have.length(3);
    await conversation.say('de eerste');
    expect(lastText(await conversation.say('Telefonisch'))).to.match(
      /heeft uw telefoonnummer nodig om u te bellen\. Mogen we het bewaren tot na de afspraak\?$/,
    );
    await conversation.say('ja');
    await conversation.say('06 12345678');
    const booked = await conversation.say('ja');
    expect(texts(booked)[0]).to.match(
      /^Gelukt! Uw afspraak staat: dinsdag 24 november om 09:30, een telefoongesprek met/,
    );
    expect(texts(booked)).to.include('Elke belt u op +31612345678.');
    const [booking] = await conversation.planning.bookings.forCoach(
      'elke',
      new Date('2026-11-24T00:00:00Z'),
      new Date('2026-11-25T00:00:00Z'),
    );
    expect(booking?.summary).to.deep.equal({
      intent: 'work',
      preferredTimes: 'Maakt niet uit',
      preferenceUnderstood: 'maakt niet uit',
      phone: '+31612345678',
      form: 'phone',
      language: 'nl',
      channel: 'test',
    });
    expect(booking?.placeId).to.equal(undefined);
  });

  it('keeps the resident’s own words for the coach, and never shortens them to a button', async () => {
    const conversation = await startConversation();
    await conversation.join();
    await conversation.say('Iets zinvols doen');
    await conversation.say('Ik help graag met mensen in de buurt');
    await conversation.say('Sla over');
    await conversation.say('overslaan');
    await conversation.say('5076 AB');
    await conversation.say('dinsdagochtend');
    await conversation.say('1');
    await conversation.say('Wandelen');
    await conversation.say('Ja');
    const [booking] = await conversation.planning.bookings.forCoach(
      'elke',
      new Date('2026-11-23T00:00:00Z'),
      new Date('2027-01-01T00:00:00Z'),
    );
    expect(booking?.summary.wishes).to.equal('Ik help graag met mensen in de buurt');
    expect(booking?.summary.intent).to.equal('meaningful');
    expect(booking?.summary.doesAlready).to.equal(undefined);
    expect(booking?.form).to.equal('walk');
    expect((await conversation.savedProfile())?.postcode).to.equal('5076 AB');
  });

  it('asks again kindly when the place is not a place or postcode', async () => {
    const conversation = await startConversation();
    await conversation.join();
    await conversation.say('Ik wil werk');
    await conversation.say('skip');
    await conversation.say('skip');
    await conversation.say('skip');
    const replies = await conversation.say('🙂 1234567');
    expect(texts(replies)[0]).to.equal(
      'Dat herken ik niet als plaats of postcode. Typ bijvoorbeeld: Haaren of 5076 AB.',
    );
    expect(lastText(await conversation.say('ik woon in Vught'))).to.equal(whenQuestion);
    expect((await conversation.savedProfile())?.place).to.equal('Vught');
  });

  describe('understanding when it suits', () => {
    it('offers only Tuesday mornings for "dinsdagochtend"', async () => {
      const conversation = await startConversation();
      await skipToWhen(conversation);
      const cards = slotCards(await conversation.say('dinsdagochtend'));
      expect(cards).to.have.length(3);
      for (const card of cards) {
        const { start } = slotValueOf(card);
        expect(amsterdamWeekday(start)).to.equal('Tuesday');
        expect(amsterdamMinute(start)).to.be.below(12 * 60);
        expect(card.title).to.include('dinsdag');
      }
    });

    it('offers only times from 15:00 for "na 3 uur"', async () => {
      const conversation = await startConversation();
      await skipToWhen(conversation);
      const cards = slotCards(await conversation.say('na 3 uur'));
      expect(cards).to.have.length(3);
      for (const card of cards)
        expect(amsterdamMinute(slotValueOf(card).start)).to.be.at.least(900);
    });

    it('understands "tuesday afternoon" in English and writes dates in English', async () => {
      const conversation = await startConversation();
      await conversation.join();
      await conversation.say('English');
      await conversation.say('I want work');
      for (let question = 0; question < 4; question += 1) await conversation.say('Skip');
      const offer = await conversation.say('tuesday afternoon');
      expect(texts(offer)[0]).to.equal('These times fit what you said.');
      const cards = slotCards(offer);
      expect(cards.length).to.be.greaterThan(0);
      for (const card of cards) {
        const { start } = slotValueOf(card);
        expect(amsterdamWeekday(start)).to.equal('Tuesday');
        expect(amsterdamMinute(start)).to.be.at.least(12 * 60);
        expect(card.title).to.match(/^Time \d: Tuesday \d+ (November|December) at \d\d:\d\d$/);
      }
      // Samir speaks English: his introduction card says so, in his own English words.
      expect(shownText(offer)).to.include('I am Samir.');
      expect(shownText(offer)).to.include('Samir speaks English.');
    });

    it('understands a weekday button', async () => {
      const conversation = await startConversation();
      await skipToWhen(conversation);
      const cards = slotCards(await conversation.send({ text: 'Woensdag', value: 'when:day:3' }));
      expect(cards.length).to.be.greaterThan(0);
      for (const card of cards)
        expect(amsterdamWeekday(slotValueOf(card).start)).to.equal('Wednesday');
    });

    for (const [typed, answer] of [
      [
        '31 februari',
        'Die datum bestaat niet. Typ bijvoorbeeld: 3 december of volgende week donderdag.',
      ],
      ['gisteren', 'Die dag is al voorbij. Kies een dag vanaf morgen.'],
      [
        '🙂',
        'Dat begrijp ik niet goed. Typ bijvoorbeeld: dinsdagochtend, na 3 uur of volgende week.',
      ],
      [
        'x'.repeat(10_000),
        'Dat begrijp ik niet goed. Typ bijvoorbeeld: dinsdagochtend, na 3 uur of volgende week.',
      ],
      [
        '1 februari 2027',
        'Zo ver vooruit kan ik nog niet plannen. Kies een dag in de komende 8 weken.',
      ],
    ] as const) {
      it(`asks again with examples, never guessing, for "${typed.slice(0, 20)}"`, async () => {
        const conversation = await startConversation();
        await skipToWhen(conversation);
        const replies = await conversation.say(typed);
        expect(texts(replies)).to.deep.equal([
          answer,
          'Wanneer komt het u goed uit? Kies een knop, of typ een dag of tijd.',
        ]);
        expect(slotCards(replies)).to.deep.equal([]);
        expect(buttonValues(replies)).to.include('when:morning');
        // The conversation goes on.
        expect(slotCards(await conversation.say('donderdagmiddag')).length).to.be.greaterThan(0);
      });
    }
  });

  describe('when nothing matches', () => {
    it('says so plainly and offers the nearest times on other days', async () => {
      const conversation = await startConversation();
      await skipToWhen(conversation);
      const offer = await conversation.say('zondagochtend');
      expect(texts(offer)[0]).to.equal(
        '“zondagochtend” lukt helaas niet. Op die dag werken de coaches niet. Wel op die tijd, op een andere dag.',
      );
      const cards = slotCards(offer);
      expect(cards).to.have.length(3);
      for (const card of cards) expect(amsterdamMinute(slotValueOf(card).start)).to.be.below(720);
    });

    it('offers a call back when no coach has any time at all', async () => {
      const conversation = await startConversation();
      const { calendar, coaches } = conversation.planning;
      for (const coach of coaches) {
        await calendar.put({
          id: `leave-${coach.id}`,
          coachId: coach.id,
          start: '2026-11-20T00:00:00.000Z',
          end: '2027-02-01T00:00:00.000Z',
          title: 'Verlof',
          description: '',
        });
      }
      await skipToWhen(conversation);
      const replies = await conversation.say('Maakt niet uit');
      expect(texts(replies)).to.deep.equal([
        'Er is in de komende weken geen tijd vrij. Dat spijt me.',
        'Wilt u een andere tijd proberen? Of zullen wij u bellen?',
      ]);
      expect(slotCards(replies)).to.deep.equal([]);
      expect(buttonValues(replies)).to.deep.equal(['plan:otherTime', 'callback']);
      expect(lastText(await conversation.say('Bel mij liever'))).to.include(
        'Mogen we daarvoor uw telefoonnummer bewaren?',
      );
    });
  });

  describe('choosing a slot', () => {
    it('understands the number or "de tweede" typed instead of a button', async () => {
      for (const typed of ['2', 'de tweede', 'Second']) {
        const conversation = await startConversation();
        await skipToWhen(conversation);
        const cards = slotCards(await conversation.say('Maakt niet uit'));
        await conversation.say(typed);
        const coach = cards[1]?.subtitle ?? '';
        // Samir offers four ways to meet; the read-back names the second card's time and coach.
        await conversation.say('Telefonisch');
        await conversation.say('Ja');
        const confirm = await conversation.say('+31 6 12345678');
        expect(lastText(confirm), typed).to.include(`een telefoongesprek met ${coach}`);
        expect(lastText(confirm), typed).to.include('woensdag 25 november om 08:30');
      }
    });

    it('asks when again on "Andere tijd", and proposes anew on a new time typed instead', async () => {
      const conversation = await startConversation();
      await skipToWhen(conversation);
      await conversation.say('Maakt niet uit');
      expect(lastText(await conversation.say('Andere tijd'))).to.equal(whenQuestion);
      await conversation.say('Maakt niet uit');
      const offer = await conversation.say('donderdag');
      for (const card of slotCards(offer)) {
        expect(amsterdamWeekday(slotValueOf(card).start)).to.equal('Thursday');
      }
    });

    it('explains how to choose when the answer is not a slot', async () => {
      const conversation = await startConversation();
      await skipToWhen(conversation);
      await conversation.say('Maakt niet uit');
      const replies = await conversation.say('hmm');
      expect(texts(replies)).to.deep.equal([
        'Dat begrijp ik niet. Typ het nummer van de tijd, of kies een knop.',
        pickQuestion,
      ]);
    });

    it('asks "Nee, andere tijd" at the read-back: when again', async () => {
      const conversation = await startConversation();
      await skipToWhen(conversation);
      await conversation.say('3 december om half 2');
      await conversation.say('1');
      await conversation.say('Op locatie');
      expect(lastText(await conversation.say('nee'))).to.equal(whenQuestion);
      expect(await conversation.planning.bookings.upcomingCounts(new Date(0))).to.deep.equal({});
    });
  });

  describe('a slot that cannot be had', () => {
    it('says "net weg" and offers fresh options when someone else took it before the confirm', async () => {
      const conversation = await startConversation();
      await skipToWhen(conversation);
      const [card] = slotCards(await conversation.say('Maakt niet uit'));
      const slot = slotValueOf(card);
      await pressCard(conversation, card);
      await conversation.say('Op locatie');

      const other = await conversation.planning.planner.book({
        coachId: slot.coachId,
        start: slot.start,
        resident: { key: 'test/another-resident', language: 'nl', channel: 'test' },
        form: 'phone',
        summary: { intent: 'talk', form: 'phone', language: 'nl', channel: 'test' },
      });
      expect(other.kind).to.equal('booked');

      const replies = await conversation.say('Ja');
      expect(texts(replies)[0]).to.equal(
        'Die tijd is net weg. Iemand anders was u voor. Dit zijn de eerste tijden die vrij zijn.',
      );
      const fresh = slotCards(replies).map((fresh) => slotValueOf(fresh));
      expect(fresh.length).to.be.greaterThan(0);
      expect(fresh).to.not.deep.include(slot);
      expect(lastText(replies)).to.equal(pickQuestion);
      expect((await conversation.savedProfile())?.booking).to.equal(undefined);
    });

    it('refuses an old card’s past slot politely, with fresh options', async () => {
      const conversation = await startConversation();
      await skipToWhen(conversation);
      await conversation.say('dinsdagochtend');
      const replies = await conversation.send({
        text: 'Kies deze tijd',
        value: { action: 'slot', coachId: 'elke', start: '2026-11-17T08:30:00.000Z' },
      });
      expect(texts(replies)[0]).to.equal(
        'Die tijd is niet meer vrij. Deze tijden passen bij wat u zei.',
      );
      for (const card of slotCards(replies)) {
        expect(amsterdamWeekday(slotValueOf(card).start)).to.equal('Tuesday');
      }
    });

    it('refuses a slot the coach never offered (a forged or stale button)', async () => {
      const conversation = await startConversation();
      await skipToWhen(conversation);
      await conversation.say('Maakt niet uit');
      // Sunday: nobody works.
      const replies = await conversation.send({
        value: JSON.stringify({
          action: 'slot',
          coachId: 'elke',
          start: '2026-11-29T09:00:00.000Z',
        }),
      });
      expect(texts(replies)[0]).to.match(/^Die tijd is niet meer vrij\./);
      expect(slotCards(replies).length).to.be.greaterThan(0);
    });

    it('takes another card of this offer pressed at a later question, keeping the answers', async () => {
      const conversation = await startConversation();
      await conversation.join();
      await conversation.say('Ik wil werk');
      await conversation.say('Met mensen');
      await conversation.say('skip');
      await conversation.say('skip');
      await conversation.say('skip');
      const cards = slotCards(await conversation.say('Maakt niet uit'));
      await pressCard(conversation, cards[0]);
      await conversation.say('Op locatie');
      // At the read-back of the first card, the resident presses the second card instead.
      const how = await pressCard(conversation, cards[1]);
      expect(lastText(how)).to.match(/^Hoe wilt u Samir spreken\?/);
      await conversation.say('Telefonisch');
      await conversation.say('Ja');
      expect(lastText(await conversation.say('0612345678'))).to.equal(
        'U kiest: woensdag 25 november om 08:30, een telefoongesprek met Samir. Klopt dat?',
      );
      await conversation.say('Ja');
      const booking = await conversation.planning.bookings.get(
        'samir',
        bookingId('samir', slotValueOf(cards[1]).start),
      );
      expect(booking?.summary.wishes).to.equal('Met mensen');
      expect(booking?.summary.intent).to.equal('work');
    });

    it('takes an old card’s button when the menu is open, and refuses a past slot with options', async () => {
      const conversation = await startConversation();
      await conversation.join();
      await conversation.say('vraag');
      const replies = await conversation.send({
        text: 'Kies deze tijd',
        value: { action: 'slot', coachId: 'samir', start: '2026-11-10T08:30:00.000Z' },
      });
      expect(texts(replies)[0]).to.equal(
        'Die tijd is niet meer vrij. Dit zijn de eerste tijden die vrij zijn.',
      );
      expect(slotCards(replies)).to.have.length(3);
    });

    it('takes an old card’s button for a slot that is still free', async () => {
      const conversation = await startConversation();
      await conversation.join();
      await conversation.say('vraag');
      const replies = await conversation.send({
        text: 'Kies deze tijd',
        value: { action: 'slot', coachId: 'joyce', start: '2026-11-25T08:00:00.000Z' },
      });
      expect(lastText(replies)).to.match(/^Hoe wilt u Joyce spreken\?/);
      await conversation.say('Video');
      await conversation.say('Ja');
      expect(lastText(await conversation.say('06 12345678'))).to.equal(
        'U kiest: woensdag 25 november om 09:00, een videogesprek met Joyce. Klopt dat?',
      );
    });
  });

  describe('in the middle of the flow', () => {
    it('keeps going in English after a language switch, with English dates', async () => {
      const conversation = await startConversation();
      await skipToWhen(conversation);
      await conversation.say('3 december om half 2');
      await conversation.say('1');
      await conversation.say('Op locatie');
      const switched = await conversation.say('English');
      expect(texts(switched)).to.deep.equal([
        'OK. From now on I will write in English.',
        // Not greeted in English yet: who is writing and what is kept, now in English.
        'Hello! I am the digital assistant of gemeente Voorbeeld. I am a computer, not a person.',
        'We keep your messages for 30 days and then delete them. You never need to give your BSN.',
        'You choose: Thursday 3 December at 13:30 at Dorpshuis Den Domp, with Elke. Is that right?',
      ]);
      expect(localeOf(switched)).to.equal('en');
      const booked = await conversation.say('Yes');
      expect(texts(booked)[0]).to.equal(
        'Done! Your appointment is booked: Thursday 3 December at 13:30 at Dorpshuis Den Domp, with Elke.',
      );
      expect(calendarFileOf(booked)?.name).to.equal('Appointment with Elke.ics');
      expect(calendarFileOf(booked)?.text).to.include('SUMMARY:Appointment with Elke');
      const [booking] = await conversation.planning.bookings.forCoach(
        'elke',
        new Date('2026-12-03T00:00:00Z'),
        new Date('2026-12-04T00:00:00Z'),
      );
      expect(booking?.summary.language).to.equal('en');
    });

    it('shows the cards again in English after a switch at the offer', async () => {
      const conversation = await startConversation();
      await skipToWhen(conversation);
      await conversation.say('Maakt niet uit');
      const replies = await conversation.say('English');
      expect(texts(replies)[3]).to.equal('These are the first free times.');
      expect(slotCards(replies)[0]?.title).to.equal('Time 1: Tuesday 24 November at 09:30');
      expect(slotCards(replies)[0]?.buttons[0]?.title).to.equal('Choose this time');
      expect(lastText(replies)).to.equal(
        'Which time do you choose? Press the button with the time, or type its number.',
      );
    });

    for (const command of ['menu', 'opnieuw']) {
      it(`goes back to the menu on "${command}"`, async () => {
        const conversation = await startConversation();
        await skipToWhen(conversation);
        await conversation.say('Maakt niet uit');
        expect(texts(await conversation.say(command))).to.deep.equal([
          'Waar kan ik u mee helpen? Kies een knop, of typ het in uw eigen woorden.',
        ]);
      });
    }

    it('starts a call back on "Bel mij liever" at the time question', async () => {
      const conversation = await startConversation();
      await skipToWhen(conversation);
      const replies = await conversation.send({ text: 'Bel mij liever', value: 'callback' });
      expect(lastText(replies)).to.equal(
        'Wij bellen u graag. Mogen we daarvoor uw telefoonnummer bewaren? We wissen het na 30 dagen.',
      );
    });
  });

  it('shows an existing meeting instead of planning a second one', async () => {
    const conversation = await startConversation();
    await bookThursday(conversation);
    const replies = await conversation.say('Ik wil werk');
    // One resident, one meeting: asked whether to move it (see test/e2e/returningResident.test.ts).
    expect(lastText(replies)).to.equal(
      'U heeft al een afspraak: donderdag 3 december om 13:30 bij Dorpshuis Den Domp, met Elke. Eén afspraak is genoeg om te beginnen. Wilt u die afspraak verzetten?',
    );
    expect(buttonValues(replies)).to.include.members(['yes', 'no']);
  });

  it('never asks for a BSN, nor about problems or health', async () => {
    const conversation = await startConversation();
    await conversation.join();
    const said = [
      ...(await conversation.say('Ik wil werk')),
      ...(await conversation.say('skip')),
      ...(await conversation.say('skip')),
      ...(await conversation.say('skip')),
    ];
    expect(allText(said).toLowerCase()).to.not.match(
      /bsn|burgerservicenummer|ziek|gezondheid|probleem/,
    );
  });
});

describe('a phone or video meeting', () => {
  it('keeps no number without a yes, and meets on location instead', async () => {
    const conversation = await startConversation();
    await skipToWhen(conversation);
    await conversation.say('Maakt niet uit');
    await conversation.say('de eerste');
    await conversation.say('Telefonisch');
    const instead = await conversation.say('Nee');
    expect(texts(instead)[0]).to.match(/^Dan spreekt u af op locatie, bij /);
    expect(lastText(instead)).to.match(/^U kiest: .* bij .*Klopt dat\?$/);
    await conversation.say('Ja');
    const [booking] = await conversation.planning.bookings.forCoach(
      'elke',
      new Date('2026-11-24T00:00:00Z'),
      new Date('2026-11-25T00:00:00Z'),
    );
    expect(booking?.form).to.equal('location');
    expect(booking?.summary.phone).to.equal(undefined);
  });

  it("asks again kindly for a number that is not one, and writes it in the coach's calendar", async () => {
    const conversation = await startConversation();
    await skipToWhen(conversation);
    await conversation.say('Maakt niet uit');
    await conversation.say('2');
    await conversation.say('Video');
    await conversation.say('Ja');
    const again = await conversation.say('mijn nummer weet ik niet');
    expect(lastText(again)).not.to.match(/Klopt dat\?$/);
    expect(lastText(await conversation.say('06-1234 5678'))).to.match(
      /een videogesprek met Samir\. Klopt dat\?$/,
    );
    const booked = await conversation.say('Ja');
    expect(texts(booked)).to.include(
      'Samir stuurt een link voor het videogesprek naar +31612345678.',
    );
    const event = await conversation.planning.calendar.event(
      'samir',
      bookingId('samir', '2026-11-25T07:30:00.000Z'),
    );
    expect(event?.description).to.include('Telefoonnummer (met toestemming): +31612345678');
  });
});
