import { expect } from 'chai';
import { buildApp, type App } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { signatureOf } from '../../../src/channels/whatsapp/signature.js';
import { WHATSAPP_WEBHOOK_PATH } from '../../../src/channels/whatsapp/whatsAppChannel.js';
import { createLogger } from '../../../src/log.js';
import { documentsWithoutTtl, everyDocument, tracesOf } from '../../privacy/traces.js';
import { startGraphStandIn, type GraphStandIn, type SentMessage } from './graphStandIn.js';
import {
  TestClock,
  assertLogsPrivate,
  delivery,
  residentNumber,
  secrets,
  shownText,
  wireText,
} from './harness.js';

/**
 * Over WhatsApp, with the real app, embedded Cosmos DB and a local stand-in for Meta's Graph API
 * (Meta's cloud cannot run here): book a phone meeting, ask for a call-back, see what is kept,
 * erase it. Afterwards no container holds the numbers, the typed words or the conversation id
 * (the resident's WhatsApp pseudonym); a later "hallo" starts a new conversation.
 */
describe('seeing and erasing what is kept, over WhatsApp', function () {
  this.timeout(120_000);
  let app: App;
  let standIn: GraphStandIn;
  let url: string;
  const clock = new TestClock();
  const logs: string[] = [];
  let seen = 0;

  before(async () => {
    standIn = await startGraphStandIn({ accessToken: secrets.accessToken });
    const config = loadConfig({
      PORT: '0',
      LOG_LEVEL: 'trace',
      PUBLIC_BASE_URL: 'https://voordeur.example.nl',
      WHATSAPP_PHONE_NUMBER_ID: standIn.phoneNumberId,
      WHATSAPP_ACCESS_TOKEN: secrets.accessToken,
      WHATSAPP_APP_SECRET: secrets.appSecret,
      WHATSAPP_VERIFY_TOKEN: secrets.verifyToken,
      WHATSAPP_GRAPH_URL: standIn.url,
      WHATSAPP_GRAPH_VERSION: standIn.version,
    });
    const log = createLogger('trace', { write: (line: string) => void logs.push(line) });
    app = await buildApp(config, { log, clock });
    url = await app.listen();
  });
  after(async () => {
    await app?.close();
    await standIn?.close();
  });

  /** Types one message as the resident, waits until it is handled, returns what Voordeur sent. */
  async function type(text: string): Promise<string> {
    clock.advance(5_000);
    const raw = JSON.stringify(delivery([wireText(text, { clock })]));
    const response = await fetch(new URL(WHATSAPP_WEBHOOK_PATH, url), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-hub-signature-256': signatureOf(secrets.appSecret, raw),
      },
      body: raw,
    });
    expect(response.status).to.equal(200);
    await app.whatsApp!.idle();
    const replies: SentMessage[] = standIn.messages.slice(seen);
    seen = standIn.messages.length;
    return replies.map(shownText).join('\n');
  }

  it('books, asks for a call-back, sees it back and erases it all', async () => {
    expect(await type('Hallo')).to.match(/computer/i);
    await type('Ik wil werk');
    expect(await type('Werk in de kinderopvang, bsn 111222333')).to.include(
      'U hoeft uw BSN niet te geven. We hebben het niet bewaard.',
    );
    await type('Sla over');
    await type('Sla over');
    await type('Haaren');
    await type('Maakt niet uit');
    await type('de eerste');
    expect(await type('Telefonisch')).to.match(/Mogen we het bewaren/);
    await type('ja');
    await type('06 12345678');
    expect(await type('ja')).to.match(/Gelukt!/);
    await type('bel mij');
    await type('Ja');
    await type('06 87654321');
    expect(await type('dinsdagochtend graag')).to.include('+31687654321');

    expect(await documentsWithoutTtl(app.cosmos.containers)).to.deep.equal([]);
    const residentId = app.whatsApp!.residentIdOf(residentNumber);
    const before = await tracesOf(app.cosmos.containers, ['612345678', residentId]);
    expect(new Set(before.map((trace) => trace.container))).to.include.keys(
      'bookings',
      'callbacks',
      'whatsappContacts',
      'conversations',
    );

    const kept = await type('Wat weten jullie van mij?');
    expect(kept).to.include('Uw telefoonnummer voor de afspraak: +31612345678');
    expect(kept).to.include('Wat u de coach vertelde: Werk in de kinderopvang, bsn [bsn]');

    expect(await type('verwijder mijn gegevens')).to.match(/Weet u het zeker\?/);
    expect(await type('Ja, wis alles')).to.include('Klaar. We hebben alles van u gewist.');

    expect(
      await tracesOf(app.cosmos.containers, [
        '612345678',
        '687654321',
        'kinderopvang',
        'dinsdagochtend',
        residentId,
      ]),
    ).to.deep.equal([]);
    const documents = await everyDocument(app.cosmos.containers);
    for (const name of [
      'conversations',
      'whatsappContacts',
      'whatsappInbox',
      'callbacks',
    ] as const) {
      expect(documents.get(name), name).to.deep.equal([]);
    }

    // A new message: a new conversation, greeted as the first time.
    expect(await type('hallo')).to.match(/computer/i);
    assertLogsPrivate(logs, ['kinderopvang', '111222333', 'dinsdagochtend']);
  });
});
