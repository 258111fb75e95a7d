// eslint-disable-next-line no-control-regex -- the whole ASCII range, control characters included
const ascii = /^[\u0000-\u007f]*$/;

/**
 * Lower case, no accents or Arabic vowel marks, no tatweel, one spelling of the Arabic letters
 * that are written either way (ى/ي, ة/ه), Turkish ı as i: the form in which typed words are
 * compared.
 *
 * @example foldWord('Türkçe') // 'turkce'
 * @example foldWord('hayır') // 'hayir'
 */
export function foldWord(word: string): string {
  // Plain ASCII has no accents or Arabic to fold: most messages, and the cheap way.
  if (ascii.test(word)) return word.toLowerCase();
  return word
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ı/g, 'i') // Turkish dotless i: "hayır" and "hayir" are typed alike
    .replace(/\u0640/g, '') // tatweel, the stretching stroke
    .replace(/\u0649/g, '\u064a') // alef maksura → yeh
    .replace(/\u0629/g, '\u0647'); // teh marbuta → heh
}
