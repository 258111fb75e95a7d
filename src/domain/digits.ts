/**
 * Arabic-Indic (٠–٩) and Eastern Arabic-Indic (۰–۹) digits as ASCII digits. Each digit stays one
 * UTF-16 unit, so positions found in the result are positions in the original text.
 *
 * @example asciiDigits('٠٦١٢٣٤٥٦٧٨') // '0612345678'
 */
export function asciiDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (digit) =>
    String(digit.charCodeAt(0) - (digit >= '\u06f0' ? 0x06f0 : 0x0660)),
  );
}
