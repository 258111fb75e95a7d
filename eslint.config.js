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
 * zod's named `z` holds all of zod, its locales too, so the production build cannot leave out what
 * is unused (about 0.45 MB of the bundle); the namespace import lets it.
 */
const zodWhole = {
  selector: "ImportDeclaration[source.value='zod'] > ImportSpecifier[imported.name='z']",
  message: "Write import * as z from 'zod', so the build keeps only the zod it uses.",
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
const sdks = ['^botbuilder', '^restify', '^@azure/', '^i18next', '^@opentelemetry/'];
const folderPattern = {
  app: '(^|/)(\\.\\.|src)/(app|index)\\.js$',
  staff: '(^|/)staff/',
  recording: '(^|/)recording/',
  privacy: '(^|/)privacy/',
  outbox: '(^|/)outbox/',
  channels: '(^|/)channels/',
  http: '(^|/)http/',
  bot: '(^|/)bot/',
  dialogs: '(^|/)dialogs/',
  planner: '(^|/)planner/',
  adapters: '(^|/)adapters/',
  config: '(^|/)config\\.js$',
  ports: '(^|/)ports/',
  i18n: '(^|/)i18n\\.js$',
  log: '(^|/)log\\.js$',
  telemetry: '(^|/)telemetry/',
};
const everyLayer = [
  'app',
  'staff',
  'channels',
  'http',
  'bot',
  'dialogs',
  'planner',
  'recording',
  'privacy',
  'outbox',
  'adapters',
  'config',
  'telemetry',
];
const layer = (files, message, { sdk = [], folders = [] }) => ({
  files,
  patterns: [...sdk, ...folders.map((name) => folderPattern[name])].map((regex) => ({
    regex,
    message,
  })),
});
const except = (...names) => everyLayer.filter((name) => !names.includes(name));
const layerRules = [
  layer(
    ['src/outbox/**/*.ts'],
    'The outbox works on ports, the planner and the domain; channels deliver its notices.',
    {
      sdk: sdks.slice(0, 3),
      folders: except('outbox', 'planner'),
    },
  ),
  layer(['src/privacy/**/*.ts'], 'The privacy services work on ports and the domain only.', {
    sdk: sdks.slice(0, 3),
    folders: except('privacy', 'planner'),
  }),
  layer(
    ['src/recording/**/*.ts'],
    'Recording decorates ports for the staff pages; it knows no layer above.',
    {
      sdk: sdks.slice(0, 3),
      folders: except('recording', 'planner'),
    },
  ),
  layer(
    ['src/staff/**/*.{ts,tsx}'],
    'Staff pages read through ports, like a channel: no adapters, no bot.',
    {
      sdk: [sdks[0], sdks[2]],
      folders: ['app', 'channels', 'bot', 'dialogs', 'adapters'],
    },
  ),
  layer(
    ['src/domain/**/*.ts'],
    'src/domain stays pure: no frameworks, SDKs, ports, adapters or other layers.',
    {
      sdk: sdks,
      folders: [...everyLayer, 'ports', 'i18n', 'log'],
    },
  ),
  layer(
    ['src/ports/**/*.ts'],
    'src/ports holds interfaces over the domain: nothing from the layers that use or implement them.',
    {
      sdk: sdks,
      folders: everyLayer,
    },
  ),
  layer(
    ['src/adapters/**/*.ts'],
    'Adapters implement ports; they take their settings as arguments and know no layer above.',
    {
      sdk: sdks.slice(0, 2),
      folders: except('adapters'),
    },
  ),
  layer(['src/planner/**/*.ts'], 'The planner works on ports and the domain only.', {
    sdk: sdks.slice(0, 3),
    folders: except('planner'),
  }),
  layer(
    ['dialogs/**/*.ts'],
    'Dialogs get everything through their deps: no bot, http, channels, adapters or config.',
    {
      sdk: sdks.slice(1, 3),
      folders: except('dialogs', 'planner'),
    },
  ),
  layer(
    ['src/bot/**/*.ts'],
    'The turn gate runs dialogs over ports; it knows no server, channel or adapter.',
    {
      sdk: sdks.slice(1, 3),
      folders: except('bot', 'dialogs', 'planner', 'recording'),
    },
  ),
  layer(
    ['src/http/**/*.ts'],
    'src/http is the generic server: channels register on it, it knows none of them.',
    {
      sdk: [sdks[0], sdks[2]],
      folders: except('http', 'planner', 'config'),
    },
  ),
  layer(
    ['src/telemetry/**/*.ts'],
    'Telemetry decorates ports and the Cosmos client; it takes its settings as arguments.',
    {
      sdk: [sdks[0], sdks[1], sdks[3]],
      folders: except('telemetry'),
    },
  ),
  layer(
    ['src/channels/**/*.ts'],
    'Channels reach storage through ports, never through an adapter.',
    {
      sdk: [sdks[2]],
      folders: ['app', 'staff', 'adapters'],
    },
  ),
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
    rules: { 'no-restricted-syntax': ['error', configOnly, zodWhole, ...clockReads] },
  },
  {
    files: ['src/config.ts'],
    rules: { 'no-restricted-syntax': ['error', zodWhole, ...clockReads] },
  },
  {
    // The one place that reads the machine's clock; the composition root hands it to the rest.
    files: ['src/ports/clock.ts'],
    rules: { 'no-restricted-syntax': ['error', configOnly, zodWhole] },
  },
  {
    // The build script runs on plain Node before anything is compiled.
    files: ['build.mjs'],
    languageOptions: {
      globals: {
        console: 'readonly',
        performance: 'readonly',
        process: 'readonly',
        URL: 'readonly',
      },
    },
    rules: { 'no-restricted-syntax': 'off' },
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
    // botbuilder-dialogs' index loads every stock prompt and the recognizers behind them (about
    // 5 MB of code Voordeur never runs); dialogs/botbuilderDialogs.ts imports the classes we use
    // from their own files.
    files: ['src/**/*.ts', 'src/**/*.tsx', 'dialogs/**/*.ts'],
    ignores: ['dialogs/botbuilderDialogs.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'botbuilder-dialogs',
              allowTypeImports: true,
              message:
                'Import dialog classes from dialogs/botbuilderDialogs.ts (types may come from here).',
            },
          ],
        },
      ],
    },
  },
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
