import { expect } from 'chai';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createBotFrameworkTurns } from '../../src/channels/botFramework/botFrameworkAdapter.js';
import { createLogger } from '../../src/log.js';
import type { CosmosConnection } from '../../src/adapters/cosmos/cosmosClient.js';
import { createResidentNotifier } from '../../src/channels/residentNotifier.js';
import { createTranslator } from '../../src/i18n.js';
import type { ResidentNotifier } from '../../src/ports/residentNotices.js';
import type { GraphStandIn } from '../channels/whatsapp/graphStandIn.js';
import {
  TestClock,
  delivery,
  residentNumber,
  shownText,
  startBackends,
  startRig,
  wireText,
  type Rig,
} from '../channels/whatsapp/harness.js';

const hour = 3_600_000;
const start = '2026-11-26T08:00:00.000Z';

/**
 * The outbox's messages to WhatsApp residents, through the real WhatsApp channel against the
 * local stand-in for Meta's Graph API (Meta cannot run here; see test/channels/whatsapp).
 */
describe("the outbox's messages to WhatsApp residents", () => {
  let cosmos: CosmosConnection;
  let standIn: GraphStandIn;
  let rig: Rig;
  let clock: TestClock;
  let notifier: ResidentNotifier;

  const say = async (text: string) => {
    const response = await rig.deliver(delivery([wireText(text, { clock, ageMs: 1_000 })]));
    expect(response.status).to.equal(200);
    await rig.channel.idle();
  };
  const key = () => `whatsapp/${rig.channel.residentIdOf(residentNumber)}`;

  beforeEach(async () => {
    ({ cosmos, standIn } = await startBackends());
    clock = new TestClock();
    rig = await startRig({ cosmos, standIn, clock });
    notifier = createResidentNotifier({
      i18n: await createTranslator(),
      municipality: { name: 'Gemeente Hollands Kroon', phone: '0224 - 29 88 88' },
      references: { save: async () => undefined, get: async () => undefined },
      botFramework: async () => {
        throw new Error('not a Bot Framework conversation');
      },
      whatsApp: {
        continueConversation: (reference, logic) =>
          rig.channel.adapter.continueConversation(reference, logic),
        sendTemplate: (residentId, request) => rig.channel.sendTemplate(residentId, request),
      },
    });
    await say('hallo');
    standIn.reset();
  });
  afterEach(async () => {
    await rig.close();
    await standIn.close();
    await cosmos.close();
  });

  it('sends the reminder template with "Ik kom", "Andere tijd", "Bel mij" as quick replies', async () => {
    clock.advance(3 * 24 * hour);
    const outcome = await notifier.send(key(), 'nl', {
      kind: 'reminder',
      coachName: 'Elke',
      start,
      place: 'Dorpshuis Den Domp, Kerkstraat 2',
    });
    expect(outcome).to.equal('sent');
    const template = standIn.messages[0]?.body['template'] as {
      name: string;
      components: { type: string; parameters: { text?: string; payload?: string }[] }[];
    };
    expect(template.name).to.equal('afspraak_herinnering');
    expect(template.components[0]?.parameters.map((p) => p.text)).to.deep.equal([
      'donderdag 26 november om 09:00',
      'Elke',
      'Dorpshuis Den Domp, Kerkstraat 2',
    ]);
    expect(
      template.components.slice(1).map((c) => [c.type, c.parameters[0]?.payload]),
    ).to.deep.equal([
      ['button', 'reminder:coming'],
      ['button', 'booking:move'],
      ['button', 'callback'],
    ]);
  });

  it('offers new times within 24 hours, in the chat, with the move and call-back buttons', async () => {
    const outcome = await notifier.send(key(), 'nl', {
      kind: 'lateConflict',
      coachName: 'Elke',
      start,
      offers: [
        { coachName: 'Elke', start: '2026-11-27T08:00:00.000Z', end: '2026-11-27T08:45:00.000Z' },
      ],
    });
    expect(outcome).to.equal('sent');
    const shown = standIn.messages.map(shownText).join('\n');
    expect(shown).to.include('Elke kan helaas niet op donderdag 26 november om 09:00');
    expect(shown).to.include('vrijdag 27 november om 09:00');
  });

  it('says the coach cannot come, with buttons to plan anew for the same and to be called', async () => {
    const outcome = await notifier.send(key(), 'nl', {
      kind: 'coachCancelled',
      coachName: 'Elke',
      start,
      intent: 'meaningful',
    });
    expect(outcome).to.equal('sent');
    const [message] = standIn.messages;
    expect(shownText(message!)).to.equal(
      'Elke kan helaas niet op donderdag 26 november om 09:00. Kies een andere tijd.',
    );
    const interactive = message!.body['interactive'] as {
      action: { buttons: { reply: { id: string; title: string } }[] };
    };
    // The booking is gone: "Afspraak verzetten" would find nothing, the menu choice plans anew.
    expect(interactive.action.buttons.map((b) => b.reply)).to.deep.equal([
      { id: 'v:intent:meaningful', title: 'Andere tijd kiezen' },
      { id: 'v:callback', title: 'Bel mij liever' },
    ]);
  });

  it("sends the cancellation calendar file after the coach's cancel, as a WhatsApp document", async () => {
    await notifier.send(key(), 'nl', {
      kind: 'coachCancelled',
      coachName: 'Elke',
      start,
      calendarFile: {
        end: new Date(Date.parse(start) + 45 * 60_000).toISOString(),
        bookedAt: '2026-11-20T10:00:00.000Z',
        cancelledAt: '2026-11-24T08:00:00.000Z',
      },
    });
    expect(standIn.messages.map((m) => m.type)).to.deep.equal(['interactive', 'document']);
    const upload = standIn.uploads.at(-1)!;
    expect(upload.filename).to.equal('Afgezegd afspraak met Elke.ics');
    expect(upload.text).to.match(/METHOD:CANCEL/);
    expect(upload.text).to.match(/STATUS:CANCELLED/);
  });

  it("names the outbox job in biz_opaque_callback_data, for tracing a message in Meta's callbacks", async () => {
    const trace = 'k3J9xQ/notice.lateConflict.1795000000000';
    await notifier.send(
      key(),
      'nl',
      { kind: 'lateConflict', coachName: 'Elke', start, offers: [] },
      trace,
    );
    clock.advance(3 * 24 * hour);
    await notifier.send(
      key(),
      'nl',
      { kind: 'reminder', coachName: 'Elke', start, place: '' },
      'k3J9xQ/reminder.1795000000000',
    );
    expect(standIn.messages.map((m) => [m.type, m.body['biz_opaque_callback_data']])).to.deep.equal(
      [
        ['interactive', trace],
        ['template', 'k3J9xQ/reminder.1795000000000'],
      ],
    );
  });

  it('says a cancelled or clashing meeting with its own template after 24 hours, and asks anything else to write back', async () => {
    clock.advance(25 * hour);
    const sentAs = async (notice: Parameters<ResidentNotifier['send']>[2]) => {
      standIn.reset();
      expect(await notifier.send(key(), 'nl', notice)).to.equal('sent');
      const template = standIn.messages[0]?.body['template'] as {
        name: string;
        components?: { type: string; parameters: { text?: string; payload?: string }[] }[];
      };
      const parts = template.components ?? [];
      return {
        name: template.name,
        body: parts.find((c) => c.type === 'body')?.parameters.map((p) => p.text),
        buttons: parts.filter((c) => c.type === 'button').map((c) => c.parameters[0]?.payload),
      };
    };
    const when = 'donderdag 26 november om 09:00';
    expect(
      await sentAs({ kind: 'coachCancelled', coachName: 'Elke', start, intent: 'work' }),
    ).to.deep.equal({
      name: 'afspraak_coach_kan_niet',
      body: ['Elke', when],
      // The booking is gone: the first button plans anew for the same, as in the chat.
      buttons: ['intent:work', 'callback'],
    });
    expect(
      await sentAs({ kind: 'lateConflict', coachName: 'Elke', start, offers: [] }),
    ).to.deep.equal({
      name: 'afspraak_andere_tijd',
      body: ['Elke', when],
      buttons: ['booking:move', 'callback'],
    });
    expect(await sentAs({ kind: 'calendarDelayed', coachName: 'Elke', start })).to.deep.equal({
      name: 'gesprek_hervatten',
      body: undefined,
      buttons: [],
    });
  });

  it('sends nothing to a resident who said stop', async () => {
    await say('stop');
    standIn.reset();
    const outcome = await notifier.send(key(), 'nl', {
      kind: 'reminder',
      coachName: 'Elke',
      start,
      place: '',
    });
    expect(outcome).to.equal('optedOut');
    expect(standIn.messages).to.deep.equal([]);
  });
});

