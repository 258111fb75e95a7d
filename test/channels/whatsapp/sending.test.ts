import { expect } from 'chai';
import type { CosmosConnection } from '../../../src/adapters/cosmos/cosmosClient.js';
import { isWhatsAppError } from '../../../src/channels/whatsapp/errors.js';
import type { GraphStandIn } from './graphStandIn.js';
import {
  TestClock,
  assertLogsPrivate,
  delivery,
  residentNumber,
  shownText,
  startBackends,
  startRig,
  wireText,
  type Rig,
} from './harness.js';

const hour = 60 * 60 * 1000;

/**
 * Sending through the Cloud API, against a local stand-in for Meta's Graph API (Meta's cloud
 * cannot run here): the 24-hour rule, templates, rate limits and errors, and opting out.
 */
describe('sending to WhatsApp', () => {
  let cosmos: CosmosConnection;
  let standIn: GraphStandIn;
  let rig: Rig;
  let clock: TestClock;
  let delays: number[];
  const texts: string[] = [];

  const say = async (text: string, ageMs = 1_000) => {
    texts.push(text);
    const response = await rig.deliver(delivery([wireText(text, { clock, ageMs })]));
    expect(response.status).to.equal(200);
    await rig.channel.idle();
  };
  const residentId = () => rig.channel.residentIdOf(residentNumber);

  beforeEach(async () => {
    // A fresh store per test: every test starts with a resident who has just written.
    ({ cosmos, standIn } = await startBackends());
    clock = new TestClock();
    delays = [];
    rig = await startRig({
      cosmos,
      standIn,
      clock,
      env: { WHATSAPP_TEMPLATE_LANGUAGES: 'nl=nl,en=en_GB' },
      channel: {
        graph: {
          sleep: async (ms: number) => {
            delays.push(ms);
          },
          random: () => 0.5,
        },
      },
    });
  });
  afterEach(async () => {
    assertLogsPrivate(rig.logs, texts);
    await rig.close();
    await standIn.close();
    await cosmos.close();
  });

  describe('the 24-hour window', () => {
    it('answers with free-form messages inside the window', async () => {
      await say('binnen het venster');
      expect(standIn.messages.map(shownText)).to.deep.equal(['echo binnen het venster']);
      expect(standIn.messages[0]?.to).to.equal(residentNumber);
    });

    it('refuses a free-form message outside the window with a clear error', async () => {
      await say('gisteren');
      clock.advance(25 * hour);
      standIn.reset();
      let caught: unknown;
      await rig.channel.adapter
        .continueConversation(
          {
            channelId: 'whatsapp',
            conversation: { id: residentId() } as never,
            serviceUrl: 'urn:x',
          },
          async (context) => {
            await context.sendActivity('Herinnering');
          },
        )
        .catch((error: unknown) => {
          caught = error;
        });
      expect(isWhatsAppError(caught, 'VD_WHATSAPP_WINDOW_CLOSED'), String(caught)).to.equal(true);
      expect((caught as Error).message).to.match(/24 hours.*template/);
      expect(standIn.messages).to.have.length(0);
    });

    it('sends the re-engagement template instead of replies to a message handled days late', async () => {
      await say('oud bericht', 30 * hour); // Meta retried it for more than a day
      expect(standIn.messages.map((m) => m.type)).to.deep.equal(['template']);
      expect(standIn.messages[0]?.body['template']).to.deep.equal({
        name: 'gesprek_hervatten',
        language: { code: 'nl' },
      });
      expect(rig.logs.some((line) => line.includes('replies withheld'))).to.equal(true);
    });

    it("sends an approved template in the resident's language outside the window", async () => {
      await say('hallo');
      clock.advance(3 * 24 * hour);
      standIn.reset();
      const id = await rig.channel.sendTemplate(residentId(), {
        template: 'reminder',
        language: 'en',
        parameters: ['Thursday 3 December at 13:30', 'Elke'],
      });
      expect(id).to.match(/^wamid\./);
      expect(standIn.messages[0]?.body).to.deep.include({
        type: 'template',
        template: {
          name: 'afspraak_herinnering',
          language: { code: 'en_GB' },
          components: [
            {
              type: 'body',
              parameters: [
                { type: 'text', text: 'Thursday 3 December at 13:30' },
                { type: 'text', text: 'Elke' },
              ],
            },
          ],
        },
      });
    });

    it('sends the template instead when Meta answers 131047 (window closed after all)', async () => {
      standIn.failAlways(['text'], { status: 400, code: 131047 });
      await say('net op tijd?');
      expect(standIn.messages.map((m) => m.type)).to.deep.equal(['template']);
      expect(standIn.requests.filter((r) => r === 'messages')).to.have.length(2); // no retries of 131047
    });
  });

  describe('errors from the Graph API', () => {
    it('retries a rate limit (429, 130429) with backoff', async () => {
      standIn.failNext({ status: 429, code: 130429 }, { status: 429, code: 130429 });
      await say('druk');
      expect(standIn.messages.map(shownText)).to.deep.equal(['echo druk']);
      expect(delays).to.deep.equal([375, 750]); // 500 ms doubling, jitter fixed at 0.75
    });

    it('honours Retry-After', async () => {
      standIn.failNext({ status: 429, code: 4, retryAfterSeconds: 2 });
      await say('wacht even');
      expect(delays).to.deep.equal([2000]);
    });

    it('backs off longer for the pair rate limit (131056) and then sends', async () => {
      standIn.failNext({ status: 400, code: 131056 }, { status: 400, code: 131056 });
      await say('nog een bericht');
      expect(standIn.messages.map(shownText)).to.deep.equal(['echo nog een bericht']);
      expect(delays).to.deep.equal([3000, 6000]);
    });

    it('retries a server error (500) and then sends', async () => {
      standIn.failNext({ status: 500, code: 131000 }, { status: 503 });
      await say('storing');
      expect(standIn.messages.map(shownText)).to.deep.equal(['echo storing']);
      expect(delays).to.have.length(2);
    });

    it('gives up after a bounded number of attempts, records and logs the failure, and carries on', async () => {
      standIn.failAlways(['text'], { status: 500 });
      await say('verloren');
      expect(standIn.requests).to.have.length(5);
      const failure = rig.logs.find((line) => line.includes('WhatsApp message not sent'));
      expect(failure).to.be.a('string');
      const logged = JSON.parse(failure!) as {
        failureId: string;
        status: number;
        conversation: string;
      };
      expect(logged.status).to.equal(500);
      expect(logged.conversation).to.be.a('string');
      const record = await rig.channel.store.messageRecord(residentId(), logged.failureId);
      expect(record?.failure).to.deep.include({ reason: 'server', status: 500, attempts: 5 });
      expect(record?.ttl).to.equal(3600);

      standIn.failAlways([], { status: 500 });
      await say('weer goed');
      expect(standIn.messages.map(shownText)).to.deep.equal(['echo weer goed']);
    });

    it('does not retry a permanent error (invalid parameter) but records it', async () => {
      standIn.failNext({ status: 400, code: 100 });
      await say('kapot');
      expect(standIn.requests).to.have.length(1);
      expect(delays).to.deep.equal([]);
      expect(rig.logs.some((line) => line.includes('"code":100'))).to.equal(true);
    });
  });

  describe('opting out', () => {
    it('sends nothing after "stop", not even replies, until "start"', async () => {
      await say('hallo');
      expect(standIn.messages).to.have.length(1);

      await say('STOP');
      await say('Hallo? Is daar iemand?');
      expect(standIn.messages, 'nothing after stop').to.have.length(1);
      const contact = await rig.channel.store.contact(residentId());
      expect(contact?.optedOutAt).to.be.a('string');
      expect(contact?.waId, 'no number kept for an opted-out resident').to.equal(undefined);
      // The ttl is storage's business: read the Cosmos document itself.
      const { resource: stored } = await rig.cosmos.containers.whatsappContacts
        .item('contact', residentId())
        .read<{ optedOutAt?: string; ttl?: number }>();
      expect(stored?.optedOutAt, 'the document read is the opt-out').to.be.a('string');
      expect(stored?.ttl, 'the opt-out outlives the conversation').to.equal(undefined);

      let refused: unknown;
      await rig.channel
        .sendTemplate(residentId(), { template: 'reminder', language: 'nl' })
        .catch((error: unknown) => {
          refused = error;
        });
      expect(isWhatsAppError(refused, 'VD_WHATSAPP_OPTED_OUT')).to.equal(true);

      await say('start');
      expect(standIn.messages.map(shownText)).to.deep.equal(['echo hallo', 'echo start']);
      const again = await rig.channel.store.contact(residentId());
      expect(again?.optedOutAt).to.equal(undefined);
      expect(again?.waId).to.equal(residentNumber);
    });

    it('also stops on "afmelden" and "unsubscribe"', async () => {
      for (const word of ['afmelden', 'unsubscribe']) {
        await say('start');
        standIn.reset();
        await say(word);
        await say('nog iets');
        expect(standIn.messages, word).to.have.length(0);
      }
    });
  });
});
