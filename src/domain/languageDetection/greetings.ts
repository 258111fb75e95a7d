import { foldWord } from '../foldWord.js';
import type { Language } from '../language.js';

/**
 * Greetings and other first words that tell a language on their own, folded. "hi", "hey",
 * "salam" and "salut" are left out: several languages use them.
 */
const greetings: Record<Language | 'other', readonly string[]> = {
  nl: [
    'hallo',
    'hoi',
    'goedemorgen',
    'goedemiddag',
    'goedenavond',
    'goedendag',
    'goede morgen',
    'goede middag',
    'dag',
  ],
  en: [
    'hello',
    'hello there',
    'hi there',
    'good morning',
    'good afternoon',
    'good evening',
    'good day',
  ],
  tr: [
    'merhaba',
    'merhabalar',
    'selam',
    'selamlar',
    'günaydın',
    'iyi günler',
    'iyi akşamlar',
    'selamün aleyküm',
  ],
  pl: ['dzień dobry', 'cześć', 'witam', 'witaj', 'dobry wieczór', 'dzień dobry pani', 'siema'],
  ar: ['marhaba', 'marhaban', 'ahlan', 'salam alaikum', 'assalamu alaikum', 'as salamu alaykum'],
  uk: ['pryvit', 'dobryi den', 'dobryj den'],
  other: [
    'bonjour',
    'bonsoir',
    'hola',
    'buenos dias',
    'buenas tardes',
    'guten tag',
    'guten morgen',
    'ciao',
    'buongiorno',
    'bom dia',
    'buna ziua',
    'dobar dan',
    'zdravo',
    'iska warran',
    'nabad',
  ],
};

const greetingLanguage = new Map<string, Language | 'other'>(
  (Object.entries(greetings) as [Language | 'other', readonly string[]][]).flatMap(
    ([language, phrases]) => phrases.map((phrase) => [foldWord(phrase), language] as const),
  ),
);

/** The greetings in a folded message, longest phrase first at each word. */
export function greetingsIn(folded: string): {
  supported: Language[];
  other: boolean;
  onlyGreetings: boolean;
  startsWithGreeting: boolean;
} {
  const parts = folded === '' ? [] : folded.split(' ');
  const supported = new Set<Language>();
  let other = false;
  let covered = 0;
  let startsWithGreeting = false;
  for (let index = 0; index < parts.length;) {
    const match = [3, 2, 1]
      .map((length) => ({
        length,
        language: greetingLanguage.get(parts.slice(index, index + length).join(' ')),
      }))
      .find(
        (candidate) => candidate.language !== undefined && index + candidate.length <= parts.length,
      );
    if (!match?.language) {
      index += 1;
      continue;
    }
    if (index === 0) startsWithGreeting = true;
    if (match.language === 'other') other = true;
    else supported.add(match.language);
    covered += match.length;
    index += match.length;
  }
  return {
    supported: [...supported],
    other,
    onlyGreetings: parts.length > 0 && covered === parts.length,
    startsWithGreeting,
  };
}
