import { expect } from 'chai';
import type { TurnContext } from 'botbuilder';
import type { PromptRecognizerResult } from 'botbuilder-dialogs';
import type * as z from 'zod';
import type { DialogDeps } from '../../dialogs/deps.js';
import {
  OpenPrompt,
  type openPromptOptionsSchema,
  type OpenAnswer,
  type OpenPromptOptions,
} from '../../dialogs/openPrompt.js';
import { runPrompt } from './harness.js';

/**
 * The real prompt, counting how often botbuilder has it recognize an answer: each time parses a
 * typed time again.
 */
class CountingOpenPrompt extends OpenPrompt {
  reads = 0;
  constructor(deps: DialogDeps) {
    super(deps);
  }
  protected override onRecognize(
    context: TurnContext,
    state: object,
    options: z.infer<typeof openPromptOptionsSchema>,
  ): Promise<PromptRecognizerResult<OpenAnswer>> {
    this.reads += 1;
    return super.onRecognize(context, state, options);
  }
}

const whenQuestion: OpenPromptOptions = {
  questionKey: 'plan.when.ask',
  retryKey: 'plan.when.retry',
  expect: 'time',
};

async function ask(options: OpenPromptOptions) {
  let prompt: CountingOpenPrompt | undefined;
  const run = await runPrompt((deps) => (prompt = new CountingOpenPrompt(deps)), options);
  await run.adapter.receiveActivity('hallo');
  if (!prompt) throw new Error('prompt not made');
  return { ...run, prompt };
}

describe('open prompt', () => {
  it('ends with the time preference it understood, and the words it came from', async () => {
    const { adapter, results } = await ask(whenQuestion);
    await adapter.receiveActivity('dinsdagochtend');
    expect(results).to.deep.equal([
      {
        kind: 'time',
        text: 'dinsdagochtend',
        preference: { days: [2], times: [{ start: 480, end: 720 }] },
      },
    ]);
  });

  it('reads each answer once, also an answer it asks again for', async () => {
    const { adapter, results, prompt } = await ask(whenQuestion);
    await adapter.receiveActivity('gisteren');
    expect(prompt.reads).to.equal(1);
    expect(results).to.deep.equal([]);
    await adapter.receiveActivity('na 3 uur');
    expect(prompt.reads).to.equal(2);
    expect(results).to.have.length(1);
  });

  it('says why a time does not fit, then asks the retry question', async () => {
    const { adapter } = await ask(whenQuestion);
    adapter.activeQueue.splice(0);
    await adapter.receiveActivity('gisteren');
    const texts = adapter.activeQueue.splice(0).map((activity) => activity.text);
    expect(texts).to.deep.equal([
      'Die dag is al voorbij. Kies een dag vanaf morgen.',
      'Wanneer komt het u goed uit? Kies een knop, of typ een dag of tijd.',
    ]);
  });

  it('ends with the phone number in international form', async () => {
    const { adapter, results } = await ask({ questionKey: 'plan.contact.number', expect: 'phone' });
    await adapter.receiveActivity('06-1234 5678');
    expect(results).to.deep.equal([{ kind: 'phone', phone: '+31612345678' }]);
  });

  it('ends with where the resident lives', async () => {
    const { adapter, results } = await ask({ questionKey: 'plan.where.ask', expect: 'place' });
    await adapter.receiveActivity('ik woon in Vught');
    expect(results).to.deep.equal([{ kind: 'place', residence: { place: 'Vught' } }]);
  });
});
