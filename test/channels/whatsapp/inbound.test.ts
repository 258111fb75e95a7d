import { expect } from 'chai';
import { readSlotValue } from '../../../dialogs/slotCard.js';
import { readInput } from '../../../dialogs/recognize.js';
import {
  decodeReplyId,
  encodeReplyId,
  locationContentType,
  optKeywordOf,
  toActivity,
} from '../../../src/channels/whatsapp/inbound.js';
import { isResidentId, residentIdOf } from '../../../src/channels/whatsapp/identity.js';
import {
  inboundMessageSchema,
  type InboundMessage,
} from '../../../src/channels/whatsapp/wireFormat.js';
import { fixtureMessage, residentNumber } from './harness.js';

const ids = {
  residentId: residentIdOf('key-for-tests-0123456789', residentNumber),
  phoneNumberId: '106540352242922',
};

async function activityOf(name: string) {
  const message = inboundMessageSchema.parse(await fixtureMessage(name));
  return { message, activity: toActivity(message, ids) };
}

describe('inbound WhatsApp messages as activities', () => {
  it('uses a keyed hash of the number, never the number, as conversation and user id', async () => {
    const { activity } = await activityOf('text');
    expect(activity?.channelId).to.equal('whatsapp');
    expect(activity?.conversation?.id).to.equal(ids.residentId);
    expect(activity?.from?.id).to.equal(ids.residentId);
    expect(isResidentId(ids.residentId)).to.equal(true);
    expect(JSON.stringify(activity)).not.to.include(residentNumber);
    expect(JSON.stringify(activity)).not.to.include('Fatima');
    expect(residentIdOf('another-key-0123456789', residentNumber)).not.to.equal(ids.residentId);
  });

  it('turns a text message into a message activity with its text, time and id', async () => {
    const { message, activity } = await activityOf('text');
    expect(activity).to.include({ type: 'message', text: 'Hallo', id: message.id });
    expect(activity?.timestamp?.toISOString()).to.equal('2026-11-23T08:10:00.000Z');
    expect(readInput(activity!)).to.deep.equal({ kind: 'text', text: 'Hallo' });
  });

  it('gives a button reply the title as text and the button value as value', async () => {
    const { activity } = await activityOf('interactive_button_reply');
    expect(activity).to.include({ type: 'message', text: 'Ja', value: 'yes' });
    expect(activity?.replyToId).to.match(/^wamid\./);
    expect(readInput(activity!)).to.deep.equal({ kind: 'text', text: 'yes' });
  });

  it('gives a list reply the row title as text and the row value as value', async () => {
    const { activity } = await activityOf('interactive_list_reply');
    expect(activity).to.include({ text: 'Ik wil werk', value: 'intent:work' });
  });

  it('brings a slot button back as the same object value web chat sends', () => {
    const slot = { action: 'slot', coachId: 'elke', start: '2026-12-03T12:30:00.000Z' };
    const id = encodeReplyId(slot, 0, 256);
    expect(id.length).to.be.at.most(200);
    const message: InboundMessage = {
      from: residentNumber,
      id: 'wamid.slot',
      timestamp: '1795421400',
      type: 'interactive',
      interactive: { type: 'button_reply', button_reply: { id, title: 'Kies deze tijd' } },
    };
    const activity = toActivity(message, ids)!;
    expect(activity.value).to.deep.equal(slot);
    expect(readSlotValue(activity)).to.deep.equal(slot);
  });

  it('encodes values that do not fit a reply id as the title only', () => {
    expect(encodeReplyId('x'.repeat(300), 2, 256)).to.equal('t:2');
    expect(encodeReplyId(undefined, 1, 256)).to.equal('t:1');
    expect(decodeReplyId('t:1')).to.equal(undefined);
    expect(decodeReplyId('j:{broken')).to.equal(undefined);
    expect(decodeReplyId('v:menu')).to.equal('menu');
    expect(decodeReplyId('something-else')).to.equal(undefined);
  });

  it('passes a template quick reply on with its payload as value', async () => {
    const { activity } = await activityOf('button_template_reply');
    expect(activity).to.include({ text: 'Afspraak verzetten', value: 'booking:move' });
  });

  it('turns a voice note into an attachment-only message, so the dialogs answer kindly', async () => {
    const { activity } = await activityOf('audio_voice');
    expect(activity?.type).to.equal('message');
    expect(activity?.attachments).to.have.length(1);
    expect(activity?.attachments?.[0]?.contentType).to.match(/^audio\/ogg/);
    expect(activity?.channelData).to.deep.equal({ whatsapp: { kind: 'voice', inbound: true } });
    expect(readInput(activity!)).to.deep.equal({ kind: 'attachment', voice: true });
  });

  for (const [name, kind] of [
    ['image', 'image'],
    ['sticker', 'sticker'],
    ['location', 'location'],
    ['unsupported', 'unsupported'],
  ] as const) {
    it(`turns ${name} into an attachment-only message without its content`, async () => {
      const { activity } = await activityOf(name);
      expect(readInput(activity!)).to.deep.equal({ kind: 'attachment', voice: false });
      expect((activity?.channelData as { whatsapp: { kind: string } }).whatsapp.kind).to.equal(
        kind,
      );
      const json = JSON.stringify(activity);
      // No caption, coordinates, address or media id travels on.
      for (const secret of ['Mijn brief', '51.6019', 'Kerkstraat', '1003383421387256']) {
        expect(json).not.to.include(secret);
      }
    });
  }

  it('uses its own content type for a location', async () => {
    const { activity } = await activityOf('location');
    expect(activity?.attachments?.[0]?.contentType).to.equal(locationContentType);
  });

  it('turns a reaction into a messageReaction on the message it reacts to', async () => {
    const { activity } = await activityOf('reaction');
    expect(activity?.type).to.equal('messageReaction');
    expect(activity?.reactionsAdded).to.deep.equal([{ type: '👍' }]);
    expect(activity?.replyToId).to.match(/^wamid\./);
  });

  describe('stop and start', () => {
    const text = (body: string): InboundMessage => ({
      from: residentNumber,
      id: 'wamid.x',
      timestamp: '1',
      type: 'text',
      text: { body },
    });
    it('knows stop, STOP, afmelden and unsubscribe as a whole message', () => {
      for (const body of ['stop', 'STOP', ' Stop! ', 'afmelden', 'Unsubscribe']) {
        expect(optKeywordOf(text(body)), body).to.equal('stop');
      }
      expect(optKeywordOf(text('start'))).to.equal('start');
      expect(optKeywordOf(text('START'))).to.equal('start');
    });
    it('leaves sentences with those words to the dialogs', () => {
      for (const body of ['afspraak afmelden', 'stop met vragen', 'ik wil starten', 'Hallo']) {
        expect(optKeywordOf(text(body)), body).to.equal(undefined);
      }
    });
  });
});
