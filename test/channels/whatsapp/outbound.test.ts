import { CardFactory, MessageFactory, type Activity, type CardAction } from 'botbuilder';
import { expect } from 'chai';
import fc from 'fast-check';
import { icsAttachment } from '../../../src/planner/icsFile.js';
import { toOutbound, type OutboundPart } from '../../../src/channels/whatsapp/outbound.js';
import { shorten, splitText } from '../../../src/channels/whatsapp/textPieces.js';
import { cloudLimits, type InteractiveContent } from '../../../src/channels/whatsapp/wireFormat.js';
import {
  isValidSignature,
  secretsEqual,
  signatureOf,
} from '../../../src/channels/whatsapp/signature.js';

const options = { listButtonLabel: 'Kies' };

const button = (title: string, value: unknown = title): CardAction => ({
  type: 'messageBack',
  title,
  text: title,
  displayText: title,
  value,
});

function interactive(part: OutboundPart | undefined): InteractiveContent['interactive'] {
  if (part?.kind !== 'message' || part.content.type !== 'interactive') {
    throw new Error(`expected an interactive message, got ${JSON.stringify(part)}`);
  }
  return part.content.interactive;
}

describe('outbound activities as WhatsApp messages', () => {
  describe('text', () => {
    it('sends short text as one text message without link previews', () => {
      const { parts } = toOutbound(MessageFactory.text('Hallo!'), options);
      expect(parts).to.deep.equal([
        {
          kind: 'message',
          content: { type: 'text', text: { body: 'Hallo!', preview_url: false } },
        },
      ]);
    });

    it('splits long text at 4096 characters on paragraph, sentence or word boundaries', () => {
      const sentence = 'Dit is een korte zin over werk en meedoen. ';
      const text = sentence.repeat(250).trim(); // ~10 700 characters
      const { parts, notes } = toOutbound(MessageFactory.text(text), options);
      const bodies = parts.map((part) =>
        part.kind === 'message' && part.content.type === 'text' ? part.content.text.body : '',
      );
      expect(bodies.length).to.equal(3);
      for (const body of bodies) {
        expect(body.length).to.be.at.most(cloudLimits.textBody);
        expect(body.endsWith('.')).to.equal(true);
      }
      expect(bodies.join(' ')).to.equal(text);
      expect(notes).to.deep.include({ note: 'textSplit', parts: 3 });
    });

    it('prefers a paragraph break, then a line break', () => {
      const text = `${'a'.repeat(3000)}\n\n${'b'.repeat(2000)}\n${'c'.repeat(2000)}`;
      expect(splitText(text, 4096)).to.deep.equal([
        'a'.repeat(3000),
        `${'b'.repeat(2000)}\n${'c'.repeat(2000)}`,
      ]);
    });

    it('never loses or exceeds: pieces fit and join back to the words', () => {
      fc.assert(
        fc.property(
          fc.string({ maxLength: 3000 }),
          fc.integer({ min: 5, max: 200 }),
          (text, max) => {
            const pieces = splitText(text, max);
            for (const piece of pieces) expect(piece.length).to.be.within(1, max);
            const words = (s: string) =>
              s
                .split(/\s+/)
                .filter((w) => w !== '')
                .join('');
            expect(words(pieces.join(''))).to.equal(words(text));
          },
        ),
      );
    });

    it('never cuts inside an emoji', () => {
      const pieces = splitText('👍'.repeat(10), 5);
      for (const piece of pieces) expect(piece).not.to.match(/[\ud800-\udbff]$/);
      expect(pieces.join('')).to.equal('👍'.repeat(10));
    });
  });

  describe('buttons and lists', () => {
    it('makes up to three suggested actions reply buttons with their values in the ids', () => {
      const activity = MessageFactory.suggestedActions(
        [button('Ja', 'yes'), button('Nee, andere tijd', 'plan:otherTime')],
        'Klopt dat?',
      );
      const [part] = toOutbound(activity, options).parts;
      const message = interactive(part);
      expect(message).to.deep.equal({
        type: 'button',
        body: { text: 'Klopt dat?' },
        action: {
          buttons: [
            { type: 'reply', reply: { id: 'v:yes', title: 'Ja' } },
            { type: 'reply', reply: { id: 'v:plan:otherTime', title: 'Nee, andere tijd' } },
          ],
        },
      });
    });

    it('cuts button titles to 20 characters and keeps them unique', () => {
      const activity = MessageFactory.suggestedActions(
        [
          button('Een heel lange knoptekst één'),
          button('Een heel lange knoptekst twee'),
          button('Kort'),
        ],
        'Kies',
      );
      const { parts, notes } = toOutbound(activity, options);
      const titles = (
        interactive(parts[0]) as { action: { buttons: { reply: { title: string } }[] } }
      ).action.buttons.map((b) => b.reply.title);
      for (const title of titles) expect(title.length).to.be.at.most(cloudLimits.buttonTitle);
      expect(new Set(titles).size).to.equal(3);
      expect(titles[0]).to.match(/…$/);
      expect(notes).to.deep.include({ note: 'titleShortened', count: 2 });
    });

    it('makes more than three actions a list of at most ten rows with titles of at most 24', () => {
      const actions = Array.from({ length: 12 }, (_, i) =>
        button(`Keuze nummer ${i + 1} met een lange naam`, `choice:${i + 1}`),
      );
      const { parts, notes } = toOutbound(
        MessageFactory.suggestedActions(actions, 'Wat kiest u?'),
        options,
      );
      const list = interactive(parts[0]);
      if (list.type !== 'list') throw new Error('a list expected');
      expect(list.action.button).to.equal('Kies');
      const rows = list.action.sections.flatMap((section) => section.rows);
      expect(rows).to.have.length(10);
      for (const row of rows) {
        expect(row.title.length).to.be.at.most(cloudLimits.rowTitle);
        expect(row.id.length).to.be.at.most(cloudLimits.rowId);
        expect(row.description?.length ?? 0).to.be.at.most(cloudLimits.rowDescription);
      }
      expect(rows[0]).to.deep.equal({
        id: 'v:choice:1',
        title: 'Keuze nummer 1 met een…',
        description: 'Keuze nummer 1 met een lange naam',
      });
      expect(notes).to.deep.include({ note: 'rowsDropped', count: 2 });
    });

    it('sends text longer than an interactive body first, and the last part with the buttons', () => {
      const long = `${'Eerste deel. '.repeat(100)}\n\nWelke tijd kiest u?`;
      const { parts } = toOutbound(MessageFactory.suggestedActions([button('Ja')], long), options);
      expect(parts).to.have.length(2);
      expect(parts[0]?.kind === 'message' && parts[0].content.type).to.equal('text');
      const last = interactive(parts[1]);
      expect(last.body.text.length).to.be.at.most(cloudLimits.interactiveBody);
      expect(last.body.text).to.equal('Welke tijd kiest u?');
    });

    it('leaves out link buttons, which a reply cannot carry', () => {
      const activity = MessageFactory.suggestedActions(
        [button('Ja'), { type: 'openUrl', title: 'Site', value: 'https://example.nl' }],
        'Vraag',
      );
      const { parts, notes } = toOutbound(activity, options);
      expect(
        (interactive(parts[0]) as { action: { buttons: unknown[] } }).action.buttons,
      ).to.have.length(1);
      expect(notes).to.deep.include({ note: 'actionSkipped', type: 'openUrl' });
    });
  });

  describe('cards', () => {
    const slot = { action: 'slot', coachId: 'elke', start: '2026-12-03T12:30:00.000Z' };
    const card = (url: string) =>
      CardFactory.thumbnailCard(
        'Tijd 1: donderdag 3 december om 13:30',
        'Elke werkt in Haaren.\n\nWe kunnen wandelen of bellen.',
        [{ url, alt: 'Elke' }],
        [button('Kies deze tijd', slot)],
        { subtitle: 'Elke' },
      );

    it('sends a card as photo header, title, text and its button carrying the slot', () => {
      const activity = MessageFactory.list(
        [card('https://voordeur.example.nl/coaches/elke.jpg')],
        'Dit zijn de tijden.',
      );
      const { parts } = toOutbound(activity, options);
      expect(parts[0]).to.deep.equal({
        kind: 'message',
        content: { type: 'text', text: { body: 'Dit zijn de tijden.', preview_url: false } },
      });
      const message = interactive(parts[1]);
      if (message.type !== 'button') throw new Error('buttons expected');
      expect(message.header).to.deep.equal({
        type: 'image',
        image: { link: 'https://voordeur.example.nl/coaches/elke.jpg' },
      });
      expect(message.body.text).to.equal(
        '*Tijd 1: donderdag 3 december om 13:30*\n\nElke\n\nElke werkt in Haaren.\n\nWe kunnen wandelen of bellen.',
      );
      expect(message.action.buttons[0]?.reply.id).to.equal(`j:${JSON.stringify(slot)}`);
    });

    it('shows no photo WhatsApp cannot show: an SVG or a relative or http path', () => {
      for (const url of [
        'https://voordeur.example.nl/coaches/elke.svg',
        '/coaches/elke.jpg',
        'http://x.nl/a.jpg',
      ]) {
        const { parts, notes } = toOutbound(MessageFactory.list([card(url)]), options);
        const message = interactive(parts[0]);
        expect(message.type === 'button' && message.header, url).to.equal(undefined);
        expect(
          notes.some((note) => note.note === 'imageSkipped'),
          url,
        ).to.equal(true);
      }
    });
  });

  describe('files', () => {
    it('uploads the calendar file as a document with its name and the text as caption', () => {
      const ics = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n';
      const activity = MessageFactory.attachment(
        icsAttachment(ics, 'afspraak.ics'),
        'Hier is de afspraak voor uw eigen agenda.',
      );
      const { parts } = toOutbound(activity, options);
      expect(parts).to.have.length(1);
      const [upload] = parts;
      if (upload?.kind !== 'upload') throw new Error('an upload expected');
      expect(upload.file.filename).to.equal('afspraak.ics');
      // text/calendar is not among the document types WhatsApp documents; text/plain is.
      expect(upload.file.mimeType).to.equal('text/plain');
      expect(upload.file.bytes.toString('utf8')).to.equal(ics);
      expect(upload.caption).to.equal('Hier is de afspraak voor uw eigen agenda.');
    });

    it('sends nothing for activities that are not messages', () => {
      expect(toOutbound({ type: 'typing' } as Partial<Activity>, options).parts).to.deep.equal([]);
    });
  });

  it('shortens with an ellipsis at the limit', () => {
    expect(shorten('Afspraak verzetten', 20)).to.equal('Afspraak verzetten');
    expect(shorten('Een hele lange titel die niet past', 20)).to.equal(
      'Een hele lange titel…'.slice(0, 19) + '…',
    );
    expect(shorten('Een hele lange titel die niet past', 20).length).to.be.at.most(20);
  });
});

