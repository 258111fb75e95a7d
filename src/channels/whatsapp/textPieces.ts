/**
 * Cutting text to WhatsApp's sizes (a message body, an interactive body, a button title)
 * at the most natural place, never inside a surrogate pair.
 */

/**
 * Splits text into pieces of at most `max` characters, cutting after the last paragraph break,
 * else line break, else sentence end, else space in each window; only a text without any of
 * those is cut hard (never inside a surrogate pair).
 */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const window = rest.slice(0, max + 1);
    const cut =
      lastBoundary(window, /\n\s*\n/g, max) ??
      lastBoundary(window, /\n/g, max) ??
      lastBoundary(window, /[.!?…](?=\s)/g, max, 1) ??
      lastBoundary(window, /\s+/g, max) ??
      hardCut(rest, max);
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest !== '') pieces.push(rest);
  return pieces;
}

/**
 * Where to cut after the last boundary in `window`: after `keep` characters of it (a sentence's
 * full stop stays with its sentence), or after all of it (white space, trimmed away). The piece
 * before the cut must be 1..max characters long.
 */
function lastBoundary(
  window: string,
  pattern: RegExp,
  max: number,
  keep?: number,
): number | undefined {
  let found: number | undefined;
  for (const match of window.matchAll(pattern)) {
    const kept = match.index + (keep ?? 0);
    if (match.index > 0 && kept <= max)
      found = keep === undefined ? match.index + match[0].length : kept;
  }
  return found;
}

function hardCut(text: string, max: number): number {
  const code = text.charCodeAt(max - 1);
  return code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
}

/**
 * Splits off the end of a text to go with buttons (an interactive body holds 1024 characters):
 * the last paragraph, else line, else sentence that fits, so the question stays with its
 * buttons and what leads up to it goes before as plain text.
 */
export function splitTail(text: string, max: number): [before: string, tail: string] {
  if (text.length <= max) return ['', text];
  for (const pattern of [/\n\s*\n/g, /\n/g, /(?<=[.!?…])\s+/g, /\s+/g]) {
    let cut: { start: number; end: number } | undefined;
    for (const match of text.matchAll(pattern)) {
      const tail = text.length - (match.index + match[0].length);
      if (tail > 0 && tail <= max) {
        cut = { start: match.index, end: match.index + match[0].length };
        break; // the first boundary whose tail fits: the longest tail of this kind
      }
    }
    if (cut) return [text.slice(0, cut.start).trimEnd(), text.slice(cut.end).trim()];
  }
  const start = text.length - max;
  const safe = /[\udc00-\udfff]/.test(text.charAt(start)) ? start + 1 : start;
  return [text.slice(0, safe), text.slice(safe)];
}

/** At most `max` characters; a cut title ends in "…". */
export function shorten(title: string, max: number): string {
  const clean = title.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  return `${clean.slice(0, hardCut(clean, max - 1)).trimEnd()}…`;
}
