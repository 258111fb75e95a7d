/**
 * The grammar: reads tokens left to right into meanings, trying at each place the longest
 * fixed phrase, a preposition with what follows it, a date, a time range, a time, and then
 * single words. Every token must be read; the first one that is not makes the answer unclear.
 * The words come from the vocabularies (see `lexicon.ts`), never from here.
 */
import type { Weekday } from '../calendarTime.js';
import {
  clauseWords,
  conjunctions,
  countWords,
  dayPartWords,
  fillers,
  inWords,
  negations,
  phrases,
  postpositions,
  prepositions,
  relativeDays,
  weekdayOf,
  weekdays as weekdayNames,
} from './lexicon.js';
import {
  dateBound,
  nextOccurrence,
  part,
  phraseMeanings,
  pointWindow,
  timeWindow,
  weekdays,
  type DayRange,
  type DaySem,
  type Sem,
} from './meanings.js';
import { readDate, readMonth } from './readDate.js';
import { DAY_MINUTES, fail, type ReadingContext } from './reading.js';
import { readTime, readTimeRange } from './readTime.js';
import { wordAt, type Token } from './tokens.js';
import type { PrepKind } from './vocabulary.js';

/** Reads every token of one answer into meanings, or throws `Unclear`. */
export function readMeanings(tokens: readonly Token[], ctx: ReadingContext): Sem[] {
  return new Reader(tokens, ctx).readAll();
}

