import { expect } from 'chai';
import { bookingId } from '../../src/ports/bookings.js';
import {
  allText,
  buttonValues,
  pressCard,
  skipToWhen,
  slotCards,
  slotValueOf,
  startConversation,
} from './harness.js';

/** Hours, minutes and weekday of an instant in Amsterdam: "Tue 12:30". */
function amsterdam(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Amsterdam',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .format(new Date(iso))
    .replace(',', '');
}

describe('planning: answers about when, read together over several turns', () => {
  it('books what all the answers add up to, and tells the coach in Dutch', async () => {
    const conversation = await startConversation();
    await skipToWhen(conversation);
    await conversation.say('dinsdagmiddag voor 3 uur');
    const refined = await conversation.say('liever volgende week');
    expect(allText(refined)).to.include(
      'U zei: dinsdag tussen 12:00 en 15:00, van 30 november tot en met 6 december.',
    );
    const cards = slotCards(refined);
    expect(cards.length).to.be.greaterThan(0);
    for (const card of cards) {
      const { start } = slotValueOf(card);
      expect(start.slice(0, 10)).to.equal('2026-12-01');
      expect(amsterdam(start)).to.match(/^Tue (12|13|14):/);
    }
    const first = cards[0];
    const { start, coachId } = slotValueOf(first);
    await pressCard(conversation, first);
    await conversation.say('Op locatie');
    await conversation.say('Ja');

    const stored = await conversation.planning.bookings.get(coachId, bookingId(coachId, start));
    expect(stored?.summary.preferredTimes).to.equal(
      'dinsdagmiddag voor 3 uur · liever volgende week',
    );
    expect(stored?.summary.preferenceUnderstood).to.equal(
      'dinsdag tussen 12:00 en 15:00, van 30 november tot en met 6 december',
    );
    const event = await conversation.planning.calendar.event(coachId, bookingId(coachId, start));
    expect(event?.description).to.include(
      'Wat Voordeur daaruit begreep: dinsdag tussen 12:00 en 15:00, van 30 november tot en met 6 december',
    );
  });

  it('replaces the day and keeps the time for "toch liever donderdag"', async () => {
    const conversation = await startConversation();
    await skipToWhen(conversation);
    await conversation.say('dinsdagmiddag');
    const cards = slotCards(await conversation.say('toch liever donderdag'));
    expect(cards.length).to.be.greaterThan(0);
    for (const card of cards) expect(amsterdam(slotValueOf(card).start)).to.match(/^Thu 1[2-6]:/);
  });

  it('says back a reading with words left out, and asks again without it on "Nee"', async () => {
    const conversation = await startConversation();
    await skipToWhen(conversation);
    await conversation.say('dinsdagochtend');
    const check = await conversation.say('liever donderdag, want dan heb ik vrij');
    expect(allText(check)).to.include('Ik begrijp: donderdag tussen 08:00 en 12:00. Klopt dat?');
    expect(buttonValues(check)).to.deep.equal(['yes', 'no']);
    expect(slotCards(check)).to.have.length(0);
    const again = await conversation.say('Nee');
    expect(allText(again)).to.include('Wat bedoelt u dan?');
    // The first answer still counts: "na 10 uur" is Tuesday mornings after 10.
    const cards = slotCards(await conversation.say('na 10 uur'));
    expect(cards.length).to.be.greaterThan(0);
    for (const card of cards) expect(amsterdam(slotValueOf(card).start)).to.match(/^Tue 1[01]:/);
  });
});

describe('planning: typed times in Turkish, Polish, Ukrainian and Arabic', () => {
  const cases = [
    { lng: 'lang:tr', said: 'salı sabah', weekday: 'Tue', morning: true },
    { lng: 'lang:pl', said: 'we wtorek rano', weekday: 'Tue', morning: true },
    { lng: 'lang:uk', said: 'у вівторок вранці', weekday: 'Tue', morning: true },
    { lng: 'lang:ar', said: 'الخميس بعد الساعة ٢', weekday: 'Thu', morning: false },
  ];
  for (const { lng, said, weekday, morning } of cases) {
    it(`offers only what "${said}" allows, in a ${lng.slice(5)} conversation`, async () => {
      const conversation = await startConversation();
      await conversation.join();
      await conversation.say(lng);
      await conversation.say('intent:work');
      for (let question = 0; question < 4; question += 1) await conversation.say('skip');
      const cards = slotCards(await conversation.say(said));
      expect(cards.length).to.be.greaterThan(0);
      for (const card of cards) {
        const when = amsterdam(slotValueOf(card).start);
        expect(when.startsWith(weekday), when).to.equal(true);
        const hour = Number(when.slice(4, 6));
        if (morning) expect(hour, when).to.be.below(12);
        else expect(hour, when).to.be.at.least(14);
      }
    });
  }
});
