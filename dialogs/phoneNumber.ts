/**
 * Reads a phone number the way residents type it, leniently: "06 12345678", "06-1234 5678",
 * "+31 6 12345678", "+31 (0)6 12345678", "0031 6 1234 5678", "013 123 4567", or a foreign
 * number with its country code ("+32 470 12 34 56"). A few words in front ("mijn nummer is")
 * are fine.
 *
 * @returns the number in international form ("+31612345678"), or `undefined` when it is not a
 *   phone number, so the dialog can ask again kindly.
 */
export function parsePhoneNumber(text: string): string | undefined {
  if (text.length > 100) return undefined;
  const withoutLead = text
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
