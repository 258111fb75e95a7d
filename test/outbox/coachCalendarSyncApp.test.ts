import { expect } from 'chai';
import { CosmosBookingStore } from '../../src/adapters/cosmos/cosmosBookings.js';
import { CosmosCalendar } from '../../src/adapters/cosmos/cosmosCalendar.js';
import { CosmosReviewStore } from '../../src/adapters/cosmos/cosmosReviews.js';
import { buildApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { bookingId } from '../../src/ports/bookings.js';
import { reviewIdOf } from '../../src/recording/conversationRecorder.js';
import { fixedClock } from '../clocks.js';
import {
  DirectLineResident,
  installBrowserGlobals,
  shown,
  type BotMessage,
} from '../e2e/directLineResident.js';

/**
 * The whole app: a resident books over the local Direct Line (the official client, as Web Chat
 * polls it), the coach deletes the meeting from their calendar (Voordeur's own, in Cosmos DB),
 * and one round of the app's coach calendar sync cancels the booking as the chat would and
 * sends the resident the notice — a proactive message in their conversation.
 */
describe('the app notices a meeting the coach deleted', function () {
  this.timeout(60_000);
  let restore: () => void;
  let app: App;
  let url: string;
  let resident: DirectLineResident | undefined;

  before(async () => {
    restore = installBrowserGlobals();
    app = await buildApp(
      loadConfig({ PORT: '0', LOG_LEVEL: 'silent', COACH_CALENDAR_POLL_MINUTES: '0' }),
      { clock: fixedClock(), log: createLogger('silent') },
    );
    url = await app.listen();
  });
  after(async () => {
    resident?.end();
    await app?.close();
    restore?.();
  });

  it('cancels the booking, counts it as cancelled, and tells the resident with a button to plan anew', async () => {
    resident = await DirectLineResident.start(url);
    for (const text of ['intent:work', 'skip', 'skip', 'skip', 'skip', '3 december om half 2', '1'])
      await resident.say(text);
    await resident.say('Op locatie');
    expect(shown(await resident.say('Ja'))).to.include('Gelukt!');
    await app.outbox.idle();

    const id = bookingId('elke', '2026-12-03T12:30:00.000Z');
    const calendar = new CosmosCalendar(app.cosmos.containers.calendarEvents, {
      ttlSeconds: 3600,
      clock: fixedClock(),
    });
    expect(await calendar.eventTimes('elke', id)).to.deep.equal({
      start: '2026-12-03T12:30:00.000Z',
      end: '2026-12-03T13:15:00.000Z',
    });
    expect((await app.coachCalendarSync.round()).unchanged).to.equal(1);

    const bookings = new CosmosBookingStore(app.cosmos.containers.bookings, {
      ttlSeconds: 3600,
      clock: fixedClock(),
    });
    const key = (await bookings.get('elke', id))!.residentKey;
    expect(key).to.include(resident.conversation.conversationId);

    // The coach deletes it (for Voordeur's own calendar: a team's tool, or a test).
    await calendar.remove('elke', id);
    const before = resident.received.length;
    expect((await app.coachCalendarSync.round()).gone).to.equal(1);
    await app.outbox.idle();

    expect(await bookings.get('elke', id)).to.equal(undefined);
    const reviews = new CosmosReviewStore(app.cosmos.containers.conversationReviews, {
      ttlSeconds: 3600,
    });
    expect((await reviews.get(reviewIdOf(key)))?.cancelled).to.equal(true);

    const started = performance.now();
    const notices = () => resident!.received.slice(before) as unknown as BotMessage[];
    while (notices().length === 0 && performance.now() - started < 10_000)
      await new Promise((resolve) => setTimeout(resolve, 50));
    while (notices().length < 2 && performance.now() - started < 10_000)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(notices().map((n) => n.text)).to.deep.equal([
      'Elke kan helaas niet op donderdag 3 december om 13:30. Kies een andere tijd.',
      'Met dit bestand gaat de afspraak ook uit uw eigen agenda.',
    ]);
    // The button leads into planning, not to "U heeft nu geen afspraak".
    const again = await resident.press(notices(), 'Andere tijd kiezen');
    expect(shown(again)).to.match(/^Fijn dat u/);
    expect(shown(again)).not.to.include('geen afspraak');
    expect((await app.coachCalendarSync.round()).gone).to.equal(0);
  });
});
