import { expect } from 'chai';
import type { CosmosConnection } from '../../../src/adapters/cosmos/cosmosClient.js';
import { messageDocumentId } from '../../../src/channels/whatsapp/identity.js';
import { signatureOf } from '../../../src/channels/whatsapp/signature.js';
import {
  WHATSAPP_MAX_BODY_BYTES,
  WHATSAPP_WEBHOOK_PATH,
} from '../../../src/channels/whatsapp/whatsAppChannel.js';
import type { GraphStandIn } from './graphStandIn.js';
import {
  assertLogsPrivate,
  delivery,
  fixture,
  fixtureMessage,
  residentNumber,
  secrets,
  startBackends,
  startRig,
  type Rig,
} from './harness.js';

describe('the WhatsApp webhook', () => {
  let cosmos: CosmosConnection;
  let standIn: GraphStandIn;
  let rig: Rig;

  before(async () => {
    ({ cosmos, standIn } = await startBackends());
  });
  after(async () => {
    await standIn.close();
    await cosmos.close();
  });
  beforeEach(async () => {
    standIn.reset();
    rig = await startRig({ cosmos, standIn });
  });
  afterEach(async () => {
    await rig.close();
  });

  const verifyUrl = (params: Record<string, string>) => {
    const url = new URL(WHATSAPP_WEBHOOK_PATH, rig.url);
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    return url;
  };

  describe('verification handshake', () => {
    it('echoes the challenge as plain text when the verify token is right', async () => {
      const response = await fetch(
        verifyUrl({
          'hub.mode': 'subscribe',
          'hub.verify_token': secrets.verifyToken,
          'hub.challenge': '1158201444',
        }),
      );
      expect(response.status).to.equal(200);
      expect(response.headers.get('content-type')).to.match(/^text\/plain/);
      expect(await response.text()).to.equal('1158201444');
    });

    it('answers 403 to a wrong verify token or mode, and never echoes', async () => {
      const cases: Record<string, string>[] = [
        { 'hub.mode': 'subscribe', 'hub.verify_token': 'guess', 'hub.challenge': '42' },
        {
          'hub.mode': 'unsubscribe',
          'hub.verify_token': secrets.verifyToken,
          'hub.challenge': '42',
        },
        { 'hub.challenge': '42' },
      ];
      for (const params of cases) {
        const response = await fetch(verifyUrl(params));
        expect(response.status, JSON.stringify(params)).to.equal(403);
        expect(await response.text()).not.to.include('42');
      }
    });

    it('keeps the verify token and the challenge out of the logs', async () => {
      await fetch(
        verifyUrl({
          'hub.mode': 'subscribe',
          'hub.verify_token': secrets.verifyToken,
          'hub.challenge': '987654321',
        }),
      );
      assertLogsPrivate(rig.logs, ['987654321']);
    });
  });

  describe('signature', () => {
    it('accepts a delivery signed over its raw bytes, non-ASCII included', async () => {
      const message = await fixtureMessage('text');
      message['text'] = { body: 'Hé, ik wil graag werk 👋' };
      // Meta escapes non-ASCII characters in what it signs and sends; the raw bytes are checked.
      const raw = JSON.stringify(delivery([message])).replace(
        /[\u007f-\uffff]/g,
        (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
      );
      const response = await rig.deliver(raw);
      expect(response.status).to.equal(200);
      await rig.channel.idle();
      expect(standIn.messages.map((m) => m.body['text'])).to.deep.equal([
        { body: 'echo Hé, ik wil graag werk 👋', preview_url: false },
      ]);
    });

    it('answers 401 and stores nothing without a signature, with a wrong one, or one over another body', async () => {
      const payload = await fixture('text_slash_id');
      const raw = JSON.stringify(payload);
      const otherBody = JSON.stringify(await fixture('text'));
      const cases: Array<[string, string | null]> = [
        ['missing', null],
        ['wrong', `sha256=${'0'.repeat(64)}`],
        ['over a different body', signatureOf(secrets.appSecret, otherBody)],
        ['with another secret', signatureOf('not-the-app-secret', raw)],
        ['malformed', 'sha1=abc'],
      ];
      for (const [name, signature] of cases) {
        const response = await rig.deliver(raw, { signature });
        expect(response.status, name).to.equal(401);
      }
      await rig.channel.idle();
      const message = await fixtureMessage('text_slash_id');
      const pk = rig.channel.residentIdOf(residentNumber);
      expect(await rig.channel.inbox.get(pk, messageDocumentId(message.id))).to.equal(undefined);
      expect(standIn.messages).to.have.length(0);
    });

    it('refuses a body larger than Meta ever sends with 413', async () => {
      const big = 'x'.repeat(WHATSAPP_MAX_BODY_BYTES + 10);
      const response = await rig.deliver(big, { signature: signatureOf(secrets.appSecret, big) });
      expect(response.status).to.equal(413);
    });

    it('refuses a compressed body with 415 and stores nothing', async () => {
      const message = await fixtureMessage('text');
      message['id'] = 'wamid.gzip.label';
      const raw = JSON.stringify(delivery([message]));
      const response = await rig.deliver(raw, { headers: { 'content-encoding': 'gzip' } });
      expect(response.status).to.equal(415);
      const pk = rig.channel.residentIdOf(residentNumber);
      expect(await rig.channel.inbox.get(pk, messageDocumentId(message.id))).to.equal(undefined);
      expect((await rig.deliver(raw)).status, 'the same body uncompressed').to.equal(200);
    });
  });

  describe('payloads', () => {
    it('acknowledges an unknown shape with 200 and logs a line without its content', async () => {
      const response = await rig.deliver({
        object: 'page',
        entry: [
          {
            id: '1',
            changes: [{ field: 'feed', value: { from: residentNumber, text: 'geheim' } }],
          },
        ],
      } as never);
      expect(response.status).to.equal(200);
      const line = rig.logs.find((entry) => entry.includes('not understood'));
      expect(line).to.be.a('string');
      expect(line).to.include('unknownShape');
      assertLogsPrivate(rig.logs, ['geheim']);
    });

    it('acknowledges a message of an unknown shape and still handles the others', async () => {
      const good = await fixtureMessage('text');
      good['id'] = 'wamid.shape.good';
      const odd = { id: 'wamid.shape.odd', timestamp: good['timestamp'], type: 'text' }; // no from
      const response = await rig.deliver(delivery([odd, good]));
      expect(response.status).to.equal(200);
      await rig.channel.idle();
      expect(standIn.messages).to.have.length(1);
      expect(rig.logs.some((line) => line.includes('unknownMessageShape'))).to.equal(true);
    });

    it('ignores messages for another phone number of the same Meta app', async () => {
      const message = await fixtureMessage('text');
      message['id'] = 'wamid.other.number';
      const response = await rig.deliver(delivery([message], [], '999999999'));
      expect(response.status).to.equal(200);
      await rig.channel.idle();
      expect(standIn.messages).to.have.length(0);
    });

    it('records sent, delivered, read and failed per message id, in any order, once', async () => {
      const read = await fixture('status_read');
      const sent = await fixture('status_sent');
      const delivered = await fixture('status_delivered');
      const failed = await fixture('status_failed');
      for (const payload of [read, sent, delivered, delivered, failed]) {
        expect((await rig.deliver(payload)).status).to.equal(200);
      }
      const status = await fixtureMessage('status_sent');
      const record = await rig.channel.store.messageRecord(
        rig.channel.residentIdOf(residentNumber),
        messageDocumentId(status.id),
      );
      const at = Number(status.timestamp) * 1000;
      expect(record?.statuses).to.deep.equal({ read: at, sent: at, delivered: at, failed: at });
      expect(record?.errorCodes).to.deep.equal([131047]);
      expect(record?.ttl).to.equal(3600);
      expect(rig.logs.some((line) => line.includes('not delivered'))).to.equal(true);
      assertLogsPrivate(rig.logs, []);
    });

    it('answers 500 when the inbox cannot be written, so Meta delivers again', async () => {
      const message = await fixtureMessage('text');
      message['id'] = 'wamid.store.down';
      const inbox = rig.channel.inbox;
      const original = inbox.add.bind(inbox);
      inbox.add = async () => {
        throw Object.assign(new Error('store down'), { code: 'ECONNREFUSED' });
      };
      try {
        expect((await rig.deliver(delivery([message]))).status).to.equal(500);
      } finally {
        inbox.add = original;
      }
      expect((await rig.deliver(delivery([message]))).status).to.equal(200);
      await rig.channel.idle();
      expect(standIn.messages).to.have.length(1);
    });
  });
});
