import type { Activity } from 'botbuilder';
import * as z from 'zod';
import {
  foldWord,
  isLanguage,
  languages,
  recognizeLanguageRequest,
  type Language,
} from '../src/domain/language.js';
import { asciiDigits } from '../src/domain/digits.js';
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
  return asciiDigits(foldWord(text))
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
  /** "Wat weten jullie van mij?" / "Verwijder mijn gegevens": the resident's data rights. */
  | { kind: 'whatKept' }
  | { kind: 'erase' }
  /** "Bel mij liever": a call-back request instead of a meeting planned in the chat. */
  | { kind: 'callback' }
  /** "Afspraak verzetten" / "Afspraak afzeggen": about the resident's booked meeting. */
  | { kind: 'move' }
  | { kind: 'cancel' }
  /** "Ik kom", the WhatsApp reminder's first quick reply: the resident confirms the meeting. */
  | { kind: 'coming' };

export const commandValues = {
  menu: 'menu',
  privacy: 'privacy:more',
  language: (language: Language) => `lang:${language}`,
  chooseLanguage: 'lang:choose',
  callback: 'callback',
  move: 'booking:move',
  cancel: 'booking:cancel',
  /** The payload of the reminder template's "Ik kom" button. */
  coming: 'reminder:coming',
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
  if (value === commandValues.coming) return { kind: 'coming' };
  if (value === commandValues.chooseLanguage) return { kind: 'chooseLanguage', unsupported: false };
  const requested = languageValue.exec(value)?.[1];
  if (isLanguage(requested)) return { kind: 'language', language: requested };

  const request = recognizeLanguageRequest(text);
  if (request?.kind === 'language') return { kind: 'language', language: request.language };
  if (request) return { kind: 'chooseLanguage', unsupported: request.kind === 'unsupported' };

  const words = normalize(text);
  if (words === '') return undefined;
  const kind = wholeMessageCommands(i18n).get(words);
  if (kind) return { kind };
  return commandInWords(words, i18n);
}

/** The commands a whole message names by a button title or synonym, in order of precedence. */
const wholeMessageCommandKeys: readonly [WholeMessageCommand, string, string][] = [
  ['whatKept', 'residentData.ask.button', 'residentData.ask.synonyms'],
  ['erase', 'residentData.erase.button', 'residentData.erase.synonyms'],
  ['menu', 'menu.button', 'menu.synonyms'],
  ['privacy', 'privacy.more.button', 'privacy.more.synonyms'],
  ['callback', 'callback.button', 'callback.synonyms'],
  ['move', 'booking.move.button', 'booking.move.synonyms'],
  ['cancel', 'booking.cancel.button', 'booking.cancel.synonyms'],
];

type WholeMessageCommand =
  'whatKept' | 'erase' | 'menu' | 'privacy' | 'callback' | 'move' | 'cancel';

const commandTables = new WeakMap<Translator, Map<string, WholeMessageCommand>>();

/**
 * Every normalized title and synonym of {@link wholeMessageCommandKeys} in every language, with
 * the command it names, built once per translator. Where two commands share a phrase, the one
 * found first (languages in order, then commands in order) keeps it.
 */
function wholeMessageCommands(i18n: Translator): Map<string, WholeMessageCommand> {
  let table = commandTables.get(i18n);
  if (!table) {
    table = new Map();
    for (const lng of languages) {
      for (const [kind, buttonKey, synonymsKey] of wholeMessageCommandKeys) {
        for (const phrase of normalizedPhrases(i18n, lng, [buttonKey], [synonymsKey])) {
          if (!table.has(phrase)) table.set(phrase, kind);
        }
      }
    }
    commandTables.set(i18n, table);
  }
  return table;
}

