import type * as z from 'zod';

/**
 * Reads values with `schema`, remembering by object what it already read. A conversation this
 * instance remembers keeps its state objects from turn to turn (see ConversationTurnState), so
 * a question waiting for its answer has its options checked once rather than on every message;
 * state read from Cosmos DB is new objects, and is checked again. For values that are never
 * changed in place, such as a prompt's options.
 *
 * @example
 * const optionsOf = checkedOnce(openPromptOptionsSchema);
 * const options = optionsOf(dc.activeDialog.state.options); // throws when they do not fit
 */
export function checkedOnce<T extends object>(schema: z.ZodType<T>): (stored: unknown) => T {
  const checked = new WeakMap<object, T>();
  return (stored) => {
    const isObject = typeof stored === 'object' && stored !== null;
    const known = isObject ? checked.get(stored) : undefined;
    if (known) return known;
    const value = schema.parse(stored);
    if (isObject) checked.set(stored, value);
    // What the schema gave back is often what is stored next (a prompt's options).
    checked.set(value, value);
    return value;
  };
}