class Reader {
  private readonly entries: Sem[] = [];
  /** Index of the token after the last word "in", for months that need it ("in may"). */
  private afterIn = -1;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly ctx: ReadingContext,
  ) {}

  /** Whether the last meaning read was "maakt niet uit" / "anytime". */
  private afterAnything(): boolean {
    return this.entries[this.entries.length - 1]?.kind === 'anything';
  }

  readAll(): Sem[] {
    let i = 0;
    while (i < this.tokens.length) i = this.readOne(i);
    return this.entries;
  }

  private word(i: number): string | undefined {
    return wordAt(this.tokens, i);
  }

  private readOne(i: number): number {
    const token = this.tokens[i];
    if (!token) return i + 1;
    if (token.kind === 'sep' || token.kind === 'dash') {
      this.entries.push({ kind: 'sep' });
      return i + 1;
    }
    const phrase = this.matchPhrase(i);
    if (phrase) {
      this.entries.push(...phrase.sems);
      return phrase.next;
    }
    const prep = this.matchPreposition(i);
    if (prep) return this.readPrepositional(prep.kind, prep.next);
    const date = readDate(this.tokens, i, this.ctx);
    if (date) {
      this.entries.push(...date.sems);
      return date.next;
    }
    const range = readTimeRange(this.tokens, i, false);
    if (range) {
      this.entries.push(timeWindow(range.start, range.end));
      return range.next;
    }
    const post = this.readPostpositional(i);
    if (post !== undefined) return post;
    const time = readTime(this.tokens, i, false);
    if (time) {
      this.entries.push(pointWindow(time.minute));
      return time.next;
    }
    const word = this.word(i);
    if (word === undefined) return this.skip(i);
    const single = this.readWord(word, i);
    if (single) this.entries.push(...single);
    else if (fillers.has(word)) {
      if (inWords.has(word)) this.afterIn = i + 1;
    } else return this.skip(i);
    return i + 1;
  }

  /**
   * A word or number we do not know ("kinderen", "halen"): left out and noted, so the dialog
   * says back what it did understand before offering anything. Never guessed at.
   */
  private skip(i: number): number {
    const token = this.tokens[i];
    if (token?.kind === 'word') this.ctx.skipped.push(token.text);
    else if (token?.kind === 'number') this.ctx.skipped.push(token.digits);
    else fail();
    return i + 1;
  }

  /**
   * A time with the word for "after", "before" or "until" behind it: Turkish "15'ten sonra",
   * "10'dan önce", "12'ye kadar"; and "10'dan 12'ye kadar", "10 ile 12 arası" as ranges.
   */
  private readPostpositional(i: number): number | undefined {
    const time = readTime(this.tokens, i, true);
    if (!time) return undefined;
    const second = readTime(this.tokens, time.next, true);
    if (second && this.matchPostposition(second.next)?.kind === 'until') {
      if (time.minute >= second.minute) fail();
      this.entries.push(timeWindow(time.minute, second.minute));
      return this.matchPostposition(second.next)?.next;
    }
    const post = this.matchPostposition(time.next);
    if (!post) return undefined;
    const side = post.kind === 'after' || post.kind === 'from' ? 'after' : 'before';
    if (side === 'after' && time.minute >= DAY_MINUTES) fail();
    if (side === 'before' && time.minute <= 0) fail();
    this.entries.push({ kind: 'bound', side, minute: time.minute });
    return post.next;
  }

  private matchPostposition(i: number): { kind: PrepKind; next: number } | undefined {
    for (const [pattern, kind] of postpositions.at(this.word(i), this.ctx.language)) {
      const match = this.matchWords(i, pattern);
      if (match) return { kind, next: match.next };
    }
    return undefined;
  }

  /** One word with a meaning of its own: a weekday, "ochtend", "morgen", "december", "of". */
  private readWord(word: string, i: number): Sem[] | undefined {
    const weekday = weekdayOf(word, this.ctx.language);
    if (weekday) return [weekdays(weekday)];
    const dayPart = dayPartWords[word];
    if (dayPart) return [part(dayPart)];
    const relative = relativeDays[word];
    if (relative !== undefined) return [this.relativeDay(relative)];
    const month = readMonth(this.tokens, i, this.ctx, this.afterIn === i);
    if (month) return month;
    const conj = conjunctions[word];
    if (conj !== undefined) return [{ kind: 'conj', or: conj === 'or' }];
    if (negations.has(word)) return [{ kind: 'neg' }];
    // "anytime but friday", "altijd, maar niet vrijdag": after "any time", "but" excludes.
    if (clauseWords.has(word)) return [{ kind: this.afterAnything() ? 'neg' : 'sep' }];
    return undefined;
  }

  private relativeDay(offset: number): DaySem {
    if (offset < 0) this.ctx.issues.add('inThePast');
    return { kind: 'date', date: this.ctx.today.plus({ days: Math.max(offset, 0) }) };
  }

  /** Whether a phrase's words stand at `i`; `{n}` takes a count, `{wd}` a weekday. */
  private matchWords(
    i: number,
    pattern: readonly string[],
  ): { next: number; n: number; day: Weekday } | undefined {
    let n = 0;
    let day: Weekday = 1;
    let j = i;
    for (const expected of pattern) {
      const token = this.tokens[j];
      if (expected === '{n}') {
        if (token?.kind === 'number' && !token.ordinal) n = token.value;
        else if (token?.kind === 'word' && countWords[token.text] !== undefined)
          n = countWords[token.text] ?? 0;
        else return undefined;
      } else if (expected === '{wd}') {
        const found = weekdayOf(this.word(j), this.ctx.language);
        if (!found) return undefined;
        day = found;
      } else if (this.word(j) !== expected) {
        return undefined;
      }
      j += 1;
    }
    return { next: j, n, day };
  }

  private matchPhrase(i: number): { sems: Sem[]; next: number } | undefined {
    for (const [pattern, meaning] of phrases.at(this.word(i), this.ctx.language)) {
      const match = this.matchWords(i, pattern);
      if (match) {
        if (match.n > 60) {
          this.ctx.issues.add('tooFarAhead');
          return { sems: [], next: match.next };
        }
        return { sems: phraseMeanings[meaning](this.ctx, match.n, match.day), next: match.next };
      }
    }
    return undefined;
  }

  private matchPreposition(i: number): { kind: PrepKind; next: number } | undefined {
    // Dutch "do" is Thursday, Polish "do" is "until": a weekday's short form of the
    // conversation's language wins.
    if (weekdayOf(this.word(i), this.ctx.language) && !isWeekdayName(this.word(i)))
      return undefined;
    for (const [pattern, kind] of prepositions.at(this.word(i), this.ctx.language)) {
      const match = this.matchWords(i, pattern);
      if (match) return { kind, next: match.next };
    }
    return undefined;
  }

  /** After "na", "voor", "tussen", …: a day ("na 1 december") or a time ("na 3 uur"). */
  private readPrepositional(kind: PrepKind, i: number): number {
    // "ongeveer om 10 uur", "vanaf ongeveer 9 uur": later point words add nothing.
    let j = i;
    while (true) {
      const more = this.matchPreposition(j);
      if (!more || more.kind !== 'point') break;
      j = more.next;
    }
    if (kind !== 'point' && kind !== 'between') {
      const day = this.readDayOperand(j);
      if (day) {
        if (day.range) this.entries.push(dateBound(kind, day.range));
        return day.next;
      }
    }
    if (kind === 'between' || kind === 'from') {
      const range = readTimeRange(this.tokens, j, true);
      if (range) {
        this.entries.push(timeWindow(range.start, range.end));
        return range.next;
      }
      if (kind === 'between') fail();
    }
    const time = readTime(this.tokens, j, true);
    if (!time) {
      // "before that", "na dat": a preposition with nothing we can read after it says nothing.
      this.ctx.skipped.push(this.word(i - 1) ?? '');
      return j;
    }
    // "saat 3'ten sonra": the word after the time says what it is, not "saat" before it.
    const post = kind === 'point' ? this.matchPostposition(time.next) : undefined;
    const said = post?.kind ?? kind;
    if (said === 'point') this.entries.push(pointWindow(time.minute));
    else if (said === 'after' || said === 'from') {
      if (time.minute >= DAY_MINUTES) fail();
      this.entries.push({ kind: 'bound', side: 'after', minute: time.minute });
    } else {
      if (time.minute <= 0) fail();
      this.entries.push({ kind: 'bound', side: 'before', minute: time.minute });
    }
    return post?.next ?? time.next;
  }

  /** A day after a preposition: a date, "morgen", "volgende week", "woensdag", "december". */
  private readDayOperand(i: number): { range: DayRange | undefined; next: number } | undefined {
    const date = readDate(this.tokens, i, this.ctx);
    if (date) {
      const sem = date.sems[0];
      return {
        range: sem?.kind === 'date' ? { from: sem.date, to: sem.date } : undefined,
        next: date.next,
      };
    }
    const phrase = this.matchPhrase(i);
    if (phrase) {
      const [sem, ...rest] = phrase.sems;
      if (rest.length > 0 || !sem) return undefined;
      if (sem.kind === 'range') return { range: sem.range, next: phrase.next };
      if (sem.kind === 'date')
        return { range: { from: sem.date, to: sem.date }, next: phrase.next };
      return undefined;
    }
    const word = this.word(i);
    if (word === undefined) return undefined;
    const relative = relativeDays[word];
    if (relative !== undefined) {
      const sem = this.relativeDay(relative);
      return sem.kind === 'date'
        ? { range: { from: sem.date, to: sem.date }, next: i + 1 }
        : undefined;
    }
    const weekday = weekdayOf(word, this.ctx.language);
    if (weekday) {
      const sem = nextOccurrence(this.ctx, weekday);
      return sem.kind === 'date'
        ? { range: { from: sem.date, to: sem.date }, next: i + 1 }
        : undefined;
    }
    const month = readMonth(this.tokens, i, this.ctx, true);
    if (month) {
      const sem = month[0];
      return { range: sem?.kind === 'range' ? sem.range : undefined, next: i + 1 };
    }
    return undefined;
  }
}

function isWeekdayName(word: string | undefined): boolean {
  return word !== undefined && weekdayNames[word] !== undefined;
}
