/**
 * `npm run audit:deps`: audits the production dependency tree.
 *
 * 1. Asks the registry's advisory database (`npm audit --omit=dev`). Where it answers (CI),
 *    every advisory of moderate severity or more fails, except those listed in
 *    `knownAdvisories.ts` as not reached by Voordeur.
 * 2. Where it does not answer (some registries refuse the bulk advisory endpoint with 405, as on
 *    the development machines), checks the installed tree against `knownAdvisories.ts` only and
 *    says plainly that this is all it could check. Under `CI=true` that ends in exit code 2, so
 *    a pipeline never passes on an audit that did not happen.
 * 3. Always checks that what makes a listed advisory unreachable still holds in Voordeur's code.
 *
 * Needs the network for step 1; not part of `npm test` (whose offline part is
 * `test/audit/knownAdvisories.test.ts`).
 */
import { execFile } from 'node:child_process';
import { projectRoot } from '../../src/paths.js';
import {
  auditFindings,
  knownAdvisories,
  knownHits,
  readSource,
  type LsNode,
} from './knownAdvisories.js';

const severities = ['info', 'low', 'moderate', 'high', 'critical'] as const;
const failAt = severities.indexOf('moderate');

function npm(args: string[]): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(
      'npm',
      args,
      { cwd: projectRoot, maxBuffer: 64 * 1024 * 1024, timeout: 120_000 },
      (error, stdout) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout });
      },
    );
  });
}

function parse(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

async function main(): Promise<number> {
  let failed = false;

  const source = readSource(projectRoot);
  for (const advisory of knownAdvisories) {
    for (const problem of advisory.guard(source)) {
      console.log(`FAIL ${advisory.id} (${advisory.package}) may now be reached: ${problem}`);
      failed = true;
    }
  }

  const audit = await npm(['audit', '--omit=dev', '--json']);
  const report = parse(audit.stdout);
  if (report && 'vulnerabilities' in report) {
    const findings = auditFindings(report);
    console.log(`npm audit: ${findings.length} advisories in the production tree`);
    for (const finding of findings) {
      const known = knownAdvisories.find((advisory) => advisory.id === finding.id);
      const line = `${finding.id} ${finding.name} ${finding.range} (${finding.severity}): ${finding.title}`;
      if (known) {
        console.log(`  accepted ${line}\n    not reached: ${known.notReached}`);
      } else if (severities.indexOf(finding.severity as (typeof severities)[number]) >= failAt) {
        console.log(`  FAIL     ${line}`);
        failed = true;
      } else {
        console.log(`  low      ${line}`);
      }
    }
    return failed ? 1 : 0;
  }

  const reason =
    String(report?.message ?? report?.error ?? audit.stdout)
      .split('\n')[0]
      ?.replace(/https?:\/\/\S+/g, '<registry>') ?? 'no answer';
  console.log(`npm audit could not ask the advisory database (${reason}).`);
  const ls = await npm(['ls', '--omit=dev', '--all', '--json']);
  const tree = parse(ls.stdout) as LsNode | undefined;
  if (!tree) {
    console.log('FAIL could not read the installed tree (npm ls --omit=dev --all --json)');
    return 1;
  }
  const hits = knownHits(tree);
  console.log(
    `Checked the installed production tree against the ${knownAdvisories.length} advisories in test/audit/knownAdvisories.ts only: ${hits.length} installed versions affected.`,
  );
  for (const { advisory, version, via } of hits) {
    console.log(
      `  ${advisory.id} ${advisory.package}@${version} (${advisory.severity}) via ${via}`,
    );
  }
  for (const advisory of knownAdvisories.filter((a) => hits.some((hit) => hit.advisory === a))) {
    console.log(`  ${advisory.package}, not reached: ${advisory.notReached}`);
  }
  console.log(
    'Advisories published since are NOT checked here: run `npm run audit:deps` where the registry answers (the CI pipeline).',
  );
  if (failed) return 1;
  return process.env.CI === 'true' ? 2 : 0;
}

process.exitCode = await main();
