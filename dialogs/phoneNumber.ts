import { asciiDigits } from '../src/domain/digits.js';

/**
 * Reads a phone number the way residents type it, leniently: "06 12345678", "06-1234 5678",
 * "+31 6 12345678", "+31 (0)6 12345678", "0031 6 1234 5678", "013 123 4567", or a foreign
 * number with its country code ("+32 470 12 34 56"). A few words in front ("mijn nummer is")
 * are fine. Arabic-Indic digits count as digits ("٠٦١٢٣٤٥٦٧٨").
 *
 * @returns the number in international form ("+31612345678"), or `undefined` when it is not a
 *   phone number, so the dialog can ask again kindly.
 */
export function parsePhoneNumber(text: string): string | undefined {
  if (text.length > 100) return undefined;
  const withoutLead = asciiDigits(text)
    .trim()
    .replace(
      /^[^\d+]*?\b(?:nummer|number|telefoon|telephone|tel|phone|mobiel|mobile)\b\s*(?:is)?\s*:?\s*/i,
      '',
    );
  const compact = withoutLead.replace(/\(0\)/g, '').replace(/[\s\-./()]/g, '');
  if (!/^\+?\d+$/.test(compact)) return undefined;

  const dutch = /^(?:\+31|0031)0?([1-9]\d{8})$/.exec(compact) ?? /^0([1-9]\d{8})$/.exec(compact);
  if (dutch?.[1]) return `+31${dutch[1]}`;
  if (/^(?:\+31|0031)/.test(compact)) return undefined;

  const foreign = /^(?:\+|00)([1-9]\d{7,14})$/.exec(compact);
  return foreign?.[1] ? `+${foreign[1]}` : undefined;
}

/** Channels whose client renders Markdown links (Web Chat over Direct Line). */
const linkingChannels = new Set(['webchat', 'directline']);

/**
 * The team's phone number as residents see it: a tappable `tel:` link where the channel renders
 * Markdown ("[14 0123](tel:140123)"), the number as it is elsewhere (WhatsApp makes numbers
 * tappable itself).
 *
 * @example phoneForChannel('webchat', '14 0123') // '[14 0123](tel:140123)'
 */
export function phoneForChannel(channelId: string | undefined, phone: string): string {
  const digits = phone.replace(/[^\d+]/g, '');
  if (!linkingChannels.has(channelId ?? '') || digits === '') return phone;
  return `[${phone}](tel:${digits})`;
}
