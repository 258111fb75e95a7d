import type { Activity } from 'botbuilder';
import { z } from 'zod';
import {
  foldWord,
  isLanguage,
  languages,
  recognizeLanguageRequest,
  type Language,
} from '../src/domain/language.js';
import type { Translator } from '../src/i18n.js';

/** Longer messages are not matched at all: they get the friendly not-understood answer. */
export const maxInputLength = 2000;

/** What the resident sent, as far as recognition is concerned. */
export type Input =
  | { kind: 'text'; text: string }
  | { kind: 'tooLong' }
  /** A photo, document, location … or a voice note (`voice`), which gets its own answer. */
  | { kind: 'attachment'; voice: boolean }
  | { kind: 'empty' };

/**
 * Button presses carry their stable value (messageBack) next to the title as text; a value
 * wins over the text. Typed messages and imBack buttons arrive as text only.
 */
export function readInput(activity: Partial<Activity>): Input {
  const raw =
    typeof activity.value === 'string' && activity.value.trim() !== ''
      ? activity.value
      : typeof activity.text === 'string'
        ? activity.text
        : '';
  if (raw.length > maxInputLength) return { kind: 'tooLong' };
  const text = raw.trim();
  if (text !== '') return { kind: 'text', text };
  const attachments = activity.attachments ?? [];
  if (attachments.length === 0) return { kind: 'empty' };
  return {
    kind: 'attachment',
    voice: attachments.some((a) => a.contentType?.startsWith('audio/')),
  };
}

/** What to say to something that is not text: voice notes get an offer to call instead. */
export function attachmentReplyKey(input: { voice: boolean }): string {
  return input.voice ? 'prompt.voiceNote' : 'prompt.textOnly';
}

/**
 * Lower case, no accents, no emoji or punctuation, single spaces: "  Ik wíl wérk! 💼 " and
 * "ik wil werk" compare equal. Arabic is folded the same way (no vowel marks or tatweel, one
 * spelling of ى/ي and ة/ه) and Arabic-Indic digits count as digits: "٢" is "2".
 */
export function normalize(text: string): string {
  return foldWord(text)
    .replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (digit) =>
      String(digit.charCodeAt(0) - (digit >= '\u06f0' ? 0x06f0 : 0x0660)),
    )
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The commands that work at any moment, whatever question is open. */
export type Command =
  | { kind: 'menu' }
  | { kind: 'language'; language: Language }
  /**
   * "Taal / Language", or a language Voordeur does not speak ("Français"): show the list of
   * languages, each by its own name.
   */
  | { kind: 'chooseLanguage'; unsupported: boolean }
  | { kind: 'privacy' }
  /** "Bel mij liever": a call-back request instead of a meeting planned in the chat. */
  | { kind: 'callback' }
  /** "Afspraak verzetten" / "Afspraak afzeggen": about the resident's booked meeting. */
  | { kind: 'move' }
  | { kind: 'cancel' };

export const commandValues = {
  menu: 'menu',
  privacy: 'privacy:more',
  language: (language: Language) => `lang:${language}`,
  chooseLanguage: 'lang:choose',
  callback: 'callback',
  move: 'booking:move',
  cancel: 'booking:cancel',
} as const;

const languageValue = /^lang:([a-z]{2,3})$/;

/**
 * Recognises a global command by its button value, its button title or one of its
 * synonyms in any language. Commands need the whole message to match ("menu", "opnieuw",
 * "English please"); a sentence that merely contains "begin" is not a restart.
 */
export function recognizeCommand(text: string, i18n: Translator): Command | undefined {
  if (text.length > maxInputLength) return undefined;
  const value = text.trim().toLowerCase();
  if (value === commandValues.menu) return { kind: 'menu' };
  if (value === commandValues.privacy) return { kind: 'privacy' };
  if (value === commandValues.callback) return { kind: 'callback' };
  if (value === commandValues.move) return { kind: 'move' };
  if (value === commandValues.cancel) return { kind: 'cancel' };
  if (value === commandValues.chooseLanguage) return { kind: 'chooseLanguage', unsupported: false };
  const requested = languageValue.exec(value)?.[1];
  if (isLanguage(requested)) return { kind: 'language', language: requested };

  const request = recognizeLanguageRequest(text);
  if (request?.kind === 'language') return { kind: 'language', language: request.language };
  if (request) return { kind: 'chooseLanguage', unsupported: request.kind === 'unsupported' };

  const words = normalize(text);
  if (words === '') return undefined;
  const said = (lng: Language, buttonKey: string, synonymsKey: string) =>
    phrasesOf({ value: '', buttonKey, synonymsKey }, lng, i18n).includes(words);
  for (const lng of languages) {
    if (said(lng, 'menu.button', 'menu.synonyms')) return { kind: 'menu' };
    if (said(lng, 'privacy.more.button', 'privacy.more.synonyms')) return { kind: 'privacy' };
    if (said(lng, 'callback.button', 'callback.synonyms')) return { kind: 'callback' };
    if (said(lng, 'booking.move.button', 'booking.move.synonyms')) return { kind: 'move' };
    if (said(lng, 'booking.cancel.button', 'booking.cancel.synonyms')) return { kind: 'cancel' };
  }
  return undefined;
}

