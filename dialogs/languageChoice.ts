import type { TurnContext } from 'botbuilder';
import { defaultLanguage, languages, type Language } from '../src/domain/language.js';
import { detectLanguage } from '../src/domain/languageDetection.js';
import type { DialogDeps } from './deps.js';
import { explainPrivacyBriefly } from './privacy.js';
import { commandValues, normalize, normalizedPhrases, readInput } from './recognize.js';
import { languageOf, replyFor, replyIn, setLanguage, type Button } from './reply.js';

/**
 * Choosing a language. Every language is shown by its own name ("Türkçe", "العربية"), so a
 * resident finds theirs whatever language the chat is in. The questions here leave the open
 * question where it was: the answers are language buttons (`lang:tr`), which the command router
 * handles at any moment, after which the open question is asked again in the new language.
 */

/** The title of each language's button: its own name, the same in every locale. */
export const languageButtonKeys: Record<Language, string> = {
  nl: 'language.nl.button',
  en: 'language.en.button',
  ar: 'language.ar.button',
  tr: 'language.tr.button',
  pl: 'language.pl.button',
  uk: 'language.uk.button',
};

/** "Taal / Language": the one button under the menu that opens the list of languages. */
export const chooseLanguageButton: Button = {
  value: commandValues.chooseLanguage,
  buttonKey: 'language.choose.button',
};

const languageButton = (language: Language): Button => ({
  value: commandValues.language(language),
  buttonKey: languageButtonKeys[language],
});

/**
 * Asks which language the resident wants, listing all six (a list of six rows on WhatsApp).
 * `language.unsupported` when they asked for or wrote in a language Voordeur does not speak.
 */
export async function askForLanguage(
  deps: DialogDeps,
  context: TurnContext,
  key: 'language.choose.ask' | 'language.unsupported' | 'language.mixed',
): Promise<void> {
  const reply = await replyFor(deps, context);
  await reply.ask(key, languages.map(languageButton));
}

/**
 * Switches to `language`, says so in that language, and shows the welcome (computer notice and
 * privacy) once in a language the resident has not seen it in: the point of switching is that
 * they may not have understood it before.
 */
export async function switchLanguage(
  deps: DialogDeps,
  context: TurnContext,
  language: Language,
): Promise<void> {
  await setLanguage(deps, context, language);
  const reply = await replyFor(deps, context);
  await reply.send('language.switched');
  const profile = await deps.state.profile.get(context, {});
  const greetedIn = profile.greetedIn ?? [];
  if (!profile.greetedAt || greetedIn.includes(language)) return;
  await reply.send('welcome.greeting');
  await explainPrivacyBriefly(deps, reply);
  await deps.state.profile.set(context, { ...profile, greetedIn: [...greetedIn, language] });
}

/**
 * Offers `language` in that language, with two buttons: that language and the current one, each
 * by its own name. Whoever reads the question, and whoever does not, can answer it.
 */
export async function offerLanguage(
  deps: DialogDeps,
  context: TurnContext,
  language: Language,
): Promise<void> {
  const current = await languageOf(deps, context);
  const profile = await deps.state.profile.get(context, {});
  await deps.state.profile.set(context, {
    ...profile,
    languageOffer: language,
    languagesOffered: [...(profile.languagesOffered ?? []), language],
  });
  await replyIn(deps, context, language).ask('language.offer', [
    languageButton(language),
    languageButton(current),
  ]);
}

/**
 * What a message means for the language of the conversation, before anything else reads it.
 * `switch`: a typed "evet" or "ja" to an open offer, or writing on in the offered language.
 * `offer`: clearly another of Voordeur's languages; on the first message any sign counts, later
 * only another alphabet (an Arabic or Cyrillic message in a Dutch conversation). `list`: a
 * language Voordeur does not speak, or two of its languages mixed, on the first message.
 */
export type LanguageNotice =
  | { kind: 'switch'; language: Language }
  | { kind: 'offer'; language: Language }
  | { kind: 'list'; key: 'language.unsupported' | 'language.mixed' };

/**
 * Reads a resident's typed message for its language, and closes an open offer whatever the
 * message is. Button presses (which carry a value) are not read: their titles are Voordeur's
 * words, not the resident's. Never changes the language itself: the caller acts on the notice.
 */
export async function noticeLanguage(
  deps: DialogDeps,
  context: TurnContext,
): Promise<LanguageNotice | undefined> {
  const { activity } = context;
  const typed = activity.value === undefined && typeof activity.text === 'string';
  const input = typed ? readInput(activity) : undefined;
  const profile = await deps.state.profile.get(context, {});
  const pending = profile.languageOffer;
  // The first message decides with every sign there is; a pressed button shows the resident
  // reads the language of the chat, so it counts as that first message too.
  const first = !profile.languageChecked && !profile.language;
  if (pending || !profile.languageChecked) {
    await deps.state.profile.set(context, {
      ...profile,
      languageChecked: true,
      languageOffer: undefined,
    });
  }
  if (input?.kind !== 'text') return undefined;
  const { text } = input;
  const current = await languageOf(deps, context);

  const detected = await detectLanguage(text, { statistics: first });
  if (pending) {
    const answer = yesOrNo(deps, text, pending, current);
    if (answer === 'yes') return { kind: 'switch', language: pending };
    if (answer === 'no') return { kind: 'switch', language: current };
    if (detected.kind === 'supported' && detected.language === pending) {
      return { kind: 'switch', language: pending };
    }
  }
  switch (detected.kind) {
    case 'supported': {
      const offered = profile.languagesOffered ?? [];
      if (detected.language === current || offered.includes(detected.language)) return undefined;
      if (first || detected.how === 'script') return { kind: 'offer', language: detected.language };
      return undefined;
    }
    case 'unsupported':
      // Later, only a whole greeting or another alphabet says so; both are safe to act on.
      return { kind: 'list', key: 'language.unsupported' };
    case 'mixed':
      return first ? { kind: 'list', key: 'language.mixed' } : undefined;
    case 'unknown':
      return undefined;
  }
}

/** "evet"/"hayır", "ja"/"nee", "yes"/"no" in the offered or the current language. */
function yesOrNo(
  deps: DialogDeps,
  text: string,
  offered: Language,
  current: Language,
): 'yes' | 'no' | undefined {
  const words = normalize(text);
  const says = (buttonKey: string, synonymsKey: string) =>
    [offered, current, defaultLanguage].some((lng) =>
      normalizedPhrases(deps.i18n, lng, [buttonKey], [synonymsKey]).includes(words),
    );
  if (says('common.yes.button', 'common.yes.synonyms')) return 'yes';
  if (says('common.no.button', 'common.no.synonyms')) return 'no';
  return undefined;
}
