import { expect } from 'chai';
import { ConversationState, MemoryStorage, TestAdapter, type TurnContext } from 'botbuilder';
import type { DialogContext, DialogEvent } from 'botbuilder-dialogs';
import { Dialog, DialogSet, WaterfallDialog } from '../../dialogs/botbuilderDialogs.js';
import { ActivityReceivedEvent } from '../../dialogs/activityReceivedEvent.js';

/** A waterfall that counts the events botbuilder raises on it. */
class CountingWaterfall extends WaterfallDialog {
  readonly events: string[] = [];
  override async onDialogEvent(dc: DialogContext, e: DialogEvent): Promise<boolean> {
    this.events.push(e.name);
    return super.onDialogEvent(dc, e);
  }
}

async function conversation(skipping: boolean) {
  const conversationState = new ConversationState(new MemoryStorage());
  const dialogs = new DialogSet(conversationState.createProperty('dialogState'));
  const heard: string[] = [];
  const waterfall = new CountingWaterfall('ask', [
    async () => Dialog.EndOfTurn,
    async (step) => {
      heard.push(String(step.context.activity.text));
      return Dialog.EndOfTurn;
    },
    async (step) => {
      heard.push(String(step.context.activity.text));
      return step.endDialog();
    },
  ]);
  dialogs.add(waterfall);
  const event = new ActivityReceivedEvent();
  const adapter = new TestAdapter(async (context: TurnContext) => {
    const dc = await dialogs.createContext(context);
    if (dc.activeDialog) {
      if (skipping) event.skip(context);
      await dc.continueDialog();
      if (skipping) event.learn(context);
    } else {
      await dc.beginDialog('ask');
    }
    await conversationState.saveChanges(context);
  });
  for (const text of ['een', 'twee', 'drie']) await adapter.send(text);
  return { heard, events: waterfall.events };
}

describe("botbuilder-dialogs' activityReceived event", () => {
  it('goes out on every continued turn without the skip (what botbuilder does)', async () => {
    const { heard, events } = await conversation(false);
    expect(heard).to.deep.equal(['twee', 'drie']);
    expect(events).to.deep.equal(['activityReceived', 'activityReceived']);
  });

  it('goes out once, on the first continued turn, with it; the dialogs run the same', async () => {
    const { heard, events } = await conversation(true);
    expect(heard).to.deep.equal(['twee', 'drie']);
    expect(events).to.deep.equal(['activityReceived']);
  });
});
