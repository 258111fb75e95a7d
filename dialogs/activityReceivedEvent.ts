import type { TurnContext } from 'botbuilder';

/** How botbuilder-dialogs names the turn-state key that says the event went out this turn. */
const markDescription = 'ActivityReceivedEmitted';

/**
 * Spares each turn botbuilder-dialogs' `activityReceived` event. On a turn's first
 * `continueDialog` the library raises it at the innermost dialog and bubbles it back up: a new
 * dialog context (each with its own state manager) for every level of the stack, and an event
 * handler run at each, a few percent of a turn. Only adaptive dialogs listen for it; Voordeur's
 * dialogs do not (interruptions are the command router's). The library remembers in turn state,
 * under a symbol of its own, that the event went out: this keeps that symbol from the first turn
 * and sets it on later turns before they continue. If a botbuilder release named it otherwise,
 * nothing would be found and the event would simply go out as before.
 */
export class ActivityReceivedEvent {
  private mark: symbol | undefined;

  /** Before the turn's dialogs continue: marks the event as already raised. */
  skip(context: TurnContext): void {
    if (this.mark) context.turnState.set(this.mark, true);
  }

  /** After a turn's dialogs continued: keeps the library's mark, the first time it is there. */
  learn(context: TurnContext): void {
    if (this.mark) return;
    for (const key of context.turnState.keys()) {
      if (typeof key === 'symbol' && key.description === markDescription) this.mark = key;
    }
  }
}
