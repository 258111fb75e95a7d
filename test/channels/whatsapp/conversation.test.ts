import { expect } from 'chai';
import { buildApp, type App } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { signatureOf } from '../../../src/channels/whatsapp/signature.js';
import { WHATSAPP_WEBHOOK_PATH } from '../../../src/channels/whatsapp/whatsAppChannel.js';
import { createLogger } from '../../../src/log.js';
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

type Interactive =
  | {
      type: 'button';
      body: { text: string };
      action: { buttons: { reply: { id: string; title: string } }[] };
    }
  | {
      type: 'list';
      body: { text: string };
      action: { sections: { rows: { id: string; title: string }[] }[] };
    };

/**
 * One whole conversation over WhatsApp with the real app: the real dialogs, planner and locale
 * files, Cosmos DB (embedded), and a local stand-in for Meta's Graph API (Meta's cloud cannot
 * run here). The resident presses the buttons and list rows Voordeur sent, as a phone would.
 */
describe('a conversation over WhatsApp', () => {
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

  /** Posts one resident message, waits until it is handled, returns what Voordeur sent. */
  async function send(message: Record<string, unknown>): Promise<SentMessage[]> {
    clock.advance(5_000);
    const raw = JSON.stringify(delivery([message]));
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
    const replies = standIn.messages.slice(seen);
    seen = standIn.messages.length;
    expect(replies.length, 'Voordeur answers every message').to.be.greaterThan(0);
    for (const reply of replies) expect(reply.to).to.equal(residentNumber);
    return replies;
  }

  const type = (text: string) => send(wireText(text, { clock }));

  /** Presses the button or list row whose title starts like `title` in the last interactive message. */
  function press(replies: SentMessage[], title: string): Promise<SentMessage[]> {
    const last = [...replies].reverse().find((reply) => reply.body['interactive'] !== undefined);
    if (!last) throw new Error('no buttons to press');
    return pressOn(last, title);
  }

  /** Presses a button or list row of one message, as the phone does: its id and title come back. */
  function pressOn(message: SentMessage, title: string): Promise<SentMessage[]> {
    const interactive = message.body['interactive'] as Interactive;
    const matches = (candidate: string) =>
      candidate === title || (candidate.endsWith('…') && title.startsWith(candidate.slice(0, -1)));
    const base = wireText('', { clock });
    delete base['text'];
    if (interactive.type === 'button') {
      const button = interactive.action.buttons.find((b) => matches(b.reply.title));
      if (!button) throw new Error(`no button "${title}" in ${JSON.stringify(interactive)}`);
      return send({
        ...base,
        type: 'interactive',
        interactive: { type: 'button_reply', button_reply: button.reply },
      });
    }
    const row = interactive.action.sections.flatMap((s) => s.rows).find((r) => matches(r.title));
    if (!row) throw new Error(`no row "${title}" in ${JSON.stringify(interactive)}`);
    return send({
      ...base,
      type: 'interactive',
      interactive: { type: 'list_reply', list_reply: { id: row.id, title: row.title } },
    });
  }

  const texts = (replies: SentMessage[]) => replies.map(shownText).join('\n');

  it('goes from "Hallo" to a booked meeting with a calendar file', async () => {
    // 1. Greeting: a computer, privacy, and the menu as a list (more than three choices).
    let replies = await type('Hallo');
    expect(texts(replies)).to.match(/computer/i);
    const menu = replies.at(-1)!.body['interactive'] as Interactive;
    expect(menu.type).to.equal('list');

    // 2. "Ik wil werk", then the light questions, each skipped.
    replies = await press(replies, 'Ik wil werk');
    for (
      let question = 0;
      question < 4 && !/Wanneer komt het u goed uit/.test(texts(replies));
      question++
    ) {
      replies = await press(replies, 'Sla over');
    }
    expect(texts(replies)).to.match(/Wanneer komt het u goed uit/);

    // 3. When it suits: any time. Slot cards follow, each with its own button.
    replies = await press(replies, 'Maakt niet uit');
    const cards = replies.filter(
      (reply) =>
        (reply.body['interactive'] as Interactive | undefined)?.type === 'button' &&
        shownText(reply).startsWith('*'),
    );
    expect(cards.length).to.be.within(1, 3);
    const choose = (cards[0]!.body['interactive'] as Extract<Interactive, { type: 'button' }>)
      .action.buttons[0]!;
    expect(choose.reply.id).to.match(/^j:\{"action":"slot"/);

    // 4. Choose the first time: the slot object comes back through the reply id.
    const firstTime = /Tijd 1: (.+?)\*/.exec(shownText(cards[0]!))?.[1];
    expect(firstTime).to.be.a('string');
    replies = await pressOn(cards[0]!, choose.reply.title);
    if (!/Klopt dat/.test(texts(replies))) {
      // How to meet, when the coach offers more than one way.
      const how = replies.at(-1)!.body['interactive'] as Interactive;
      const first =
        how.type === 'button'
          ? how.action.buttons[0]!.reply.title
          : how.action.sections[0]!.rows[0]!.title;
      replies = await press(replies, first);
    }
    expect(texts(replies)).to.match(/Klopt dat/);
    expect(texts(replies)).to.include(firstTime);

    // 5. Confirm: booked, with the calendar file as a document.
    replies = await press(replies, 'Ja');
    expect(texts(replies)).to.match(/Gelukt/);
    const document = replies.find((reply) => reply.type === 'document');
    expect(document, 'the .ics as a document').to.not.equal(undefined);
    const upload = standIn.uploads.at(-1)!;
    expect(upload.filename).to.match(/\.ics$/);
    expect(upload.mimeType).to.equal('text/plain');
    expect(upload.text).to.match(/BEGIN:VCALENDAR/);
    expect((document!.body['document'] as { id: string }).id).to.equal(upload.id);
  });

  /** Presses a quick reply of the reminder template, as the phone sends it: text and payload. */
  function pressReminder(text: string, payload: string): Promise<SentMessage[]> {
    const base = wireText('', { clock });
    delete base['text'];
    return send({ ...base, type: 'button', button: { text, payload } });
  }

  it('answers the reminder\'s "Ik kom", "Andere tijd" and "Bel mij", and cancels with a calendar file', async () => {
    // Continues the meeting booked above. "Ik kom": a warm word with the meeting named again.
    let replies = await pressReminder('Ik kom', 'reminder:coming');
    expect(texts(replies)).to.match(/Fijn dat u komt! Tot dan: \S+ \d+ \w+ om \d\d:\d\d.*, met /);

    // "Andere tijd" starts moving the meeting.
    replies = await pressReminder('Andere tijd', 'booking:move');
    expect(texts(replies)).to.match(/Uw afspraak is nu: .* Ik zoek een nieuwe tijd/);
    await type('menu');

    // "Bel mij" starts a call-back request.
    replies = await pressReminder('Bel mij', 'callback');
    expect(texts(replies)).to.include('Wij bellen u graag.');
    await type('menu');

    // Cancelled in the chat: the calendar file that takes it out of the resident's calendar.
    const booked = standIn.uploads.find((upload) => upload.text.includes('METHOD:PUBLISH'));
    const coach = /SUMMARY:Afspraak met (\S+)/.exec(booked?.text ?? '')?.[1];
    const ask = await type('Afspraak afzeggen');
    const uploadsBefore = standIn.uploads.length;
    replies = await press(ask, 'Ja');
    expect(texts(replies)).to.match(/Uw afspraak is afgezegd/);
    expect(standIn.uploads.length).to.equal(uploadsBefore + 1);
    const cancel = standIn.uploads.at(-1)!;
    expect(cancel.filename).to.equal(`Afgezegd afspraak met ${coach}.ics`);
    expect(cancel.text).to.match(/METHOD:CANCEL/);
    const uid = (text: string | undefined) => /UID:(\S+)/.exec(text ?? '')?.[1];
    expect(uid(cancel.text)).to.equal(uid(booked?.text));
    expect(replies.some((reply) => reply.type === 'document')).to.equal(true);

    // "Ik kom" for a meeting that is gone: said kindly, and the menu offers a new one.
    replies = await pressReminder('Ik kom', 'reminder:coming');
    expect(texts(replies)).to.include('Ik vind geen afspraak meer van u.');
    expect(texts(replies)).to.include('Een nieuwe afspraak maken kan altijd.');
  });

  it('answers a voice note kindly and carries on', async () => {
    const voice = wireText('', { clock });
    delete voice['text'];
    const replies = await send({
      ...voice,
      type: 'audio',
      audio: { mime_type: 'audio/ogg; codecs=opus', id: '1027386259191624', voice: true },
    });
    expect(texts(replies)).to.include(
      'Ik kan spraakberichten nog niet beluisteren. Wilt u typen, of zullen we u bellen?',
    );
    const after = await type('menu');
    expect(after.length).to.be.greaterThan(0);
  });

  it('keeps phone numbers, message text and secrets out of the logs', () => {
    expect(logs.length).to.be.greaterThan(20);
    assertLogsPrivate(logs, ['"Hallo"', 'Hallo', 'Ik wil werk', 'Sla over']);
  });
});
