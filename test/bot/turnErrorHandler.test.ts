import { expect } from 'chai';
import { TestAdapter, type TurnContext } from 'botbuilder';
import { DialogContext, DialogContextError, DialogSet } from 'botbuilder-dialogs';
import { MemoryConversationStore } from '../../src/adapters/memory/memoryConversationStore.js';
import { ConversationTurnState } from '../../src/bot/conversationTurnState.js';
import { createTurnErrorHandler } from '../../src/bot/turnErrorHandler.js';
import { createStateAccessors } from '../../dialogs/state.js';
import { TurnGate } from '../../src/bot/turnGate.js';
import { VoordeurError } from '../../src/errors.js';
import { createTranslator } from '../../src/i18n.js';
import { createLogger } from '../../src/log.js';
import type { ConversationStore } from '../../src/ports/conversationStore.js';

/** A logger writing into an array, so the test can read what was (not) logged. */
function capturingLogger() {
  const lines: string[] = [];
  const log = createLogger('info', { write: (line: string) => void lines.push(line) });
  return { log, lines };
}

async function setup(
  store: ConversationStore,
  failing: { times: number; error: (context: TurnContext) => Error },
) {
  const i18n = await createTranslator();
  const conversationState = new ConversationTurnState(store);
  const state = createStateAccessors(conversationState);
  const { log, lines } = capturingLogger();
  const dialogs = {
    async onTurn(context: TurnContext) {
      await state.dialogState.set(context, { dialogStack: [{ id: 'broken', state: {} }] });
      await state.profile.set(context, { language: 'en' });
      if (failing.times-- > 0) throw failing.error(context);
      await context.sendActivity(`ok: ${context.activity.text}`);
    },
  };
  const bot = new TurnGate({ conversationState, state, dialogs, log });
  const adapter = new TestAdapter(bot.run);
  adapter.onTurnError = createTurnErrorHandler({
    conversationState,
    state,
    t: (lng, key, opts) => i18n.t(lng, key, opts),
    phone: '14 0411',
    log,
  });
  return { adapter, bot, lines, i18n, state };
}

describe('the turn error handler', () => {
  it("apologises in the resident's language, logs no message text, and the next message works", async () => {
    const { adapter, bot, lines, i18n } = await setup(new MemoryConversationStore(), {
      times: 1,
      error: () => new Error('dialog broke'),
    });
    await adapter.processActivity({ type: 'message', text: 'mijn geheime tekst' }, bot.run);
    const apology = adapter.activeQueue.splice(0);
    expect(apology.map((a) => a.text)).to.deep.equal([
      i18n.t('en', 'error.apology', { phone: '14 0411' }),
    ]);
    expect(lines.join('\n'))
      .to.include('dialog broke')
      .and.include('broken')
      .and.not.include('mijn geheime tekst');

    await adapter.processActivity({ type: 'message', text: 'opnieuw' }, bot.run);
    expect(adapter.activeQueue.splice(0).map((a) => a.text)).to.deep.equal(['ok: opnieuw']);
  });

  it('tells the resident the store is down, in the language of their channel', async () => {
    const down: ConversationStore = {
      read: async () => {
        throw new VoordeurError('VD_STORE_UNAVAILABLE');
      },
      write: async () => {
        throw new VoordeurError('VD_STORE_UNAVAILABLE');
      },
      delete: async () => undefined,
    };
    const { adapter, bot, i18n } = await setup(down, {
      times: 0,
      error: () => new Error('unused'),
    });
    await adapter.processActivity({ type: 'message', text: 'hello', locale: 'en-US' }, bot.run);
    expect(adapter.activeQueue.map((a) => a.text)).to.deep.equal([
      i18n.t('en', 'error.storeDown', { phone: '14 0411' }),
    ]);
  });

  it('gives a missing database or container the store-down message, not the apology', async () => {
    const { adapter, bot, i18n, lines } = await setup(new MemoryConversationStore(), {
      times: 1,
      error: () => new VoordeurError('VD_STORE_MISSING', "container 'conversations'"),
    });
    await adapter.processActivity({ type: 'message', text: 'hello', locale: 'en-US' }, bot.run);
    expect(adapter.activeQueue.splice(0).map((a) => a.text)).to.deep.equal([
      i18n.t('en', 'error.storeDown', { phone: '14 0411' }),
    ]);
    expect(lines.join('\n')).to.include('VD_STORE_MISSING');
  });

  it('gives a store outage inside a dialog (wrapped by botbuilder-dialogs) the store-down message', async () => {
    const { adapter, bot, i18n } = await setup(new MemoryConversationStore(), {
      times: 1,
      error: (context) =>
        new DialogContextError(
          new VoordeurError('VD_STORE_UNAVAILABLE'),
          new DialogContext(new DialogSet(), context, { dialogStack: [] }),
        ),
    });
    await adapter.processActivity({ type: 'message', text: 'hello', locale: 'en-US' }, bot.run);
    expect(adapter.activeQueue.splice(0).map((a) => a.text)).to.deep.equal([
      i18n.t('en', 'error.storeDown', { phone: '14 0411' }),
    ]);
  });
});
