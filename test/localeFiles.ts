import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { projectRoot } from '../src/paths.js';

/** A translation value: a text, or a list (synonyms: recognition data, not read by residents). */
export type Leaf = string | string[];

/** Flattens nested translation JSON into dotted keys; arrays (synonym lists) are leaves. */
export function flatten(value: unknown, prefix = ''): Map<string, Leaf> {
  const out = new Map<string, Leaf>();
  if (typeof value === 'string') {
    out.set(prefix, value);
  } else if (Array.isArray(value)) {
    out.set(prefix, value.map(String));
  } else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      for (const [k, v] of flatten(child, prefix ? `${prefix}.${key}` : key)) out.set(k, v);
    }
  } else {
    throw new Error(`Unexpected value at ${prefix}: ${String(value)}`);
  }
  return out;
}

/**
 * Every language folder under `locales/`, whether or not the code supports it yet, so checks
 * hold for a language from the moment its folder exists.
 */
export async function localeFolders(): Promise<string[]> {
  const entries = await readdir(join(projectRoot, 'locales'), { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** Every `*.json` of one folder as one map of keys, as i18n loads them (`translation`, `language`). */
export async function readLocaleFolder(folder: string): Promise<Map<string, Leaf>> {
  const dir = join(projectRoot, 'locales', folder);
  const files = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
  const out = new Map<string, Leaf>();
  for (const name of files) {
    for (const [key, leaf] of flatten(JSON.parse(await readFile(join(dir, name), 'utf8')))) {
      if (out.has(key)) throw new Error(`${folder}/${name}: ${key} is defined twice`);
      out.set(key, leaf);
    }
  }
  return out;
}

/** Texts (not recognition data such as synonym lists), as `[key, text]`. */
export function prose(locale: Map<string, Leaf>): [string, string][] {
  return [...locale].flatMap(([key, leaf]) => (typeof leaf === 'string' ? [[key, leaf]] : []));
}

/** The `{{placeholders}}` of a value, sorted. */
export function placeholders(leaf: Leaf): string[] {
  return [
    ...[leaf]
      .flat()
      .join(' ')
      .matchAll(/{{\s*([\w.]+)\s*}}/g),
  ]
    .map((m) => m[1] ?? '')
    .sort();
}

/**
 * Keys whose text no resident reads: the coach's calendar text (`handoff.*`, always written
 * for the coach) and the calendar file's name.
 */
export function readByResidents(key: string): boolean {
  return !key.startsWith('handoff.') && key !== 'ics.fileName';
}