/** An answer to a question: `value` is returned when the resident picks it. */
export interface Choice {
  value: string;
  buttonKey: string;
  /** One list of words that mean this choice, or several (e.g. "nee" and "andere tijd"). */
  synonymsKey?: string | string[] | undefined;
}

/** A {@link Choice} as questions keep it in dialog state. */
export const choiceSchema = z.object({
  value: z.string().min(1),
  buttonKey: z.string().min(1),
  synonymsKey: z.union([z.string().min(1), z.array(z.string().min(1))]).optional(),
});

/**
 * Normalized phrases per translator, language and keys. The locale files do not change while
 * the process runs, so each list is built once instead of on every message: recognising a
 * choice checks every language, and building the lists each time cost more than the rest of a
 * turn together.
 */
const phraseCache = new WeakMap<Translator, Map<string, string[]>>();

/**
 * The texts of `textKeys` and every entry of the lists under `listKeys`, in one language,
 * normalized (cached).
 */
export function normalizedPhrases(
  i18n: Translator,
  language: Language,
  textKeys: readonly string[],
  listKeys: readonly string[],
): string[] {
  let cache = phraseCache.get(i18n);
  if (!cache) phraseCache.set(i18n, (cache = new Map()));
  const key = `${language}|${textKeys.join(',')}|${listKeys.join(',')}`;
  let phrases = cache.get(key);
  if (!phrases) {
    phrases = [
      ...textKeys.map((textKey) => i18n.t(language, textKey)),
      ...listKeys.flatMap((listKey) => i18n.list(language, listKey)),
    ].map(normalize);
    cache.set(key, phrases);
  }
  return phrases;
}

/** The button title and every synonym of a choice in one language, normalized. */
function phrasesOf(choice: Choice, language: Language, i18n: Translator): string[] {
  const lists = choice.synonymsKey === undefined ? [] : [choice.synonymsKey].flat();
  return normalizedPhrases(i18n, language, [choice.buttonKey], lists);
}

/**
 * Matches only a whole answer: the button value, or the full text equal to a title or synonym
 * in any language. For open questions, where "ik werk graag met mensen" is the resident's own
 * answer and must not be shortened to the button "Met mensen".
 */
export function recognizeExactChoice(
  text: string,
  choices: readonly Choice[],
  lng: Language,
  i18n: Translator,
): string | undefined {
  if (text.length > maxInputLength) return undefined;
  const value = text.trim().toLowerCase();
  const byValue = choices.find((choice) => choice.value.toLowerCase() === value);
  if (byValue) return byValue.value;
  const words = normalize(text);
  if (words === '') return undefined;
  for (const language of [lng, ...languages.filter((other) => other !== lng)]) {
    const found = choices.find((choice) => phrasesOf(choice, language, i18n).includes(words));
    if (found) return found.value;
  }
  return undefined;
}

/**
 * Matches free text to one of `choices`: the button value, the button title, or a synonym
 * from the locale files, in the resident's language first and then the others. A synonym
 * may appear inside a sentence ("ik zoek een baan"); the longest matching phrase wins, and
 * a tie between two choices is treated as not understood rather than guessed.
 */
export function recognizeChoice(
  text: string,
  choices: readonly Choice[],
  lng: Language,
  i18n: Translator,
): string | undefined {
  if (text.length > maxInputLength) return undefined;
  const value = text.trim().toLowerCase();
  const byValue = choices.find((choice) => choice.value.toLowerCase() === value);
  if (byValue) return byValue.value;

  const words = normalize(text);
  if (words === '') return undefined;
  const padded = ` ${words} `;
  for (const language of [lng, ...languages.filter((other) => other !== lng)]) {
    let best: { value: string; length: number; tie: boolean } | undefined;
    for (const choice of choices) {
      const phrases = phrasesOf(choice, language, i18n);
      if (phrases.includes(words)) return choice.value;
      for (const phrase of phrases) {
        if (phrase === '' || !padded.includes(` ${phrase} `)) continue;
        if (!best || phrase.length > best.length) {
          best = { value: choice.value, length: phrase.length, tie: false };
        } else if (phrase.length === best.length && best.value !== choice.value) {
          best.tie = true;
        }
      }
    }
    if (best) return best.tie ? undefined : best.value;
  }
  return undefined;
}
