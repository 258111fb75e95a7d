import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Advisories against Voordeur's production dependencies that are known, with whether Voordeur
 * reaches the vulnerable code and why not. `npm run audit:deps` uses this list in two ways:
 * where the registry's advisory database answers (CI), advisories listed here as not reached
 * do not fail the audit, as long as their guard still holds; where it does not answer (this
 * development machine refuses `npm audit`), the installed tree is checked against this list
 * alone, and the script says that this is all it could check.
 */
export interface KnownAdvisory {
  /** The GitHub advisory id, as in the `url` of an `npm audit` finding. */
  id: string;
  cve: string;
  package: string;
  severity: 'low' | 'moderate' | 'high' | 'critical';
  title: string;
  /** Affected versions as half-open ranges `[introduced, fixed)`; `fixed` undefined: no fix. */
  affected: Array<[introduced: string, fixed: string | undefined]>;
  /** Why Voordeur does not reach it (read in the locked versions on 2026-12-03). */
  notReached: string;
  /**
   * What must stay true in Voordeur's own code for `notReached` to hold: returns the problems
   * (empty when it holds). It reads the source, so a change that makes the advisory reachable
   * fails the audit and `npm test`.
   */
  guard(source: SourceFiles): string[];
}

/** Voordeur's own source files (`src/`, `dialogs/`): path relative to the project, and text. */
export type SourceFiles = Array<{ path: string; text: string }>;

