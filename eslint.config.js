// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const configOnly = {
  selector: "MemberExpression[object.name='process'][property.name='env']",
  message: 'Read configuration through src/config.ts only.',
};

/**
 * Time comes from the injected Clock (src/ports/clock.ts), passed once from the composition root,
 * so every part agrees on "now" and tests run on a fixed clock. Durations use performance.now().
 */
const clockMessage = 'Read the time from the injected Clock, not from the machine.';
const clockReads = [
  { selector: "MemberExpression[object.name='Date'][property.name='now']", message: clockMessage },
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: clockMessage },
  { selector: "MemberExpression[object.name='DateTime'][property.name='now']", message: clockMessage },
  {
    selector:
      "CallExpression[callee.object.name='DateTime'][callee.property.name=/^(local|utc)$/][arguments.length=0]",
    message: clockMessage,
  },
];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'test-artifacts/', 'src/http/public/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-syntax': ['error', configOnly],
    },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx', 'dialogs/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', configOnly, ...clockReads] },
  },
  {
    files: ['src/config.ts'],
    rules: { 'no-restricted-syntax': ['error', ...clockReads] },
  },
  {
    // The one place that reads the machine's clock; the composition root hands it to the rest.
    files: ['src/ports/clock.ts'],
    rules: { 'no-restricted-syntax': ['error', configOnly] },
  },
  {
    files: ['test/**/*.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'botbuilder*',
                'restify*',
                '@azure/*',
                'i18next',
                '../adapters/*',
                '../http/*',
                '../bot/*',
              ],
              message: 'src/domain stays pure: no frameworks, SDKs or adapters.',
            },
          ],
        },
      ],
    },
  },
);
