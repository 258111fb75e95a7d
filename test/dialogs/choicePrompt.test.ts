import { expect } from 'chai';
import { ChoicePrompt, type ChoicePromptOptions } from '../../dialogs/choicePrompt.js';
import { runPrompt } from './harness.js';

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
