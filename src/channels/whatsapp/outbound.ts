import type { Activity, Attachment, CardAction, HeroCard } from 'botbuilder';
import { encodeReplyId } from './inbound.js';
import { shorten, splitTail, splitText } from './textPieces.js';
import {
  cloudLimits,
  type InteractiveContent,
  type ListRow,
  type MessageContent,
  type ReplyButton,
} from './wireFormat.js';

/**
 * Outbound activities as Cloud API messages, within WhatsApp's limits. Pure: the adapter sends
 * what this returns, and logs the notes (ids and counts only).
 *
 * - text: split at 4096 characters, at a paragraph, line, sentence or word boundary;
 * - suggested actions: up to 3 reply buttons (titles cut to 20 characters), otherwise a list
 *   (up to 10 rows, titles cut to 24 with the full title as the row's description);
 * - hero cards: one interactive message per card, with the photo as header when it is an
 *   absolute https JPEG/PNG (the only image types WhatsApp shows), title, text and buttons;
 * - a file attachment as a data URL (the `.ics` after booking): uploaded through the Media API
 *   and sent as a document.
 */

/** One thing to send: a message, or a file to upload first and then send as a document. */
export type OutboundPart =
  | { kind: 'message'; content: MessageContent }
  | { kind: 'upload'; file: UploadFile; caption?: string };

export interface UploadFile {
  bytes: Buffer;
  /** The MIME type the Media API is told: one of the document types WhatsApp documents. */
  mimeType: string;
  filename: string;
}

/** Something that did not fit and was changed or left out; logged by the adapter. */
export type OutboundNote =
  | { note: 'textSplit'; parts: number }
  | { note: 'titleShortened'; count: number }
  | { note: 'rowsDropped'; count: number }
  | { note: 'valueNotInReplyId'; count: number }
  | { note: 'buttonsWithoutText' }
  | { note: 'imageSkipped'; reason: 'notHttps' | 'notJpegOrPng' }
  | { note: 'attachmentSkipped'; contentType: string }
  | { note: 'actionSkipped'; type: string };

export interface OutboundOptions {
  /** The label of the button that opens a list (≤ 20 characters), in the resident's language. */
  listButtonLabel: string;
}

export interface Outbound {
  parts: OutboundPart[];
  notes: OutboundNote[];
}

/** Hero and thumbnail cards share one shape (title, subtitle, text, images, buttons). */
const cardTypes = new Set([
  'application/vnd.microsoft.card.hero',
  'application/vnd.microsoft.card.thumbnail',
]);

/**
 * Document MIME types the Cloud API documents as supported. A calendar file (`text/calendar`)
 * is not among them, so it is uploaded as `text/plain` with its `.ics` file name: the
 * WhatsApp client picks the file's icon and the app that opens it by the extension.
 */
const documentTypes = new Set([
  'text/plain',
  'application/pdf',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
]);
const uploadTypeFor: Record<string, string> = { 'text/calendar': 'text/plain' };

/** The Cloud API messages for one activity. Non-message activities (typing, …) give none. */
export function toOutbound(activity: Partial<Activity>, options: OutboundOptions): Outbound {
  const notes: OutboundNote[] = [];
  if (activity.type !== undefined && activity.type !== 'message') return { parts: [], notes };

  const text = (activity.text ?? '').trim();
  const actions = usableActions(activity.suggestedActions?.actions ?? [], notes);
  const attachmentParts = (activity.attachments ?? []).flatMap((attachment) =>
    attachmentToParts(attachment, options, notes),
  );

  // A single file or photo with a short text: the text becomes its caption.
  const [only] = attachmentParts;
  if (
    attachmentParts.length === 1 &&
    only &&
    actions.length === 0 &&
    text !== '' &&
    text.length <= cloudLimits.caption
  ) {
    if (only.kind === 'upload' && only.caption === undefined) {
      return { parts: [{ ...only, caption: text }], notes };
    }
    if (only.kind === 'message' && only.content.type === 'image' && !only.content.image.caption) {
      const content = { ...only.content, image: { ...only.content.image, caption: text } };
      return { parts: [{ kind: 'message', content }], notes };
    }
  }

  if (actions.length > 0) {
    if (text === '') {
      notes.push({ note: 'buttonsWithoutText' });
      return { parts: attachmentParts, notes };
    }
    // Cards and files first, then the question with its buttons last, where the eye is.
    return { parts: [...attachmentParts, ...withButtons(text, actions, options, notes)], notes };
  }
  return { parts: [...textParts(text, notes), ...attachmentParts], notes };
}

