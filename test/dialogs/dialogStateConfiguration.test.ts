import { expect } from 'chai';
import { ConversationState, MemoryStorage, TestAdapter, type TurnContext } from 'botbuilder';
import type { DialogContext } from 'botbuilder-dialogs';
import { Dialog, DialogSet, WaterfallDialog } from '../../dialogs/botbuilderDialogs.js';
import { DialogStateConfiguration } from '../../dialogs/dialogStateConfiguration.js';

describe('the dialog state configuration shared across turns', () => {
  it('hands later turns the memory scopes the first built, and dialog memory still works', async () => {
    const conversationState = new ConversationState(new MemoryStorage());
    const dialogs = new DialogSet(conversationState.createProperty('dialogState'));
    const heard: unknown[] = [];
    dialogs.add(
      new WaterfallDialog('remember', [
        async (step) => {
          step.state.setValue('dialog.first', step.context.activity.text);
          return Dialog.EndOfTurn;
        },
        async (step) => {
          heard.push(
            step.state.getValue('dialog.first'),
            step.state.getValue('turn.activity.text'),
          );
          return step.endDialog();
        },
      ]),
    );
    const shared = new DialogStateConfiguration();
    const configurations: unknown[] = [];
    const adapter = new TestAdapter(async (context: TurnContext) => {
      shared.prepare(context);
      const dc: DialogContext = await dialogs.createContext(context);
      shared.keep(context);
      configurations.push(dc.state.configuration);
      if (dc.activeDialog) await dc.continueDialog();
      else await dc.beginDialog('remember');
      await conversationState.saveChanges(context);
    });
    await adapter.send('een');
    await adapter.send('twee');
    await adapter.send('drie');
    expect(configurations).to.have.length(3);
    expect(configurations[1]).to.equal(configurations[0]);
    expect(configurations[2]).to.equal(configurations[0]);
    expect(heard).to.deep.equal(['een', 'twee']);
  });
});
