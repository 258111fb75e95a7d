import { expect } from 'chai';
import type { Activity, TurnContext } from 'botbuilder';
import { createResidentNotifier } from '../../src/channels/residentNotifier.js';
import { createTranslator } from '../../src/i18n.js';
import { bookingId } from '../../src/ports/bookings.js';
import { meetingUid } from '../../src/planner/icsFile.js';
import { bookThursday, calendarFileOf, startConversation, texts } from './harness.js';

/**
 * After the coach cancelled in their own calendar, the booking is gone: the notice's first
 * button must lead into planning a new meeting, not to "U heeft nu geen afspraak".
 */
describe('choosing again after the coach cancelled', () => {
  it("plans a new meeting for the same from the notice's first button", async () => {
    const conversation = await startConversation();
    await bookThursday(conversation);
    const id = bookingId('elke', '2026-12-03T12:30:00.000Z');
    const booking = (await conversation.planning.bookings.get('elke', id))!;
    // What the coach calendar sync does: cancel as the resident would.
    await conversation.planning.planner.cancel(
      { key: booking.residentKey, language: 'nl', channel: 'test' },
      { coachId: 'elke', bookingId: id },
    );

    // The notice as the channels send it (a proactive turn; here its activity is kept).
    const shown: Partial<Activity>[] = [];
    const notifier = createResidentNotifier({
      i18n: await createTranslator(),
      municipality: { name: 'Gemeente Hollands Kroon', phone: '0224 - 29 88 88' },
      references: {
        save: async () => undefined,
        get: async () => ({
          channelId: 'webchat',
          serviceUrl: 'http://127.0.0.1:9/',
          conversation: { id: 'x' },
        }),
      },
      botFramework: async (_reference, logic) =>
        logic({
          sendActivities: async (activities: Partial<Activity>[]) => void shown.push(...activities),
        } as unknown as TurnContext),
    });
    await notifier.send(booking.residentKey, 'nl', {
      kind: 'coachCancelled',
      coachName: 'Elke',
      start: booking.start,
      intent: booking.summary.intent,
      calendarFile: {
        end: booking.end,
        bookedAt: booking.createdAt,
        cancelledAt: '2026-12-01T09:00:00.000Z',
      },
    });
    // After the message, the cancellation file takes the meeting out of the resident's calendar.
    const file = calendarFileOf(shown);
    expect(file?.name).to.equal('Afgezegd afspraak met Elke.ics');
    expect(file?.text).to.include('METHOD:CANCEL');
    expect(file?.text).to.include(`UID:${meetingUid(booking.residentKey)}`);
    expect(file?.text).to.include('STATUS:CANCELLED');
    const [button, callback] = shown[0]?.suggestedActions?.actions ?? [];
    expect([button?.title, callback?.value]).to.deep.equal(['Andere tijd kiezen', 'callback']);

    // An imBack button sends its value as the message.
    const replies = await conversation.say(String(button!.value));
    expect(texts(replies).join('\n')).not.to.include('geen afspraak');
    expect(texts(replies)[0]).to.match(/^Fijn dat u/);
  });
});