// ---------------------------------------------------------------------------------------------
// Text (cut with textPieces.ts)

function textParts(text: string, notes: OutboundNote[]): OutboundPart[] {
  if (text === '') return [];
  const pieces = splitText(text, cloudLimits.textBody);
  if (pieces.length > 1) notes.push({ note: 'textSplit', parts: pieces.length });
  return pieces.map((body) => ({
    kind: 'message',
    content: { type: 'text', text: { body, preview_url: false } },
  }));
}

// ---------------------------------------------------------------------------------------------
// Buttons and lists

interface Choice {
  title: string;
  value: unknown;
}

/** Actions a reply can carry: messageBack, imBack and postBack. Links and others are left out. */
function usableActions(actions: readonly CardAction[], notes: OutboundNote[]): Choice[] {
  const choices: Choice[] = [];
  for (const action of actions) {
    if (!['messageBack', 'imBack', 'postBack'].includes(action.type)) {
      notes.push({ note: 'actionSkipped', type: action.type });
      continue;
    }
    const title = action.title || action.displayText || action.text || '';
    if (title.trim() === '') continue;
    choices.push({ title, value: action.value ?? action.text ?? title });
  }
  return choices;
}

/** The text (all but its last ≤ 1024 characters as plain messages) and then the buttons. */
function withButtons(
  text: string,
  choices: Choice[],
  options: OutboundOptions,
  notes: OutboundNote[],
  header?: InteractiveHeader,
): OutboundPart[] {
  const [before, body] = splitTail(text, cloudLimits.interactiveBody);
  const lead = textParts(before, notes);
  const interactive =
    choices.length <= cloudLimits.replyButtons
      ? replyButtons(body, choices, notes, header)
      : list(body, choices, options, notes);
  return [...lead, { kind: 'message', content: interactive }];
}

type InteractiveHeader = { type: 'image'; image: { link: string } };

function replyButtons(
  body: string,
  choices: Choice[],
  notes: OutboundNote[],
  header?: InteractiveHeader,
): InteractiveContent {
  const titles = uniqueTitles(
    choices.map((choice) => choice.title),
    cloudLimits.buttonTitle,
    notes,
  );
  let tooLong = 0;
  const buttons: ReplyButton[] = choices.map((choice, index) => {
    const id = encodeReplyId(choice.value, index, cloudLimits.buttonId);
    if (id.startsWith('t:')) tooLong += 1;
    return { type: 'reply', reply: { id, title: titles[index] ?? '' } };
  });
  if (tooLong > 0) notes.push({ note: 'valueNotInReplyId', count: tooLong });
  return {
    type: 'interactive',
    interactive: {
      type: 'button',
      ...(header ? { header } : {}),
      body: { text: body },
      action: { buttons },
    },
  };
}

function list(
  body: string,
  choices: Choice[],
  options: OutboundOptions,
  notes: OutboundNote[],
): InteractiveContent {
  // Choices come first and global extras (privacy, language, menu) last: keeping the first ten
  // drops the extras, which the resident can still type.
  const kept = choices.slice(0, cloudLimits.listRows);
  if (choices.length > kept.length) {
    notes.push({ note: 'rowsDropped', count: choices.length - kept.length });
  }
  const titles = uniqueTitles(
    kept.map((choice) => choice.title),
    cloudLimits.rowTitle,
    notes,
  );
  let tooLong = 0;
  const rows: ListRow[] = kept.map((choice, index) => {
    const id = encodeReplyId(choice.value, index, cloudLimits.rowId);
    if (id.startsWith('t:')) tooLong += 1;
    const title = titles[index] ?? '';
    const full = choice.title.replace(/\s+/g, ' ').trim();
    return {
      id,
      title,
      ...(title !== full ? { description: shorten(full, cloudLimits.rowDescription) } : {}),
    };
  });
  if (tooLong > 0) notes.push({ note: 'valueNotInReplyId', count: tooLong });
  return {
    type: 'interactive',
    interactive: {
      type: 'list',
      body: { text: body },
      action: {
        button: shorten(options.listButtonLabel, cloudLimits.listButton),
        sections: [{ rows }],
      },
    },
  };
}

