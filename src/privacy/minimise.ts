import { minimiseSummary, minimiseText } from '../domain/minimise.js';
import type { Planner } from '../planner/planner.js';
import type { CallbackStore } from '../ports/callbacks.js';
import type { Clock } from '../ports/clock.js';

/**
 * The planning as the chat uses it, with every summary and call-back minimised before it is
 * stored: the last guard, whatever dialog collected the text. (The dialogs redact answers
 * already where they take them, and tell a resident who typed a BSN that it was not kept.)
 */
export function minimisePlanning<T extends { planner: Planner; callbacks: CallbackStore }>(
  planning: T,
  clock: Clock,
): T {
  const { planner, callbacks } = planning;
  const clean = <R extends { summary: Parameters<typeof minimiseSummary>[0] }>(request: R): R => ({
    ...request,
    summary: minimiseSummary(request.summary, clock.now()).summary,
  });
  return {
    ...planning,
    planner: {
      propose: (resident, preference, count) => planner.propose(resident, preference, count),
      book: (request) => planner.book(clean(request)),
      move: (current, request) => planner.move(current, clean(request)),
      cancel: (resident, current) => planner.cancel(resident, current),
      find: (current) => planner.find(current),
    },
    callbacks: {
      put: (request) =>
        callbacks.put(
          request.preferredTimes === undefined
            ? request
            : {
                ...request,
                preferredTimes: minimiseText(request.preferredTimes, clock.now(), request.phone),
              },
        ),
      list: () => callbacks.list(),
    },
  };
}