export const knownAdvisories: KnownAdvisory[] = [
  {
    id: 'GHSA-rrr8-f88r-h8q6',
    cve: 'CVE-2024-45813',
    package: 'find-my-way',
    severity: 'high',
    title: 'ReDoS in multiparametric routes',
    affected: [
      ['5.5.0', '8.2.2'],
      ['9.0.0', '9.0.1'],
    ],
    notReached:
      "restify 11's router. The backtracking expression is only built for a route with two or more parameters in one path segment (`/:from-:to`); Voordeur's routes have at most one per segment (`/coaches/:file`, `/v3/conversations/:conversationId/activities/:activityId`).",
    guard: (source) =>
      routePaths(source)
        .filter(({ route }) => route.split('/').some((segment) => countParams(segment) > 1))
        .map(({ path, route }) => `${path}: route '${route}' has two parameters in one segment`),
  },
  {
    id: 'GHSA-m6fv-jmcg-4jfg',
    cve: 'CVE-2024-43799',
    package: 'send',
    severity: 'low',
    title: 'template injection that can lead to XSS in the redirect page',
    affected: [['0.0.0', '0.19.0']],
    notReached:
      "restify 11 requires `send` only in its `serveStaticFiles` plugin. Voordeur serves its files itself (web chat page and scripts from memory, coach photos by an allow-listed file name) and never uses restify's static plugins, so `send`'s directory redirect never runs.",
    guard: (source) =>
      source
        .filter(({ text }) => /\bserveStatic(Files)?\b|from ['"]send['"]/.test(text))
        .map(({ path }) => `${path} uses restify's static file plugins or send`),
  },
  {
    id: 'GHSA-w5hq-g745-h8pq',
    cve: 'CVE-2026-41907',
    package: 'uuid',
    severity: 'moderate',
    title: 'missing buffer bounds check in v3/v5/v6 when buf is provided',
    affected: [
      ['3.0.0', '11.1.1'],
      ['12.0.0', '12.0.1'],
      ['13.0.0', '13.0.1'],
    ],
    notReached:
      "Only `v3()`, `v5()` and `v6()` with a caller's output buffer are affected. On the server, uuid is called by @azure/msal-node (GuidGenerator), botbuilder, botbuilder-core, botbuilder-dialogs, botframework-schema, botframework-streaming and restify (request ids), all `v4()` without a buffer; Voordeur itself uses node's `crypto.randomUUID()`. The uuid copies inside botframework-webchat's bundle run in the resident's browser, not on the server.",
    guard: (source) =>
      source
        .filter(({ text }) => /from ['"]uuid['"]|require\(['"]uuid['"]\)/.test(text))
        .map(({ path }) => `${path} imports uuid: check it calls no v3/v5/v6 with a buffer`),
  },
];

function countParams(segment: string): number {
  return (segment.match(/:[A-Za-z_]/g) ?? []).length;
}

/** String literals in the source that look like route paths (`'/…'` containing a `:param`). */
export function routePaths(source: SourceFiles): Array<{ path: string; route: string }> {
  const found: Array<{ path: string; route: string }> = [];
  for (const { path, text } of source) {
    for (const match of text.matchAll(/['"`](\/[^'"`\s]*:[A-Za-z_][^'"`\s]*)['"`]/g)) {
      found.push({ path, route: match[1]! });
    }
  }
  return found;
}

/** Reads the `.ts` files under `src/` and `dialogs/` of the project at `root`. */
export function readSource(root: string): SourceFiles {
  const files: SourceFiles = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(join(root, folder), { withFileTypes: true })) {
      const path = `${folder}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) {
        files.push({ path, text: readFileSync(join(root, path), 'utf8') });
      }
    }
  };
  walk('src');
  walk('dialogs');
  return files;
}

function parts(version: string): number[] {
  return (version.split(/[-+]/)[0] ?? '').split('.').map((n) => Number.parseInt(n, 10) || 0);
}

/** Compares plain `major.minor.patch` versions (pre-release tags count as the release). */
export function compareVersions(a: string, b: string): number {
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i += 1) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export function isAffected(version: string, advisory: Pick<KnownAdvisory, 'affected'>): boolean {
  return advisory.affected.some(
    ([introduced, fixed]) =>
      compareVersions(version, introduced) >= 0 &&
      (fixed === undefined || compareVersions(version, fixed) < 0),
  );
}

/** A node of `npm ls --json --all`. */
export interface LsNode {
  version?: string;
  dependencies?: Record<string, LsNode>;
}

/** Every installed version of every package in an `npm ls --json --all` tree, with a path to it. */
export function installedVersions(tree: LsNode): Map<string, Map<string, string>> {
  const found = new Map<string, Map<string, string>>();
  const walk = (node: LsNode, trail: string[]) => {
    for (const [name, child] of Object.entries(node.dependencies ?? {})) {
      if (child.version) {
        const versions = found.get(name) ?? new Map<string, string>();
        if (!versions.has(child.version)) versions.set(child.version, [...trail, name].join(' > '));
        found.set(name, versions);
      }
      walk(child, [...trail, name]);
    }
  };
  walk(tree, []);
  return found;
}

/** The known advisories the tree has installed: package, version, a path to it. */
export function knownHits(
  tree: LsNode,
  advisories: KnownAdvisory[] = knownAdvisories,
): Array<{ advisory: KnownAdvisory; version: string; via: string }> {
  const installed = installedVersions(tree);
  return advisories.flatMap((advisory) =>
    [...(installed.get(advisory.package) ?? new Map<string, string>())]
      .filter(([version]) => isAffected(version, advisory))
      .map(([version, via]) => ({ advisory, version, via })),
  );
}

/** One advisory of an `npm audit --json` report. */
export interface AuditFinding {
  /** The advisory id (`GHSA-…`), from its URL. */
  id: string;
  name: string;
  severity: string;
  title: string;
  range: string;
}

/**
 * The advisories in an `npm audit --json` report (format v2: `vulnerabilities.<name>.via[]`,
 * where an object is an advisory and a string names the vulnerable package it comes through),
 * once each.
 */
export function auditFindings(report: Record<string, unknown>): AuditFinding[] {
  const byId = new Map<string, AuditFinding>();
  const vulnerabilities = (report.vulnerabilities ?? {}) as Record<string, { via?: unknown[] }>;
  for (const entry of Object.values(vulnerabilities)) {
    for (const via of entry.via ?? []) {
      if (typeof via !== 'object' || via === null) continue;
      const { url, name, severity, title, range } = via as Record<string, unknown>;
      const id =
        String(url ?? '')
          .split('/')
          .pop() || String(title);
      byId.set(id, {
        id,
        name: String(name),
        severity: String(severity),
        title: String(title),
        range: String(range),
      });
    }
  }
  return [...byId.values()];
}