/** Shortened titles, made unique (WhatsApp refuses two buttons with one title). */
function uniqueTitles(titles: string[], max: number, notes: OutboundNote[]): string[] {
  const seen = new Set<string>();
  let shortened = 0;
  const result = titles.map((title, index) => {
    let short = shorten(title, max);
    if (short !== title.replace(/\s+/g, ' ').trim()) shortened += 1;
    if (seen.has(short)) short = shorten(`${index + 1}. ${title}`, max);
    seen.add(short);
    return short;
  });
  if (shortened > 0) notes.push({ note: 'titleShortened', count: shortened });
  return result;
}

// ---------------------------------------------------------------------------------------------
// Attachments

function attachmentToParts(
  attachment: Attachment,
  options: OutboundOptions,
  notes: OutboundNote[],
): OutboundPart[] {
  if (cardTypes.has(attachment.contentType)) {
    return heroCardParts(attachment.content as HeroCard, options, notes);
  }
  const file = dataUrlFile(attachment);
  if (file) return [{ kind: 'upload', file }];
  if (attachment.contentType === 'image/jpeg' || attachment.contentType === 'image/png') {
    const link = photoLink(attachment.contentUrl, notes);
    if (link) return [{ kind: 'message', content: { type: 'image', image: { link } } }];
    return [];
  }
  notes.push({ note: 'attachmentSkipped', contentType: attachment.contentType });
  return [];
}

/** A `data:` URL attachment of a document type WhatsApp can carry, as bytes to upload. */
function dataUrlFile(attachment: Attachment): UploadFile | undefined {
  const match = /^data:([^;,]+)((?:;[^;,]*)*?);base64,(.*)$/s.exec(attachment.contentUrl ?? '');
  if (!match) return undefined;
  const declared = (match[1] ?? attachment.contentType).toLowerCase();
  const mimeType = uploadTypeFor[declared] ?? declared;
  if (!documentTypes.has(mimeType)) return undefined;
  return {
    bytes: Buffer.from(match[3] ?? '', 'base64'),
    mimeType,
    filename: (attachment.name ?? 'document').replace(/[/\\]/g, '_'),
  };
}

/** The photo's URL when WhatsApp can show it: absolute https, JPEG or PNG. */
function photoLink(url: string | undefined, notes: OutboundNote[]): string | undefined {
  if (!url) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    notes.push({ note: 'imageSkipped', reason: 'notHttps' });
    return undefined;
  }
  if (parsed.protocol !== 'https:') {
    notes.push({ note: 'imageSkipped', reason: 'notHttps' });
    return undefined;
  }
  if (!/\.(jpe?g|png)$/i.test(parsed.pathname)) {
    notes.push({ note: 'imageSkipped', reason: 'notJpegOrPng' });
    return undefined;
  }
  return parsed.href;
}

function heroCardParts(
  card: HeroCard,
  options: OutboundOptions,
  notes: OutboundNote[],
): OutboundPart[] {
  const body = [card.title ? `*${card.title.trim()}*` : '', card.subtitle ?? '', card.text ?? '']
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\n\n');
  const photo = photoLink(card.images?.[0]?.url, notes);
  const choices = usableActions(card.buttons ?? [], notes);
  if (choices.length === 0) {
    if (photo && body.length <= cloudLimits.caption) {
      const caption = body === '' ? {} : { caption: body };
      return [{ kind: 'message', content: { type: 'image', image: { link: photo, ...caption } } }];
    }
    const image: OutboundPart[] = photo
      ? [{ kind: 'message', content: { type: 'image', image: { link: photo } } }]
      : [];
    return [...image, ...textParts(body, notes)];
  }
  const header: InteractiveHeader | undefined =
    photo && choices.length <= cloudLimits.replyButtons
      ? { type: 'image', image: { link: photo } }
      : undefined;
  const image: OutboundPart[] =
    photo && !header
      ? [{ kind: 'message', content: { type: 'image', image: { link: photo } } }]
      : [];
  return [...image, ...withButtons(body || ' ', choices, options, notes, header)];
}
