import { TestAdapter, type TurnContext } from 'botbuilder';
import { ConversationTurnState } from '../../src/bot/conversationTurnState.js';
import { createStateAccessors, type TurnStateAccessors } from '../../dialogs/state.js';
import { TurnGate, type TurnHandler } from '../../src/bot/turnGate.js';
import { createLogger } from '../../src/log.js';
import type {
  ConversationRecord,
  ConversationStore,
  WriteCondition,
} from '../../src/ports/conversationStore.js';

const log = createLogger('silent');

/** Counts calls on a real store (a decorator, not a mock): the port-level cost of a turn. */
export class CountingStore implements ConversationStore {
  reads = 0;
  writes = 0;
  constructor(private readonly inner: ConversationStore) {}
  read(key: string) {
    this.reads++;
    return this.inner.read(key);
  }
  write(key: string, value: ConversationRecord, condition: WriteCondition) {
    this.writes++;
    return this.inner.write(key, value, condition);
  }
  delete(key: string) {
    return this.inner.delete(key);
  }
}

/** A tiny conversation: counts messages in state and answers with the count. */
export function counter(
  conversationState: ConversationTurnState,
  state: TurnStateAccessors,
  beforeSave?: () => Promise<void>,
): TurnHandler {
  const seen = conversationState.createProperty<number>('seen');
  return {
    async onTurn(context: TurnContext) {
      if (context.activity.type !== 'message') return;
      if (context.activity.text === 'peek') {
        const profile = await state.profile.get(context);
        await context.sendActivity(`language ${profile?.language ?? 'none'}`);
        return;
      }
      const count = (await seen.get(context, 0)) + 1;
      await seen.set(context, count);
      await beforeSave?.();
      await context.sendActivity(`count ${count}`);
    },
  };
}

export function instance(store: ConversationStore, beforeSave?: () => Promise<void>) {
  const conversationState = new ConversationTurnState(store);
  const state = createStateAccessors(conversationState);
  const dialogs = counter(conversationState, state, beforeSave);
  const bot = new TurnGate({ conversationState, state, dialogs, log });
  return { bot, adapter: new TestAdapter(bot.run) };
}
