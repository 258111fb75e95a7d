/**
 * Negation: which meanings a "niet", "behalve" or "not" covers. It covers what follows it up to
 * a comma or "maar"/"but"; at the end of a clause ("maandag niet", "maandag kan ik niet") it
 * covers that clause.
 */
import { fail } from './reading.js';
import { isDaySem, type ContentSem, type Sem } from './meanings.js';

/** One meaning with a day or a time, and whether (and by which negation) it is said no to. */
export interface Item {
  sem: ContentSem;
  index: number;
  negated: boolean;
  group: number | undefined;
}

/**
 * Decides which items a negation covers: from "niet" to the end of its clause, or, when the
 * negation ends the clause ("maandag niet"), the clause before it.
 */
export function markNegation(entries: Sem[]): Item[] {
  const items: Item[] = [];
  let group = 0;
  let clause: Item[] = [];
  let current: number | undefined;
  let pendingNegation: number | undefined;
  let busy = false;
  const closeClause = (): void => {
    // "om 3 uur moet ik de kinderen halen": the meeting is over by 3.
    if (busy) {
      for (const item of clause) {
        if (!item.negated && item.sem.kind === 'window' && item.sem.point !== undefined) {
          item.sem = { kind: 'bound', side: 'before', minute: item.sem.point };
        }
      }
    }
    busy = false;
    if (pendingNegation !== undefined) {
      const uncovered = clause.filter((item) => !item.negated);
      // "nee, liever dinsdag": a no before anything was said answers the question, not a time.
      const answersTheQuestion = items.length === 0;
      if (uncovered.length === 0 && !answersTheQuestion) fail(); // "niet" with nothing to say no to
      for (const item of uncovered) {
        item.negated = true;
        item.group = pendingNegation;
      }
    }
    clause = [];
    current = undefined;
    pendingNegation = undefined;
  };
  entries.forEach((entry, index) => {
    if (entry.kind === 'sep') return closeClause();
    if (entry.kind === 'neg') {
      group += 1;
      current = group;
      pendingNegation = group;
      return;
    }
    if (entry.kind === 'anything') {
      // "pazartesi hariç her gün": a trailing "hariç" says no to the Monday before it.
      if (pendingNegation !== undefined && clause.some((item) => !item.negated)) {
        closeClause();
        return;
      }
      if (current !== undefined) fail(); // "niet altijd"
      return;
    }
    if (entry.kind === 'conj') return;
    if (entry.kind === 'busy') {
      busy = true;
      return;
    }
    pendingNegation = undefined;
    const item: Item = { sem: entry, index, negated: current !== undefined, group: current };
    items.push(item);
    clause.push(item);
  });
  closeClause();
  return items;
}

/** "niet maandagochtend" cannot be said with excluded days and excluded times. */
export function checkNegatedGroups(items: Item[]): void {
  const kinds = new Map<number, Set<boolean>>();
  for (const item of items) {
    if (item.group === undefined) continue;
    const set = kinds.get(item.group) ?? new Set<boolean>();
    set.add(isDaySem(item.sem));
    kinds.set(item.group, set);
  }
  for (const set of kinds.values()) if (set.size > 1) fail();
}