/**
 * Moving, cancelling and asking for a person, read from content words rather than whole
 * sentences: "ik wil mijn afspraak verzetten", "kan ik mijn afspraak afzeggen?", "أريد تغيير
 * موعدي", "ik wil een mens spreken". Moving wins when a message says both ("ik kan niet komen,
 * kan de afspraak naar een andere tijd?"): the meeting is then kept until a new one is booked.
 */
function commandInWords(words: string, i18n: Translator): Command | undefined {
  const tokens = words.split(' ');
  const says = (listKey: string) => containsWords(tokens, inEveryLanguage(i18n, listKey));
  if (says('contentWords.meeting')) {
    if (says('contentWords.move')) return { kind: 'move' };
    if (says('contentWords.cancel')) return { kind: 'cancel' };
  }
  if (says('contentWords.person')) return { kind: 'callback' };
  return undefined;
}

/** The normalized entries of the list under `listKey` in all languages together (cached). */
function inEveryLanguage(i18n: Translator, listKey: string): string[] {
  const cache = phrasesFor(i18n);
  const key = `*||${listKey}`;
  let phrases = cache.get(key);
  if (!phrases) {
    phrases = languages.flatMap((lng) => normalizedPhrases(i18n, lng, [], [listKey]));
    cache.set(key, phrases);
  }
  return phrases;
}

/**
 * Whether one of `entries` occurs among the message's words. An entry is one or more stems
 * separated by spaces, all of which must occur, in any order ("niet komen", "andere tijd"). A
 * stem of five letters or more matches inside a word ("afspraak" finds "vervolgafspraak",
 * "verzet" finds "verzetten"); a shorter one only a whole word ("zus", "mee", "mens", not
 * "mensen"), so the locale lists spell out short words' forms ("موعد", "موعدي").
 */
export function containsWords(tokens: readonly string[], entries: readonly string[]): boolean {
  return entries.some((entry) => countWords(tokens, entry) > 0);
}

/** How many stems `entry` has when all of them occur in `tokens`, else 0. */
export function countWords(tokens: readonly string[], entry: string): number {
  const stems = stemsOf(entry);
  if (stems.length === 0) return 0;
  const found = stems.every((stem) =>
    tokens.some((token) => (stem.length >= 5 ? token.includes(stem) : token === stem)),
  );
  return found ? stems.length : 0;
}

/**
 * The stems of a list entry. Entries come from the locale files, so there are few, and each is
 * split once rather than for every message that checks it.
 */
const stemCache = new Map<string, readonly string[]>();
const maxCachedEntries = 20_000;

