import type { TurnContext } from 'botbuilder';
import { eraseAfterTurn, type EraseAfterTurn } from '../../dialogs/privacy.js';
import type { Logger } from '../log.js';
import type { ResidentDataPort } from '../ports/residentData.js';

/**
 * Runs the turn, then — when the resident confirmed "verwijder mijn gegevens" in it — erases
 * everything about them and confirms in the chat. After the turn, so its state save and its
 * summary for the team are not written back after the erasure.
 */
export function eraseAfterConfirmedTurn(
  run: (context: TurnContext) => Promise<void>,
  residentData: Pick<ResidentDataPort, 'erase'>,
  log: Logger,
): (context: TurnContext) => Promise<void> {
  return async (context) => {
    await run(context);
    const request = context.turnState.get(eraseAfterTurn) as EraseAfterTurn | undefined;
    if (!request) return;
    try {
      await residentData.erase(request.key, { kind: 'resident', channel: request.channel });
      log.info({ channel: request.channel }, 'resident data erased on request in the chat');
      await context.sendActivity(request.done);
    } catch (error) {
      log.error(
        { channel: request.channel, err: { type: (error as Error).name } },
        'erasure on request in the chat failed; the resident was asked to try again',
      );
      await context.sendActivity(request.failed);
    }
  };
}