/**
 * The outbox's notice through the real CloudAdapter (local mode) to a channel that refuses it:
 * the failure must come back to the outbox (which tries again), not go to the adapter's turn
 * error handler, which would swallow it and apologise to the resident and reset their dialogs.
 */
describe("the outbox's messages through the Bot Framework adapter", () => {
  it('a failed send comes back to the outbox, and never reaches the turn error handler', async () => {
    const posts: string[] = [];
    const channel = createServer((req, res) => {
      posts.push(`${req.method} ${req.url}`);
      req.resume();
      req.on('end', () => {
        // 403, not 503: the connector would retry a 503 for seconds before it gives up.
        res.writeHead(403, { 'content-type': 'application/json' });
        res.end('{"error":{"code":"Forbidden","message":"refused"}}');
      });
    });
    await new Promise<void>((resolve) => channel.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(channel.address() as AddressInfo).port}/`;
    const adapter = createBotFrameworkTurns({
      auth: undefined,
      baseUrl: () => url,
      nowSeconds: () => 0,
      log: createLogger('silent'),
    });
    const handled: unknown[] = [];
    adapter.onTurnError = async (_context, error) => {
      handled.push(error);
    };
    const notifier = createResidentNotifier({
      i18n: await createTranslator(),
      municipality: { name: 'Gemeente Hollands Kroon', phone: '0224 - 29 88 88' },
      references: {
        save: async () => undefined,
        get: async () => ({ channelId: 'webchat', serviceUrl: url, conversation: { id: 'c1' } }),
      },
      botFramework: (reference, logic) => adapter.continueConversationAsync('', reference, logic),
    });
    try {
      const sent = notifier.send('webchat/c1', 'nl', {
        kind: 'calendarDelayed',
        coachName: 'Elke',
        start,
      });
      await sent.then(
        () => expect.fail('a notice the channel refused was reported as sent'),
        (error: unknown) => expect(String(error)).to.match(/403|Forbidden|refused/),
      );
      expect(posts.length, 'the notice was posted to the channel').to.be.greaterThan(0);
      expect(handled).to.deep.equal([]);
    } finally {
      channel.close();
    }
  });
});
