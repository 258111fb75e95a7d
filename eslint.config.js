// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

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
  {
    selector: "MemberExpression[object.name='DateTime'][property.name='now']",
    message: clockMessage,
  },
  {
    selector:
      "CallExpression[callee.object.name='DateTime'][callee.property.name=/^(local|utc)$/][arguments.length=0]",
    message: clockMessage,
  },
];

/**
 * The direction of flow: channels → http → bot → dialogs → planner → domain, with ports below
 * and adapters implementing them; src/app.ts and src/index.ts compose everything. Each folder
 * lists what it may not import; a wrong edge fails `npm test` (test/lint.test.ts shows one per
 * layer). botbuilder stays in src/bot, dialogs and src/channels, so a move to the Microsoft 365
 * Agents SDK swaps those and nothing else.
 */
const forbid = (message, ...regexes) => regexes.map((regex) => ({ regex, message }));
const sdks = {
  botbuilder: '^botbuilder',
  restify: '^restify',
  azure: '^@azure/',
  i18next: '^i18next',
};
const folder = {
  adapters: '(^|/)adapters/',
  bot: '(^|/)bot/',
  channels: '(^|/)channels/',
  config: '(^|/)config\\.js$',
  app: '(^|/)(\\.\\.|src)/(app|index)\\.js$',
  dialogs: '(^|/)dialogs/',
  http: '(^|/)http/',
  planner: '(^|/)planner/',
  ports: '(^|/)ports/',
  i18n: '(^|/)i18n\\.js$',
  log: '(^|/)log\\.js$',
  staff: '(^|/)staff/',
};
const layerRules = [
  {
    files: ['src/domain/**/*.ts'],
    patterns: forbid(
      'src/domain stays pure: no frameworks, SDKs, ports, adapters or other layers.',
      sdks.botbuilder,
      sdks.restify,
      sdks.azure,
      sdks.i18next,
      folder.adapters,
      folder.bot,
      folder.channels,
      folder.config,
      folder.app,
      folder.dialogs,
      folder.http,
      folder.planner,
      folder.ports,
      folder.i18n,
      folder.log,
      folder.staff,
    ),
  },
  {
    files: ['src/ports/**/*.ts'],
    patterns: forbid(
      'src/ports holds interfaces over the domain: nothing from the layers that use or implement them.',
      sdks.botbuilder,
      sdks.restify,
      sdks.azure,
      sdks.i18next,
      folder.adapters,
      folder.bot,
      folder.channels,
      folder.config,
      folder.app,
      folder.dialogs,
      folder.http,
      folder.planner,
      folder.staff,
    ),
  },
  {
    files: ['src/adapters/**/*.ts'],
    patterns: forbid(
      'Adapters implement ports; they take their settings as arguments and know no layer above.',
      sdks.botbuilder,
      sdks.restify,
      folder.bot,
      folder.channels,
      folder.config,
      folder.app,
      folder.dialogs,
      folder.http,
      folder.planner,
      folder.staff,
    ),
  },
  {
    files: ['src/planner/**/*.ts'],
    patterns: forbid(
      'The planner works on ports and the domain only.',
      sdks.botbuilder,
      sdks.restify,
      sdks.azure,
      folder.adapters,
      folder.bot,
      folder.channels,
      folder.config,
      folder.app,
      folder.dialogs,
      folder.http,
      folder.staff,
    ),
  },
  {
    files: ['dialogs/**/*.ts'],
    patterns: forbid(
      'Dialogs get everything through their deps: no bot, http, channels, adapters or config.',
      sdks.restify,
      sdks.azure,
      folder.adapters,
      folder.bot,
      folder.channels,
      folder.config,
      folder.app,
      folder.http,
      folder.staff,
    ),
  },
  {
    files: ['src/bot/**/*.ts'],
    patterns: forbid(
      'The turn gate runs dialogs over ports; it knows no server, channel or adapter.',
      sdks.restify,
      sdks.azure,
      folder.adapters,
      folder.channels,
      folder.config,
      folder.app,
      folder.http,
      folder.staff,
    ),
  },
  {
    files: ['src/http/**/*.ts'],
    patterns: forbid(
      'src/http is the generic server: channels register on it, it knows none of them.',
      sdks.botbuilder,
      sdks.azure,
      folder.adapters,
      folder.bot,
      folder.channels,
      folder.app,
      folder.dialogs,
      folder.staff,
    ),
  },
  {
    files: ['src/channels/**/*.ts'],
    patterns: forbid(
      'Channels reach storage through ports, never through an adapter.',
      sdks.azure,
      folder.adapters,
      folder.app,
      folder.staff,
    ),
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
    files: ['src/**/*.ts', 'dialogs/**/*.ts'],
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
  ...layerRules.map(({ files, patterns }) => ({
    files,
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  })),
  {
    // A cycle, even of types only, means two files are one idea or a layer runs both ways.
    files: ['src/**/*.ts', 'dialogs/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver()],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
);
