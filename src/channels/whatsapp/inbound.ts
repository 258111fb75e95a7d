import { ActivityTypes, type Activity, type Attachment } from 'botbuilder';
import { WHATSAPP_CHANNEL_ID } from './identity.js';
import type { InboundMessage } from './wireFormat.js';

/**
 * Inbound WhatsApp messages as Bot Framework activities, so the same dialogs serve WhatsApp and
 * web chat. Pure: no I/O.
 */

/** What the resident sent, as the dialogs (and a future voice-note answer) may want to know. */
export type InboundKind =
  | 'text'
  | 'button'
  | 'voice'
  | 'audio'
  | 'image'
  | 'sticker'
  | 'video'
  | 'document'
  | 'location'
  | 'reaction'
  | 'unsupported';

/** `channelData.whatsapp` of every inbound activity. */
export interface WhatsAppChannelData {
  kind: InboundKind;
  /** Set on activities made from a resident's message, as opposed to proactive turns. */
  inbound: true;
}

/** Content types for attachments that have no MIME type of their own. */
export const locationContentType = 'application/vnd.voordeur.whatsapp.location';
export const unsupportedContentType = 'application/vnd.voordeur.whatsapp.unsupported';

// ---------------------------------------------------------------------------------------------
// Button and list reply ids

/**
 * A reply button's or list row's id carries the button's value, so a press comes back as the
 * same `value` a web chat messageBack carries: `v:<text>` for a string value, `j:<json>` for an
 * object (a slot button's `{action:'slot', coachId, start}`, about 80 characters), `t:<n>` when
 * there is no value or it does not fit the id's limit (then the title is all the dialogs get,
 * and they understand titles as typed text).
 */
export function encodeReplyId(value: unknown, index: number, maxLength: number): string {
  let encoded: string | undefined;
  if (typeof value === 'string' && value !== '') encoded = `v:${value}`;
  else if (typeof value === 'object' && value !== null) encoded = `j:${JSON.stringify(value)}`;
  return encoded !== undefined && encoded.length <= maxLength && encoded.trim() === encoded
    ? encoded
    : `t:${index}`;
}

/** The value a reply id carries, or `undefined` (title only, or not one of ours). */
export function decodeReplyId(id: string): unknown {
  if (id.startsWith('v:')) return id.slice(2);
  if (id.startsWith('j:')) {
    try {
      const value: unknown = JSON.parse(id.slice(2));
      return typeof value === 'object' && value !== null ? value : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Opting out

/** Whole messages that stop every further message, and the one that starts them again. */
const stopWords = new Set(['stop', 'afmelden', 'unsubscribe']);
const startWords = new Set(['start']);

const bare = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/**
 * `stop` when the whole message is "stop", "STOP", "afmelden" or "unsubscribe" (punctuation and
 * case aside); `start` for "start". A sentence that contains the word ("afspraak afmelden") is
 * not an opt-out: the dialogs handle it.
 */
export function optKeywordOf(message: InboundMessage): 'stop' | 'start' | undefined {
  const text = message.type === 'text' ? message.text?.body : undefined;
  if (text === undefined || text.length > 40) return undefined;
  const words = bare(text);
  if (stopWords.has(words)) return 'stop';
  if (startWords.has(words)) return 'start';
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Activities

export interface ActivityIds {
  /** The resident's pseudonym (`wa_…`): conversation id and `from.id`. */
  residentId: string;
  /** Voordeur's phone number id: the bot's id on this channel. */
  phoneNumberId: string;
}

/**
 * The activity for one inbound message, or `undefined` for messages that are not the resident
 * speaking (system notices such as a changed number).
 *
 * Button and list replies carry the title as `text` and the button's value as `value`. Voice
 * notes, photos, stickers, videos, documents, locations and unknown types arrive as a message
 * with one attachment and no text: the dialogs answer those kindly ("I can only read text") and
 * the conversation goes on. Media are never downloaded, and neither a caption, the coordinates
 * nor the resident's profile name are passed on: Voordeur only reads text.
 */
export function toActivity(
  message: InboundMessage,
  ids: ActivityIds,
): Partial<Activity> | undefined {
  const base = (kind: InboundKind): Partial<Activity> => ({
    channelId: WHATSAPP_CHANNEL_ID,
    id: message.id,
    timestamp: new Date(Number(message.timestamp) * 1000),
    serviceUrl: 'urn:voordeur:whatsapp',
    conversation: { id: ids.residentId, isGroup: false, conversationType: 'personal', name: '' },
    from: { id: ids.residentId, name: '', role: 'user' },
    recipient: { id: ids.phoneNumberId, name: '', role: 'bot' },
    channelData: { whatsapp: { kind, inbound: true } satisfies WhatsAppChannelData },
    ...(message.context?.id ? { replyToId: message.context.id } : {}),
  });
  const message_ = (kind: InboundKind, fields: Partial<Activity>): Partial<Activity> => ({
    ...base(kind),
    type: ActivityTypes.Message,
    ...fields,
  });
  const attachment = (kind: InboundKind, contentType: string): Partial<Activity> => {
    const attached: Attachment = { contentType, name: kind };
    return message_(kind, { text: '', attachments: [attached] });
  };

  switch (message.type) {
    case 'text':
      return message.text ? message_('text', { text: message.text.body }) : undefined;
    case 'interactive': {
      const reply = message.interactive?.button_reply ?? message.interactive?.list_reply;
      if (!reply) return attachment('unsupported', unsupportedContentType);
      const value = decodeReplyId(reply.id);
      return message_('button', { text: reply.title, ...(value === undefined ? {} : { value }) });
    }
    case 'button':
      // A quick-reply button of a template (e.g. the meeting reminder).
      return message.button
        ? message_('button', {
            text: message.button.text,
            ...(message.button.payload ? { value: message.button.payload } : {}),
          })
        : undefined;
    case 'audio': {
      const kind = message.audio?.voice ? 'voice' : 'audio';
      return attachment(kind, message.audio?.mime_type ?? 'audio/ogg');
    }
    case 'image':
      return attachment('image', message.image?.mime_type ?? 'image/jpeg');
    case 'sticker':
      return attachment('sticker', message.sticker?.mime_type ?? 'image/webp');
    case 'video':
      return attachment('video', message.video?.mime_type ?? 'video/mp4');
    case 'document':
      return attachment('document', message.document?.mime_type ?? 'application/octet-stream');
    case 'location':
      return attachment('location', locationContentType);
    case 'reaction': {
      const reaction = message.reaction;
      if (!reaction) return undefined;
      return {
        ...base('reaction'),
        type: ActivityTypes.MessageReaction,
        replyToId: reaction.message_id,
        ...(reaction.emoji
          ? { reactionsAdded: [{ type: reaction.emoji }] }
          : { reactionsRemoved: [{ type: '' }] }),
      };
    }
    case 'system':
      return undefined;
    default:
      return attachment('unsupported', unsupportedContentType);
  }
}
