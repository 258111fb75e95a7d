/**
 * Micro-benchmark: how long reading one answer to "Wanneer komt het u goed uit?" takes, over
 * every phrase of the six languages' phrase tables (misspellings, skipped words and unions
 * among them). Goal: p99 under 1 ms per phrase.
 *
 * Two figures: the p99 of every single reading (which on a shared machine includes the moments
 * another process or the garbage collector had the core), and the p99 over the phrases of each
 * phrase's median reading time (what the parser itself costs for its slowest phrases).
 *
 * `npx tsx test/bench/timePreferenceParse.ts` prints the result; `test/bench/index.ts` calls
 * {@link benchTimePreferenceParse}.
 */
import { pathToFileURL } from 'node:url';
import { languages, type Language } from '../../src/domain/language.js';
import { parseTimePreference } from '../../src/domain/timePreference.js';
import { phrasesByLanguage } from '../domain/timePreference/phrases.js';

const WARMUP_ROUNDS = 20;
const ROUNDS = 50;
const now = new Date('2026-11-23T08:15:00Z');

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
}

export async function benchTimePreferenceParse(): Promise<{
  p50Us: number;
  p99Us: number;
  maxUs: number;
  /** p99 over the phrases of each phrase's median time. */
  p99MedianUs: number;
  runs: number;
}> {
  const inputs: Array<[string, Language]> = languages.flatMap((language) =>
    phrasesByLanguage[language].flatMap(({ said }) =>
      (Array.isArray(said) ? said : [said]).map((text): [string, Language] => [text, language]),
    ),
  );
  for (let round = 0; round < WARMUP_ROUNDS; round += 1) {
    for (const [text, language] of inputs) parseTimePreference(text, { now, language });
  }
  const micros: number[] = [];
  const perPhrase: number[][] = inputs.map(() => []);
  for (let round = 0; round < ROUNDS; round += 1) {
    inputs.forEach(([text, language], index) => {
      const start = process.hrtime.bigint();
      parseTimePreference(text, { now, language });
      const us = Number(process.hrtime.bigint() - start) / 1000;
      micros.push(us);
      perPhrase[index]?.push(us);
    });
  }
  micros.sort((a, b) => a - b);
  const medians = perPhrase
    .map((times) =>
      percentile(
        [...times].sort((a, b) => a - b),
        0.5,
      ),
    )
    .sort((a, b) => a - b);
  return {
    p50Us: Math.round(percentile(micros, 0.5)),
    p99Us: Math.round(percentile(micros, 0.99)),
    maxUs: Math.round(micros[micros.length - 1] ?? 0),
    p99MedianUs: Math.round(percentile(medians, 0.99)),
    runs: micros.length,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await benchTimePreferenceParse();
  console.log(
    `time preference parse: ${result.runs} readings, p50 ${result.p50Us} µs, ` +
      `p99 ${result.p99Us} µs, max ${result.maxUs} µs; p99 of per-phrase medians ` +
      `${result.p99MedianUs} µs (goal: p99 < 1000 µs)`,
  );
}
