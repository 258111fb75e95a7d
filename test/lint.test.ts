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

  describe('layers: one direction of flow', () => {
    // Each line is an edge that runs the wrong way: the file on the left may not import it.
    const wrongEdges: [file: string, code: string][] = [
      ['src/domain/x.ts', "import { CloudAdapter } from 'botbuilder';"],
      ['src/domain/x.ts', "import type { Calendar } from '../ports/calendar.js';"],
      ['src/domain/x.ts', "import { createLogger } from '../log.js';"],
      ['src/ports/x.ts', "import { CosmosCalendar } from '../adapters/cosmos/cosmosCalendar.js';"],
      ['src/adapters/cosmos/x.ts', "import type { Config } from '../../config.js';"],
      ['src/adapters/cosmos/x.ts', "import { TurnGate } from '../../bot/turnGate.js';"],
      ['src/planner/x.ts', "import { connectCosmos } from '../adapters/cosmos/cosmosClient.js';"],
      ['dialogs/x.ts', "import { TurnGate } from '../src/bot/turnGate.js';"],
      ['dialogs/x.ts', "import { loadConfig } from '../src/config.js';"],
      [
        'dialogs/x.ts',
        "import { CosmosCalendar } from '../src/adapters/cosmos/cosmosCalendar.js';",
      ],
      ['src/bot/x.ts', "import { createServer } from '../http/server.js';"],
      ['src/http/x.ts', "import type { TurnContext } from 'botbuilder';"],
      [
        'src/http/x.ts',
        "import { registerDirectLine } from '../channels/directLine/directLine.js';",
      ],
      [
        'src/channels/whatsapp/x.ts',
        "import { connectCosmos } from '../../adapters/cosmos/cosmosClient.js';",
      ],
    ];
    for (const [file, code] of wrongEdges) {
      it(`refuses in ${file}: ${code}`, async () => {
        const messages = await ruleMessages(file, code);
        expect(
          messages.some((m) => m.startsWith('no-restricted-imports:')),
          messages.join('\n'),
        ).to.equal(true);
      });
    }

    const rightEdges: [file: string, code: string][] = [
      ['src/domain/x.ts', "import { DateTime } from 'luxon';"],
      ['src/adapters/cosmos/x.ts', "import type { Calendar } from '../../ports/calendar.js';"],
      ['dialogs/x.ts', "import type { Planner } from '../src/planner/planner.js';"],
      ['src/bot/x.ts', "import { createDialogs } from '../../dialogs/index.js';"],
      ['src/channels/whatsapp/x.ts', "import { readBody } from '../../http/bodyReader.js';"],
    ];
    for (const [file, code] of rightEdges) {
      it(`allows in ${file}: ${code}`, async () => {
        const messages = await ruleMessages(file, code);
        expect(messages.filter((m) => m.startsWith('no-restricted-imports:'))).to.deep.equal([]);
      });
    }

    it("refuses a class from botbuilder-dialogs' index, whose prompts load 5 MB of recognizers", async () => {
      const refused = await ruleMessages(
        'dialogs/x.ts',
        "import { WaterfallDialog } from 'botbuilder-dialogs';",
      );
      expect(
        refused.some((m) => m.startsWith('@typescript-eslint/no-restricted-imports:')),
        refused.join('\n'),
      ).to.equal(true);
      const allowed = await ruleMessages(
        'dialogs/x.ts',
        "import type { DialogContext } from 'botbuilder-dialogs';\nimport { WaterfallDialog } from './botbuilderDialogs.js';",
      );
      expect(allowed.filter((m) => m.includes('no-restricted-imports'))).to.deep.equal([]);
    });

    it("refuses zod's named `z`, which keeps the whole library in the build", async () => {
      const refused = await ruleMessages('src/domain/x.ts', "import { z } from 'zod';");
      expect(
        refused.some((m) => m.startsWith('no-restricted-syntax:')),
        refused.join('\n'),
      ).to.equal(true);
      const allowed = await ruleMessages('src/domain/x.ts', "import * as z from 'zod';");
      expect(allowed.filter((m) => m.includes('no-restricted-syntax'))).to.deep.equal([]);
    });

    it('refuses an import cycle', async () => {
      // src/domain/redaction.ts imports ./digits.js: importing it back closes a loop.
      const code = [
        "import { redactPersonalData } from './redaction.js';",
        'export const redact = redactPersonalData;',
      ].join('\n');
      const messages = await ruleMessages('src/domain/digits.ts', code);
      expect(
        messages.some((m) => m.startsWith('import-x/no-cycle:')),
        messages.join('\n'),
      ).to.equal(true);
    });
  });
});
