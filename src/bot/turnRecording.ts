import type { TurnContext } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import { ConversationTurnState } from './conversationTurnState.js';
import type { PropertySource, TurnStateAccessors } from '../../dialogs/state.js';
import type { TurnHandler } from './turnGate.js';
import { dialogSteps, type StepCode } from '../domain/conversationReview.js';
import { defaultLanguage } from '../domain/language.js';
import type { ConversationRecorder } from '../recording/conversationRecorder.js';

/** What was last recorded for this conversation, kept in its state (written with the turn). */
interface Recorded {
  step?: StepCode;
  /** Epoch ms of the last write to the review. */
  at: number;
}

/** A turn in the same step refreshes the review's "last active" at most this often. */
const refreshMs = 10 * 60_000;

/** The conversation's current step: the innermost known dialog on the stack. */
function stepOf(state: DialogState | undefined): StepCode | undefined {
  for (const instance of state?.dialogStack ?? []) {
    const step = dialogSteps[instance.id];
    if (step) return step;
  }
  return undefined;
}

/**
 * Wraps the dialogs so every resident message is recorded for the staff pages: the first one
 * counts a contact, later ones note the step the conversation is in. What was recorded last
 * lives in the conversation state, so a turn in the same step costs no extra write, and a
 * turn run again after a conflict sees the state of its own attempt.
 */
export function withTurnRecording(
  handler: TurnHandler,
  source: PropertySource,
  accessors: TurnStateAccessors,
  recorder: ConversationRecorder,
  now: () => number,
): TurnHandler {
  const recorded = source.createProperty<Recorded>('staffRecorded');
  return {
    async onTurn(context: TurnContext): Promise<void> {
      await handler.onTurn(context);
      if (context.activity.type !== 'message') return;
      const step = stepOf(await accessors.dialogState.get(context));
      const last = await recorded.get(context);
      const at = now();
      if (last && last.step === step && at - last.at < refreshMs) return;
      const profile = await accessors.profile.get(context);
      await recorder.turn(
        {
          key: ConversationTurnState.keyOf(context),
          channel: context.activity.channelId ?? 'unknown',
          language: profile?.language ?? defaultLanguage,
        },
        step,
        last === undefined,
      );
      await recorded.set(context, { ...(step ? { step } : {}), at });
    },
  };
}
