// The production build: Voordeur's server as one ES module bundle in dist/server/ (esbuild), with
// the parts that run only on first use (language detector, calendar clients, embedded Cosmos,
// Azure Monitor) in chunks of their own. One file to load instead of about 1 700 modules is most
// of what makes start-up fast; `npm test` type-checks the same sources with tsc.
//
//   node build.mjs               build
//   node build.mjs --if-changed  build only when a source, a dependency or this script changed
//                                (what `npm start` runs first)
import * as esbuild from 'esbuild';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));
const outdir = `${root}dist/server`;
const metafile = `${outdir}/meta.json`;

/**
 * Left to Node at run time: packages that read files beside their own code (the time zone
 * definitions of calendar files), patch modules as they load (Azure Monitor), or serve only
 * development (the embedded Cosmos server), and restify's optional native probe.
 */
const external = [
  '@azure/monitor-opentelemetry',
  '@touch4it/ical-timezones',
  '@vercel/cosmosdb-server',
  'dtrace-provider',
];

/**
 * botbuilder's packages each carry their own copy of zod 3 (five identical copies, about 95 KB
 * each in the bundle). Node would load them all; the bundle keeps one: every copy of the same
 * version as botbuilder's resolves to botbuilder's. Voordeur's own zod (4) is left alone.
 */
const oneZodPerVersion = {
  name: 'one-zod-per-version',
  setup(build) {
    const versionOf = (entry) => {
      let dir = dirname(entry);
      while (!existsSync(`${dir}/package.json`)) dir = dirname(dir);
      return JSON.parse(readFileSync(`${dir}/package.json`, 'utf8')).version;
    };
    const canonical = createRequire(`${root}node_modules/botbuilder/package.json`).resolve('zod');
    const version = versionOf(canonical);
    build.onResolve({ filter: /^zod$/ }, ({ importer }) => {
      if (!importer.includes('node_modules')) return undefined;
      const own = createRequire(importer).resolve('zod');
      return own !== canonical && versionOf(own) === version ? { path: canonical } : undefined;
    });
  },
};

function upToDate() {
  if (!existsSync(metafile)) return false;
  const built = statSync(metafile).mtimeMs;
  const inputs = Object.keys(JSON.parse(readFileSync(metafile, 'utf8')).inputs);
  return [...inputs, 'package-lock.json', 'build.mjs', 'tsconfig.json'].every((file) => {
    const path = `${root}${file}`;
    return existsSync(path) && statSync(path).mtimeMs < built;
  });
}

if (process.argv.includes('--if-changed') && upToDate()) process.exit(0);

const started = performance.now();
rmSync(outdir, { recursive: true, force: true }); // no chunk of an earlier build stays behind
const result = await esbuild.build({
  absWorkingDir: root,
  entryPoints: { index: 'src/main.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'bundle',
  external,
  plugins: [oneZodPerVersion],
  sourcemap: 'linked',
  // Fewer bytes to read and parse at every start; names stay, so stack traces still read.
  minifyWhitespace: true,
  minifySyntax: true,
  metafile: true,
  legalComments: 'linked',
  logLevel: 'warning',
  chunkNames: 'chunks/[name]-[hash]',
  // Bundled CommonJS packages call require() for Node's built-ins; an ES module has none of its own.
  banner: {
    js: "import { createRequire as voordeurCreateRequire } from 'node:module'; const require = voordeurCreateRequire(import.meta.url);",
  },
});
writeFileSync(metafile, JSON.stringify(result.metafile));
console.log(`build: dist/server/ in ${Math.round(performance.now() - started)} ms`);