function stemsOf(entry: string): readonly string[] {
  let stems = stemCache.get(entry);
  if (!stems) {
    stems = entry.split(' ').filter((stem) => stem !== '');
    if (stemCache.size < maxCachedEntries) stemCache.set(entry, stems);
  }
  return stems;
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
  const cache = phrasesFor(i18n);
  const key = phraseKey(language, textKeys.join(','), listKeys.join(','));
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

/** Where {@link normalizedPhrases} keeps a language's phrases of some text and list keys. */
const phraseKey = (language: Language, textKeys: string, listKeys: string) =>
  `${language}|${textKeys}|${listKeys}`;

function phrasesFor(i18n: Translator): Map<string, string[]> {
  let cache = phraseCache.get(i18n);
  if (!cache) phraseCache.set(i18n, (cache = new Map()));
  return cache;
}

/**
 * The button title and every synonym of a choice in one language, normalized. Looks in the
 * cache under {@link normalizedPhrases}' key first, without building its arrays: recognizing a
 * choice asks for every choice in every language.
 */
function phrasesOf(choice: Choice, language: Language, i18n: Translator): string[] {
  const synonyms = choice.synonymsKey;
  const lists =
    synonyms === undefined ? '' : typeof synonyms === 'string' ? synonyms : synonyms.join(',');
  const cached = phrasesFor(i18n).get(phraseKey(language, choice.buttonKey, lists));
  if (cached) return cached;
  return normalizedPhrases(i18n, language, [choice.buttonKey], [synonyms ?? []].flat());
}

/** The resident's language first, then the others: residents mix languages. */
export function languagesFrom(lng: Language): Language[] {
  return [lng, ...languages.filter((other) => other !== lng)];
}

/**
 * What is left to compare after the cheap checks: a button's value sent back (or typed) as it
 * is, or the normalized words; `undefined` for an empty or overly long text.
 */
function wordsOf(
  text: string,
  choices: readonly Choice[],
): { value: string } | { words: string } | undefined {
  if (text.length > maxInputLength) return undefined;
  const value = text.trim().toLowerCase();
  const byValue = choices.find((choice) => choice.value.toLowerCase() === value);
  if (byValue) return { value: byValue.value };
  const words = normalize(text);
  return words === '' ? undefined : { words };
}

/**
 * Compares the words with each language's phrases, the resident's language first; the first
 * language where `matchIn` decides (a value, or a tie as `undefined`) has the answer.
 */
function recognizeIn(
  text: string,
  choices: readonly Choice[],
  lng: Language,
  i18n: Translator,
  matchIn: (
    words: string,
    phrases: (choice: Choice) => string[],
  ) => { value: string | undefined } | undefined,
): string | undefined {
  const said = wordsOf(text, choices);
  if (!said || 'value' in said) return said?.value;
  for (const language of languagesFrom(lng)) {
    const match = matchIn(said.words, (choice) => phrasesOf(choice, language, i18n));
    if (match) return match.value;
  }
  return undefined;
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
  return recognizeIn(text, choices, lng, i18n, (words, phrases) => {
    const found = choices.find((choice) => phrases(choice).includes(words));
    return found && { value: found.value };
  });
}

/**
 * Whether `phrase` occurs in `words` as whole words ("ik wil werk" in "nu ik wil werk graag",
 * not "wil wer"). Both are normalized: single spaces, none at either end. Without building a
 * padded copy of each: a message is compared with every phrase of every choice in six languages.
 */
export function hasPhrase(words: string, phrase: string): boolean {
  if (phrase === '' || phrase.length > words.length) return false;
  for (let at = words.indexOf(phrase); at !== -1; at = words.indexOf(phrase, at + 1)) {
    const end = at + phrase.length;
    if (
      (at === 0 || words.charCodeAt(at - 1) === space) &&
      (end === words.length || words.charCodeAt(end) === space)
    ) {
      return true;
    }
  }
  return false;
}

const space = 0x20;

/**
 * Matches free text to one of `choices`: the button value, the button title, or a synonym
 * from the locale files, in the resident's language first and then the others. A synonym
 * may appear inside a sentence ("ik zoek een baan"); the longest matching phrase wins, and
 * a tie between two choices is treated as not understood rather than guessed.
 *
 * Why not botbuilder's `findChoices` with a folding tokenizer: it looks for a phrase only from
 * the first occurrence of its first word, so "ik weet het niet, ik wil werken" misses "ik wil
 * werken"; with its default token distance it reads "ik wil geen werken" as "ik wil werken";
 * and it drops the second of two choices that share a phrase instead of calling it a tie.
 */
export function recognizeChoice(
  text: string,
  choices: readonly Choice[],
  lng: Language,
  i18n: Translator,
): string | undefined {
  return recognizeIn(text, choices, lng, i18n, (words, phrases) => {
    let best: { value: string; length: number; tie: boolean } | undefined;
    for (const choice of choices) {
      const said = phrases(choice);
      if (said.includes(words)) return { value: choice.value };
      for (const phrase of said) {
        if (!hasPhrase(words, phrase)) continue;
        if (!best || phrase.length > best.length) {
          best = { value: choice.value, length: phrase.length, tie: false };
        } else if (phrase.length === best.length && best.value !== choice.value) {
          best.tie = true;
        }
      }
    }
    return best && { value: best.tie ? undefined : best.value };
  });
}
