/**
 * Colour contrast as WCAG 2.1 defines it (success criterion 1.4.3, "Contrast (Minimum)"): the
 * relative luminance of each colour, and the ratio (L1 + 0.05) / (L2 + 0.05) of the lighter to
 * the darker. Level AA asks at least 4.5:1 for normal text.
 */

/** WCAG 2.1 AA minimum for normal text. */
export const minimumContrast = 4.5;

/** The web chat's own background, on which the brand colour draws buttons and links. */
export const chatBackground = '#ffffff';

/**
 * Relative luminance of a `#rrggbb` colour: 0 for black, 1 for white.
 *
 * @example relativeLuminance('#ffffff') // 1
 */
export function relativeLuminance(hex: string): number {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`not a colour like #1d5b7f: ${hex}`);
  const [r, g, b] = match.slice(1).map((part) => {
    const channel = parseInt(part, 16) / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * Contrast ratio of two `#rrggbb` colours, from 1 (the same) to 21 (black on white); the
 * order of the colours does not matter.
 *
 * @example contrastRatio('#000000', '#ffffff') // 21
 */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [
    number,
    number,
  ];
  return (light + 0.05) / (dark + 0.05);
}

/** A pair of configured colours that residents would read with too little contrast. */
export interface ContrastProblem {
  /** Where the pair is used. */
  use: 'brandText' | 'brandOnWhite';
  foreground: string;
  background: string;
  /** Rounded down to two decimals, as the WCAG examples show it: 4.49 does not pass. */
  ratio: number;
  minimum: number;
}

/**
 * Checks the municipality's colours where the web chat uses them: `brandTextColor` on
 * `brandColor` (the header and the resident's own messages), and `brandColor` on white (the
 * buttons' text and border, and links). Returns the pairs below WCAG AA, none when all pass.
 *
 * @example
 * brandContrastProblems({ brandColor: '#1d5b7f', brandTextColor: '#ffffff' }) // []
 * brandContrastProblems({ brandColor: '#f0c000', brandTextColor: '#ffffff' }) // two problems
 */
export function brandContrastProblems(colours: {
  brandColor: string;
  brandTextColor: string;
}): ContrastProblem[] {
  const pairs: Omit<ContrastProblem, 'ratio' | 'minimum'>[] = [
    { use: 'brandText', foreground: colours.brandTextColor, background: colours.brandColor },
    { use: 'brandOnWhite', foreground: colours.brandColor, background: chatBackground },
  ];
  return pairs
    .map((pair) => ({
      ...pair,
      ratio: Math.floor(contrastRatio(pair.foreground, pair.background) * 100) / 100,
      minimum: minimumContrast,
    }))
    .filter((pair) => pair.ratio < minimumContrast);
}
