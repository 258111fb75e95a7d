import { expect } from 'chai';
import { ConversationState, MemoryStorage, TestAdapter } from 'botbuilder';
import { DialogSet, DialogTurnStatus } from 'botbuilder-dialogs';
import {
  CHOICE_PROMPT,
  ChoicePrompt,
  type ChoicePromptOptions,
} from '../../dialogs/choicePrompt.js';
import { createStateAccessors } from '../../dialogs/state.js';
import { runPrompt, testDeps } from './harness.js';

const promptWith = (options: object) => runPrompt((deps) => new ChoicePrompt(deps), options);

describe('choice prompt', () => {
  const question: ChoicePromptOptions = {
    questionKey: 'menu.askAgain',
    retryKey: 'menu.retry',
    choices: [
      {
        value: 'intent:work',
        buttonKey: 'intent.work.button',
        synonymsKey: 'intent.work.synonyms',
      },
    ],
    extras: ['menu', 'language'],
  };

  it('shows the choices and the requested command buttons', async () => {
    const { adapter } = await promptWith(question);
    await adapter.receiveActivity('hi');
    const actions = adapter.activeQueue.at(-1)?.suggestedActions?.actions ?? [];
    expect(actions.map((a) => a.value)).to.deep.equal(['intent:work', 'menu', 'lang:choose']);
  });

  it('ends with the machine value of the chosen answer', async () => {
    const { adapter, results } = await promptWith(question);
    await adapter.receiveActivity('hi');
    await adapter.receiveActivity('ik zoek werk');
    expect(results).to.deep.equal(['intent:work']);
  });

  it('refuses options that do not match its schema', async () => {
    const { adapter } = await promptWith({ questionKey: 'menu.ask', choices: [] });
    let failure: unknown;
    await adapter.receiveActivity('hi').catch((error: unknown) => (failure = error));
    expect(failure).to.be.instanceOf(Error);
  });
});

describe('prompts opened before an update', () => {
  it('carry on from the state an earlier version kept ({ options, attempts })', async () => {
    const storage = new MemoryStorage();
    const conversationState = new ConversationState(storage);
    const state = createStateAccessors(conversationState);
    const dialogs = new DialogSet(state.dialogState);
    dialogs.add(new ChoicePrompt(await testDeps(state)));
    const question: ChoicePromptOptions = {
      questionKey: 'menu.ask',
      retryKey: 'menu.retry',
      choices: [{ value: 'yes', buttonKey: 'common.yes.button' }],
    };
    const results: unknown[] = [];
    const adapter = new TestAdapter(async (context) => {
      const dc = await dialogs.createContext(context);
      if (context.activity.text === 'begin') {
        await dc.beginDialog(CHOICE_PROMPT, question);
        // What the prompt kept before it was built on botbuilder's Prompt.
        const instance = dc.activeDialog;
        if (instance) instance.state = { options: instance.state.options, attempts: 0 };
      } else {
        const result = await dc.continueDialog();
        if (result.status === DialogTurnStatus.complete) results.push(result.result);
      }
      await conversationState.saveChanges(context);
    });
    await adapter.receiveActivity('begin');
    await adapter.receiveActivity('Ja');
    expect(results).to.deep.equal(['yes']);
  });
});
