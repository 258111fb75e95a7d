import { expect } from 'chai';
import { TestAdapter, type Activity } from 'botbuilder';
import { MemoryConversationStore } from '../../src/adapters/memory/memoryConversationStore.js';
import { ConversationTurnState } from '../../src/bot/conversationTurnState.js';
import { createStateAccessors } from '../../dialogs/state.js';
import { TurnGate } from '../../src/bot/turnGate.js';
import { VoordeurError } from '../../src/errors.js';
import { createLogger } from '../../src/log.js';
import type { ConversationStore } from '../../src/ports/conversationStore.js';
import { CountingStore, counter, instance } from './turnGateHarness.js';

const log = createLogger('silent');

function message(text: string): Partial<Activity> {
  return { type: 'message', text };
}

function replies(adapter: TestAdapter): string[] {
  return adapter.activeQueue.splice(0).map((activity) => activity.text ?? '');
}

describe('the turn gate (TurnGate)', () => {
  it('costs one read and one write for a turn that changes state', async () => {
    const store = new CountingStore(new MemoryConversationStore());
    const { adapter, bot } = instance(store);
    await adapter.processActivity(message('hallo'), bot.run);
    expect([store.reads, store.writes]).to.deep.equal([1, 1]);
    expect(replies(adapter)).to.deep.equal(['count 1']);
  });

  it('writes nothing for a turn that changes nothing', async () => {
    const store = new CountingStore(new MemoryConversationStore());
    const { adapter, bot } = instance(store);
    await adapter.processActivity(message('hallo'), bot.run);
    await adapter.processActivity(message('peek'), bot.run);
    // The second turn reads nothing either: this instance wrote the document last.
    expect([store.reads, store.writes]).to.deep.equal([1, 1]);
  });

  it('stamps replies with the locale of the resident', async () => {
    const { adapter, bot } = instance(new MemoryConversationStore());
    await adapter.processActivity(message('hallo'), bot.run);
    expect(adapter.activeQueue[0]?.locale).to.equal('nl-NL');
  });

  it('runs two messages of one conversation one after the other, losing no update', async () => {
    const store = new CountingStore(new MemoryConversationStore());
    const { adapter, bot } = instance(store);
    await Promise.all([
      adapter.processActivity(message('een'), bot.run),
      adapter.processActivity(message('twee'), bot.run),
      adapter.processActivity(message('drie'), bot.run),
    ]);
    expect(replies(adapter)).to.deep.equal(['count 1', 'count 2', 'count 3']);
    expect(store.writes).to.equal(3);
  });

  it('runs a turn again on fresh state when another instance wrote first, sending each reply once', async () => {
    const shared = new CountingStore(new MemoryConversationStore());
    // Both instances load before either saves: a real race between two servers.
    let arrived = 0;
    let release!: () => void;
    const bothLoaded = new Promise<void>((resolve) => (release = resolve));
    const barrier = async () => {
      arrived++;
      if (arrived === 2) release();
      await Promise.race([bothLoaded, new Promise((resolve) => setTimeout(resolve, 1000))]);
    };
    const a = instance(shared, barrier);
    const b = instance(shared, barrier);
    await Promise.all([
      a.adapter.processActivity(message('een'), a.bot.run),
      b.adapter.processActivity(message('twee'), b.bot.run),
    ]);
    const all = [...replies(a.adapter), ...replies(b.adapter)].sort();
    expect(all).to.deep.equal(['count 1', 'count 2']);
    const { channelId, conversation } = a.adapter.conversation;
    const stored = await shared.read(`${channelId}/${conversation.id}`);
    expect(stored?.value.state.seen).to.equal(2);
    expect(shared.writes, 'two writes and one rerun after the conflict').to.equal(3);
  });

  it('gives up after a bounded number of conflicts and sends nothing', async () => {
    const always: ConversationStore = {
      read: async () => undefined,
      write: async () => {
        throw new VoordeurError('VD_STATE_CONFLICT');
      },
      delete: async () => undefined,
    };
    const conversationState = new ConversationTurnState(always);
    const state = createStateAccessors(conversationState);
    const dialogs = counter(conversationState, state);
    const bot = new TurnGate({ conversationState, state, dialogs, log, maxAttempts: 3 });
    const adapter = new TestAdapter(bot.run);
    let caught: unknown;
    adapter.onTurnError = async (_context, error) => {
      caught = error;
    };
    await adapter.processActivity(message('hallo'), bot.run);
    expect(caught).to.be.instanceOf(VoordeurError).with.property('code', 'VD_STATE_CONFLICT');
    expect(replies(adapter)).to.deep.equal([]);
  });
});
