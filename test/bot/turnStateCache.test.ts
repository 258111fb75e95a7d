import { expect } from 'chai';
import { TestAdapter, type Activity } from 'botbuilder';
import { MemoryConversationStore } from '../../src/adapters/memory/memoryConversationStore.js';
import { ConversationTurnState } from '../../src/bot/conversationTurnState.js';
import { createStateAccessors } from '../../dialogs/state.js';
import { TurnGate } from '../../src/bot/turnGate.js';
import { createLogger } from '../../src/log.js';
import type { ConversationStore } from '../../src/ports/conversationStore.js';
import { CountingStore, counter } from './turnGateHarness.js';

/**
 * The conversation document and its ETag are remembered per instance, so a steady conversation
 * costs one write a turn; another instance's write makes the next write fail (412), and the turn
 * runs again on what is stored.
 */
const log = createLogger('silent');

function message(text: string): Partial<Activity> {
  return { type: 'message', text };
}

function instance(
  store: ConversationStore,
  options: { maxAgeMs?: number; beforeSave?: () => Promise<void> } = {},
) {
  const counting = new CountingStore(store);
  const shared: string[] = [];
  const conversationState = new ConversationTurnState(counting, {
    ...options,
    onSharedChannel: (channel) => shared.push(channel),
  });
  const state = createStateAccessors(conversationState);
  const bot = new TurnGate({
    conversationState,
    state,
    dialogs: counter(conversationState, state, options.beforeSave),
    log,
  });
  return { bot, adapter: new TestAdapter(bot.run), store: counting, shared };
}

function replies(adapter: TestAdapter): string[] {
  return adapter.activeQueue.splice(0).map((activity) => activity.text ?? '');
}

describe('the conversation state cache (ConversationTurnState)', () => {
  it('reads a conversation once, then only writes', async () => {
    const a = instance(new MemoryConversationStore());
    for (const text of ['een', 'twee', 'drie', 'vier', 'vijf']) {
      await a.adapter.processActivity(message(text), a.bot.run);
    }
    expect(replies(a.adapter)).to.deep.equal([
      'count 1',
      'count 2',
      'count 3',
      'count 4',
      'count 5',
    ]);
    expect([a.store.reads, a.store.writes]).to.deep.equal([1, 5]);
  });

  it('runs a turn again on the stored state when another instance wrote since', async () => {
    const shared = new MemoryConversationStore();
    const a = instance(shared);
    const b = instance(shared);
    // TestAdapter gives both the same conversation.
    await a.adapter.processActivity(message('een'), a.bot.run);
    await b.adapter.processActivity(message('twee'), b.bot.run);
    await a.adapter.processActivity(message('drie'), a.bot.run);
    expect(replies(a.adapter)).to.deep.equal(['count 1', 'count 3']);
    expect(replies(b.adapter)).to.deep.equal(['count 2']);
    // a: the first read, and the reload after its remembered ETag was refused.
    expect(a.store.reads).to.equal(2);
    expect(a.store.writes, 'one refused write, rerun').to.equal(3);
    const { channelId, conversation } = a.adapter.conversation;
    expect((await shared.read(`${channelId}/${conversation.id}`))?.value.state.seen).to.equal(3);
  });

  it('reads a conversation that moves between instances every turn instead of running it twice', async () => {
    const shared = new MemoryConversationStore();
    const a = instance(shared);
    const b = instance(shared);
    // As Bot Service sends them: each message to either instance, here to each in turn.
    for (const [i, text] of ['een', 'twee', 'drie', 'vier', 'vijf', 'zes', 'zeven'].entries()) {
      const to = i % 2 === 0 ? a : b;
      await to.adapter.processActivity(message(text), to.bot.run);
    }
    expect(replies(a.adapter)).to.deep.equal(['count 1', 'count 3', 'count 5', 'count 7']);
    expect(replies(b.adapter)).to.deep.equal(['count 2', 'count 4', 'count 6']);
    // a: its third turn found its memory stale (one refused write, run again); from then on it
    // reads first. Trusting the memory would have refused a write on every later turn too.
    expect([a.store.reads, a.store.writes], 'a: reads, writes').to.deep.equal([4, 5]);
    expect([b.store.reads, b.store.writes], 'b: reads, writes').to.deep.equal([3, 4]);
    expect([a.shared, b.shared], 'told once each').to.deep.equal([['test'], ['test']]);

    // The mark is a's for the channel ('test'): a conversation of another channel that stays
    // on a keeps the memory.
    const elsewhere = TestAdapter.createConversation('on-a-only');
    const local = new TestAdapter({ ...elsewhere, channelId: 'directline' }, undefined, false);
    const before = [a.store.reads, a.store.writes];
    for (const text of ['een', 'twee', 'drie'])
      await local.processActivity(message(text), a.bot.run);
    expect(replies(local)).to.deep.equal(['count 1', 'count 2', 'count 3']);
    expect([a.store.reads - before[0]!, a.store.writes - before[1]!]).to.deep.equal([1, 3]);
  });

  it('keeps trusting its memory when a conversation it remembers was erased', async () => {
    const shared = new MemoryConversationStore();
    const a = instance(shared);
    await a.adapter.processActivity(message('een'), a.bot.run);
    const { channelId, conversation } = a.adapter.conversation;
    await shared.delete(`${channelId}/${conversation.id}`);
    for (const text of ['twee', 'drie', 'vier']) {
      await a.adapter.processActivity(message(text), a.bot.run);
    }
    expect(replies(a.adapter)).to.deep.equal(['count 1', 'count 1', 'count 2', 'count 3']);
    // 'twee': remembered, refused (gone), read again (nothing), created. Then memory again.
    expect([a.store.reads, a.store.writes]).to.deep.equal([2, 5]);
    expect(a.shared).to.deep.equal([]);
  });

  it('keeps trusting its memory after a race lost on a state it had just read', async () => {
    const shared = new MemoryConversationStore();
    const b = instance(shared);
    let raced = false;
    // Between a's read and a's write, b handles a message of the same conversation.
    const a = instance(shared, {
      beforeSave: async () => {
        if (raced) return;
        raced = true;
        await b.adapter.processActivity(message('tussendoor'), b.bot.run);
      },
    });
    await a.adapter.processActivity(message('een'), a.bot.run);
    await a.adapter.processActivity(message('twee'), a.bot.run);
    expect(replies(b.adapter)).to.deep.equal(['count 1']);
    expect(replies(a.adapter)).to.deep.equal(['count 2', 'count 3']);
    // a: read, refused write, reload and write; then 'twee' from memory: one write, no read.
    expect([a.store.reads, a.store.writes]).to.deep.equal([2, 3]);
    expect(a.shared).to.deep.equal([]);
  });

  it('reads again once what it remembers is older than maxAgeMs', async () => {
    const a = instance(new MemoryConversationStore(), { maxAgeMs: 0 });
    await a.adapter.processActivity(message('een'), a.bot.run);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await a.adapter.processActivity(message('twee'), a.bot.run);
    expect([a.store.reads, a.store.writes]).to.deep.equal([2, 2]);
  });

  it('keeps remembering a conversation through a turn that changed nothing', async () => {
    const a = instance(new MemoryConversationStore());
    for (const text of ['een', 'peek', 'twee']) {
      await a.adapter.processActivity(message(text), a.bot.run);
    }
    expect(replies(a.adapter)).to.deep.equal(['count 1', 'language none', 'count 2']);
    expect([a.store.reads, a.store.writes]).to.deep.equal([1, 2]);
  });
});
