import type { TurnContext } from 'botbuilder';

/**
 * Where botbuilder-dialogs' DialogStateManager looks for its memory scopes and path resolvers
 * before building them (it keeps what it built there for the rest of the turn).
 */
const configurationKey = 'DialogStateManagerConfiguration';

/**
 * Shares one DialogStateManager configuration across turns. botbuilder-dialogs builds it anew
 * on the first dialog context of every turn: nine memory scopes, five path resolvers and a zod
 * parse of the (empty) settings, a few percent of a turn's CPU. The scopes and resolvers keep
 * nothing of a turn (they read the dialog context handed to each call), so the configuration
 * the first turn built serves every later one.
 */
export class DialogStateConfiguration {
  private configuration: unknown;

  /** Before a turn's first dialog context: hands it the configuration built earlier, if any. */
  prepare(context: TurnContext): void {
    if (this.configuration !== undefined && !context.turnState.has(configurationKey)) {
      context.turnState.set(configurationKey, this.configuration);
    }
  }

  /** After a dialog context was created: keeps the configuration it built. */
  keep(context: TurnContext): void {
    this.configuration ??= context.turnState.get(configurationKey) as unknown;
  }
}