describe('webhook signatures', () => {
  const secret = 'app-secret';
  const body = Buffer.from('{"object":"whatsapp_business_account","entry":[]}');

  it('accepts the HMAC-SHA256 of the raw body under the app secret', () => {
    expect(isValidSignature(secret, body, signatureOf(secret, body))).to.equal(true);
    expect(
      isValidSignature(
        secret,
        body,
        signatureOf(secret, body).toUpperCase().replace('SHA256', 'sha256'),
      ),
    ).to.equal(true);
  });

  it('rejects a missing, malformed, wrong or foreign signature', () => {
    for (const header of [
      undefined,
      '',
      'sha256=',
      'sha256=zz',
      `sha1=${'a'.repeat(40)}`,
      `sha256=${'0'.repeat(64)}`,
      signatureOf('other-secret', body),
      signatureOf(secret, Buffer.concat([body, Buffer.from(' ')])),
      `${signatureOf(secret, body)}00`,
    ]) {
      expect(isValidSignature(secret, body, header), String(header)).to.equal(false);
    }
  });

  it('compares verify tokens of any length without throwing', () => {
    expect(secretsEqual('token', 'token')).to.equal(true);
    expect(secretsEqual('t', 'token')).to.equal(false);
    expect(secretsEqual('x'.repeat(1000), 'token')).to.equal(false);
  });
});
