/**
 * The one form in which typed words and vocabulary words are compared: lower case, no accents
 * or Arabic vowel marks, one spelling of letters written either way (ı/i, ł/l, ى/ي, ة/ه), no
 * apostrophes ("п'ятниця", "15'ten").
 */
import { foldWord } from '../foldWord.js';

const APOSTROPHES = /['’‘`´ʼ]/g;

/** A word or phrase as the grammar compares it. */
export function fold(text: string): string {
  return foldWord(text).replace(/ł/g, 'l').replace(APOSTROPHES, '');
}
