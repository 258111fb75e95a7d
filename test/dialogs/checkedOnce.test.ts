import { expect } from 'chai';
import * as z from 'zod';
import { checkedOnce } from '../../dialogs/checkedOnce.js';

describe('checkedOnce', () => {
  const counting = () => {
    const counter = { parses: 0 };
    const schema = z
      .object({ questionKey: z.string().min(1), expect: z.enum(['text', 'time']).default('text') })
      .refine(() => ++counter.parses > 0);
    return { counter, read: checkedOnce(schema) };
  };

  it('reads an object once, and what it gave back without reading again', () => {
    const { counter, read } = counting();
    const stored = { questionKey: 'plan.when.ask' };
    const options = read(stored);
    expect(options).to.deep.equal({ questionKey: 'plan.when.ask', expect: 'text' });
    expect(read(stored)).to.equal(options);
    expect(read(options)).to.equal(options);
    expect(counter.parses).to.equal(1);
  });

  it('reads an equal object that is another object (state read from the store) again', () => {
    const { counter, read } = counting();
    read({ questionKey: 'plan.when.ask' });
    read(JSON.parse('{"questionKey":"plan.when.ask"}'));
    expect(counter.parses).to.equal(2);
  });

  it('refuses what does not fit every time, remembering nothing of it', () => {
    const { read } = counting();
    const stored = { questionKey: '' };
    expect(() => read(stored)).to.throw();
    expect(() => read(stored)).to.throw();
    expect(() => read(undefined)).to.throw();
  });
});
