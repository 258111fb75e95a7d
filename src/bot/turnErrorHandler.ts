import type { TurnContext } from 'botbuilder';
import { isStoreDown, isVoordeurError } from '../errors.js';
import { defaultLanguage, languageFromTag, type Language } from '../domain/language.js';
import { pseudonym } from '../domain/pseudonym.js';
import type { Logger } from '../log.js';
import type { ConversationTurnState } from './conversationTurnState.js';
import type { TurnStateAccessors } from '../../dialogs/state.js';

export interface TurnErrorDeps {
  conversationState: ConversationTurnState;
  state: TurnStateAccessors;
  t(lng: Language, key: string, options?: Record<string, unknown>): string;
  phone: string;
  log: Logger;
}

/**
 * The adapter's `onTurnError`: log what failed (the error and the dialog stack, never the
 * message text), tell the resident plainly in their language, and leave the conversation
 * usable. A store outage (unreachable, or its database or a container missing) gets its own
 * message; any other failure also clears the dialog
 * stack so the next message starts afresh instead of failing the same way again.
 */
export function createTurnErrorHandler(deps: TurnErrorDeps) {
  return async (context: TurnContext, error: Error): Promise<void> => {
    const storeDown = isStoreDown(error);
    deps.log.error(
      {
        err: {
          type: error.name,
          code: isVoordeurError(error) ? error.code : undefined,
          stack: error.stack,
        },
        conversation: pseudonym(context.activity.conversation?.id ?? ''),
        activityType: context.activity.type,
        dialogStack: await dialogStack(context, deps).catch(() => undefined),
      },
      'turn failed',
    );
    const language =
      (await profileLanguage(context, deps)) ??
      languageFromTag(context.activity.locale) ??
      defaultLanguage;
    if (!storeDown) await resetDialogs(context, deps);
    try {
      await context.sendActivity(
        deps.t(language, storeDown ? 'error.storeDown' : 'error.apology', { phone: deps.phone }),
      );
    } catch (sendError) {
      deps.log.error(
        { err: { type: (sendError as Error).name, stack: (sendError as Error).stack } },
        'apology not delivered',
      );
    }
  };
}

async function profileLanguage(
  context: TurnContext,
  deps: TurnErrorDeps,
): Promise<Language | undefined> {
  try {
    return (await deps.state.profile.get(context))?.language;
  } catch {
    return undefined; // state never loaded (store down): fall back to the activity's locale
  }
}

async function dialogStack(
  context: TurnContext,
  deps: TurnErrorDeps,
): Promise<string[] | undefined> {
  const state = await deps.state.dialogState.get(context);
  return state?.dialogStack.map((instance) => instance.id);
}

async function resetDialogs(context: TurnContext, deps: TurnErrorDeps): Promise<void> {
  try {
    await deps.conversationState.load(context, true);
    await deps.state.dialogState.delete(context);
    await deps.conversationState.save(context);
  } catch (resetError) {
    deps.log.warn(
      { err: { type: (resetError as Error).name } },
      'could not reset the dialog stack',
    );
  }
}
