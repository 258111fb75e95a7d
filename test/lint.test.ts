import { expect } from 'chai';
import { ESLint } from 'eslint';
import { projectRoot } from '../src/paths.js';

/**
 * The rules that keep the house in order are lint rules, not review comments: these tests show
 * that a wrong line in a given file fails `npm test`.
 */
const eslint = new ESLint({ cwd: projectRoot });

async function ruleMessages(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('lint rules', () => {
  describe('time comes from the injected clock', () => {
    const readsOfTheMachineClock = [
      'export const now = Date.now();',
      'export const now = new Date();',
      'export const now = () => Date.now;',
      "import { DateTime } from 'luxon';\nexport const now = DateTime.now();",
      "import { DateTime } from 'luxon';\nexport const now = DateTime.local();",
    ];
    for (const file of ['src/adapters/cosmos/any.ts', 'dialogs/any.ts', 'src/domain/any.ts']) {
      for (const code of readsOfTheMachineClock) {
        it(`refuses ${JSON.stringify(code.split('\n').at(-1))} in ${file}`, async () => {
          expect(await ruleMessages(file, code)).to.include(
            'no-restricted-syntax: Read the time from the injected Clock, not from the machine.',
          );
        });
      }
    }

    it('allows a given instant and a monotonic stopwatch', async () => {
      const code = [
        "export const at = new Date('2026-12-03T10:00:00Z');",
        'export const copy = new Date(at.getTime());',
        'export const elapsed = performance.now();',
      ].join('\n');
      expect(await ruleMessages('src/adapters/any.ts', code)).to.deep.equal([]);
    });

    it('lets the system clock itself read the machine', async () => {
      expect(
        await ruleMessages('src/ports/clock.ts', 'export const now = () => new Date();'),
      ).to.deep.equal([]);
    });
  });
});
