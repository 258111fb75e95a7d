/**
 * `npm run bench`: CPU per turn of Voordeur against baselines measured in the same run.
 *
 * Each server runs in a child process of its own and is loaded over loopback HTTP with the
 * same kind of request; CPU comes from /proc/<pid>/stat (steadier than throughput on a noisy
 * machine). The in-memory Cosmos server runs in yet another process, so Voordeur's figure is
 * Voordeur's own work. Rounds rotate the order; ratios are per round, reported as medians.
 * Every server runs as production runs code: plain Node on JavaScript, with no TypeScript loader
 * in the process (a loader's hooks slow every module load and hold memory of their own). Voordeur
 * is its production build (dist/server/), brought up to date and started as `npm start` does; the
 * stock baselines are compiled into dist/bench/ with their dependencies left to Node, as a stock
 * bot runs. BENCH_PROFILE=<dir> writes a CPU profile of Voordeur's server there.
 */
import { execFileSync, fork, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { benchSlotSearch } from './slotSearch.js';
import { benchStaffPages, describeStaffBench } from './staffPages.js';
import { benchOutboxWrites, describeOutboxBench } from './outboxWrites.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const TURNS = Number(process.env.BENCH_TURNS ?? 1500);
const WARMUP = 200;
const CONCURRENCY = 8;
const TICKS_PER_SECOND = 100; // getconf CLK_TCK on Linux
const STARTS = 3;
/** Longer than the staff recorder's gathering (src/staffComposition.ts), so its writes are in. */
const RECORDER_SETTLE_MS = 2_500;
const PROFILE_DIR = process.env.BENCH_PROFILE;

const goals = { cpu: 1.5, cosmos: 1.1, rss: 1.2, startup: 1.2 };

// As `npm start` does: the production build, rebuilt only when something changed.
const root = fileURLToPath(new URL('../../', import.meta.url));
execFileSync(process.execPath, ['build.mjs', '--if-changed'], { cwd: root, stdio: 'inherit' });
const VOORDEUR = 'voordeur';

interface Target {
  name: string;
  child: ChildProcess;
  url: string;
  /** Checks one response, so we never benchmark an error path. */
  verify?: (body: unknown) => void;
}

/** Every server started, so none outlives the benchmark, even when it fails. */
const children: ChildProcess[] = [];
process.on('exit', () => children.forEach((child) => child.kill()));

const compiledFiles = new Map<string, string>();

/** A baseline server's TypeScript as JavaScript in dist/bench/, its packages left to Node. */
async function compiled(file: string): Promise<string> {
  const known = compiledFiles.get(file);
  if (known) return known;
  const outfile = `${root}dist/bench/${basename(file, '.ts')}.mjs`;
  await esbuild.build({
    entryPoints: [fileURLToPath(new URL(file, import.meta.url))],
    outfile,
    bundle: true,
    packages: 'external',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
  });
  compiledFiles.set(file, outfile);
  return outfile;
}

/** Starts a baseline (a file in servers/) or Voordeur (`VOORDEUR`); resolves once it listens. */
async function forkServer(
  file: string,
  env: Record<string, string> = {},
  execArgv: string[] = [],
): Promise<{ child: ChildProcess; port: number }> {
  if (file === VOORDEUR) return startVoordeur(env, execArgv);
  const script = await compiled(file);
  const child = fork(script, [], {
    execArgv,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${file} exited with ${code}`)));
    child.on('message', (message: { port?: number }) => {
      if (message.port) resolve({ child, port: message.port });
    });
  });
}

/** `node dist/server/index.js`, as `npm start` runs it; listening once it says where. */
function startVoordeur(
  env: Record<string, string>,
  execArgv: string[],
): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, [...execArgv, 'dist/server/index.js'], {
    cwd: root,
    env: { ...process.env, ...env, PORT: '0', LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`Voordeur exited with ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /running on (http:\/\/\S+)/.exec(output)?.[1];
      if (url) {
        child.stdout!.removeAllListeners('data');
        child.stdout!.resume();
        resolve({ child, port: Number(new URL(url).port) });
      }
    });
  });
}

function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the command name: field 14 (utime) and 15 (stime) are at index 11 and 12.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

function peakRssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

/** The four messages of each benchmark conversation. */
const CONVERSATION = ['Hallo', 'Ik wil werk', 'Ik help graag in de buurt', 'dinsdagochtend'];

function turn(conversationId: string, text: string): object {
  return {
    type: 'message',
    id: randomUUID(),
    channelId: 'bench',
    serviceUrl: 'http://127.0.0.1:9/',
    conversation: { id: conversationId },
    from: { id: `resident-${conversationId}` },
    recipient: { id: 'bot' },
    text,
    locale: 'nl-NL',
    deliveryMode: 'expectReplies',
  };
}

/** `turns` turns as conversations of four messages, CONCURRENCY conversations at a time. */
async function load(target: Target, turns: number): Promise<void> {
  const conversations = Array.from({ length: Math.ceil(turns / CONVERSATION.length) }, () =>
    randomUUID(),
  );
  await converse(target, conversations, [0, 1, 2, 3]);
}

/** The given messages (by index in CONVERSATION) of each conversation, CONCURRENCY at a time. */
async function converse(target: Target, conversations: string[], messages: number[]) {
  let next = 0;
  const worker = async () => {
    while (next < conversations.length) {
      const conversationId = conversations[next++]!;
      for (const i of messages) {
        const response = await fetch(`${target.url}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(turn(conversationId, CONVERSATION[i]!)),
        });
        const body: unknown = await response.json();
        if (response.status !== 200) throw new Error(`${target.name} answered ${response.status}`);
        if (i === 0) target.verify?.(body);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

/** Milliseconds from spawning a server to its first announcement that it listens. */
async function startupMs(file: string, env: Record<string, string>): Promise<number> {
  if (file !== VOORDEUR) await compiled(file); // before the clock starts
  const started = performance.now();
  const { child } = await forkServer(file, env);
  const ms = performance.now() - started;
  child.removeAllListeners('exit');
  child.kill();
  await new Promise((resolve) => child.once('exit', resolve));
  return ms;
}

/** Voordeur's own counters, from GET /metrics (Prometheus text): turns and Cosmos requests. */
async function voordeurCounters(
  url: string,
): Promise<{ turns: number; cosmos: number; ru: number }> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const sum = (name: string) =>
    [...text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.]+)$`, 'gm'))].reduce(
      (total, match) => total + Number(match[1]),
      0,
    );
  return {
    turns: sum('voordeur_turns_total'),
    cosmos: sum('voordeur_cosmos_requests_total'),
    ru: sum('voordeur_cosmos_request_units_total'),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function repliesOf(body: unknown): Array<{ text?: string }> {
  return (body as { activities?: Array<{ text?: string }> }).activities ?? [];
}

const cosmos = await forkServer('./servers/cosmos.ts');
const cosmosEnv = {
  COSMOS_ENDPOINT: `http://127.0.0.1:${cosmos.port}`,
  COSMOS_KEY:
    'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==',
};
let stockCosmosAvailable = true;
try {
  import.meta.resolve('botbuilder-azure');
} catch {
  stockCosmosAvailable = false;
}
const servers: [string, string, Record<string, string>?][] = [
  ['bare restify', './servers/bareRestify.ts'],
  ['echo bot', './servers/echoBot.ts'],
  ['waterfall, memory', './servers/waterfallMemory.ts'],
  ...(stockCosmosAvailable
    ? [
        ['waterfall, Cosmos', './servers/waterfallCosmos.ts', cosmosEnv] as [
          string,
          string,
          Record<string, string>,
        ],
      ]
    : []),
  ['Voordeur', VOORDEUR, { ...cosmosEnv, COSMOS_DATABASE: 'bench' }],
];
const targets: Target[] = [];
for (const [name, file, env] of servers) {
  const profile =
    name === 'Voordeur' && PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
  const { child, port } = await forkServer(file, env, profile);
  targets.push({ name, child, url: `http://127.0.0.1:${port}` });
}
const byName = (name: string) => targets.find((target) => target.name === name)!;
const echo = byName('echo bot');
const stock = byName('waterfall, memory');
const voordeur = byName('Voordeur');
echo.verify = (body) => {
  if (!repliesOf(body)[0]?.text?.startsWith('Echo:')) throw new Error('echo bot did not echo');
};
voordeur.verify = (body) => {
  if (!repliesOf(body).some((reply) => reply.text?.includes('computer'))) {
    throw new Error('Voordeur did not greet: ' + JSON.stringify(body).slice(0, 300));
  }
};

for (const target of targets) await load(target, WARMUP);

const perTurn: Record<string, number[]> = Object.fromEntries(targets.map((t) => [t.name, []]));
const ratios: number[] = [];
const cosmosPerTurn: number[] = [];
const unitsPerTurn: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const order = targets.map((_, i) => targets[(i + round) % targets.length]!);
  const roundCpu = new Map<string, number>();
  for (const target of order) {
    const pid = target.child.pid!;
    const countersBefore = target === voordeur ? await voordeurCounters(target.url) : undefined;
    const before = cpuMs(pid);
    await load(target, TURNS);
    const ms = (cpuMs(pid) - before) / TURNS;
    if (countersBefore) {
      const after = await voordeurCounters(target.url);
      const turns = after.turns - countersBefore.turns;
      cosmosPerTurn.push((after.cosmos - countersBefore.cosmos) / turns);
      unitsPerTurn.push((after.ru - countersBefore.ru) / turns);
    }
    roundCpu.set(target.name, ms);
    perTurn[target.name]!.push(ms);
  }
  ratios.push(roundCpu.get(voordeur.name)! / roundCpu.get(stock.name)!);
}

// Steady state: the first message of 200 conversations, then their three further messages, with
// the recorder's gathered writes let in after each phase. Turns after the first find the
// conversation in the instance's cache; the first message of a new conversation reads once.
const steadyConversations = Array.from({ length: 200 }, () => randomUUID());
const firstBefore = await voordeurCounters(voordeur.url);
await converse(voordeur, steadyConversations, [0]);
await new Promise((resolve) => setTimeout(resolve, RECORDER_SETTLE_MS));
const laterBefore = await voordeurCounters(voordeur.url);
await converse(voordeur, steadyConversations, [1, 2, 3]);
await new Promise((resolve) => setTimeout(resolve, RECORDER_SETTLE_MS));
const laterAfter = await voordeurCounters(voordeur.url);
const perTurnOf = (a: { cosmos: number; turns: number }, b: { cosmos: number; turns: number }) =>
  (b.cosmos - a.cosmos) / (b.turns - a.turns);
const firstPerTurn = perTurnOf(firstBefore, laterBefore);
const steadyPerTurn = perTurnOf(laterBefore, laterAfter);

const peakRss = new Map(targets.map((t) => [t.name, peakRssMiB(t.child.pid!)]));
if (PROFILE_DIR) {
  voordeur.child.removeAllListeners('exit');
  voordeur.child.kill('SIGTERM'); // Voordeur closes and exits; Node writes the profile then
  await new Promise((resolve) => voordeur.child.once('exit', resolve));
}
for (const { child } of targets) {
  child.removeAllListeners('exit');
  child.kill();
}

// Start-up: spawn to listening, the echo bot and Voordeur in turn, each alone on the machine.
const starts: Record<'echo' | 'voordeur', number[]> = { echo: [], voordeur: [] };
for (let i = 0; i < STARTS; i++) {
  starts.echo.push(await startupMs('./servers/echoBot.ts', {}));
  starts.voordeur.push(await startupMs(VOORDEUR, { ...cosmosEnv, COSMOS_DATABASE: 'bench' }));
}
const startupRatios = starts.voordeur.map((ms, i) => ms / starts.echo[i]!);
for (const child of children) {
  child.removeAllListeners('exit');
  child.kill();
}

console.log(
  `\nVoordeur benchmark on Node ${process.version}: ${ROUNDS} rounds × ${TURNS} turns in conversations of ${CONVERSATION.length}, ${CONCURRENCY} in flight, loopback HTTP\n`,
);
console.log(
  'server               CPU ms/turn (median)   ratio to waterfall, memory   peak RSS MiB   CPU ms/turn per round',
);
for (const target of targets) {
  const ms = median(perTurn[target.name]!);
  const ratio = ms / median(perTurn[stock.name]!);
  const rounds = perTurn[target.name]!.map((r) => r.toFixed(2)).join(', ');
  console.log(
    `${target.name.padEnd(20)} ${ms.toFixed(3).padStart(8)}               ${ratio.toFixed(2).padStart(5)}×                      ${String(peakRss.get(target.name)).padStart(5)}   ${rounds}`,
  );
}
if (!stockCosmosAvailable) {
  console.log(
    '(waterfall on CosmosDbPartitionedStorage left out: botbuilder-azure is not installed)',
  );
}
console.log(
  `\nStart-up, spawn to listening (median of ${STARTS}): echo bot ${median(starts.echo).toFixed(0)} ms, Voordeur ${median(starts.voordeur).toFixed(0)} ms`,
);
console.log(
  `Cosmos DB requests per Voordeur turn (its GET /metrics): first message of a new conversation ${firstPerTurn.toFixed(2)}, later messages ${steadyPerTurn.toFixed(2)}; all load rounds ${median(cosmosPerTurn).toFixed(2)} (request units ${median(unitsPerTurn).toFixed(2)})`,
);

const rows: Array<[string, number, string, number]> = [
  [
    'CPU per turn, Voordeur / stock waterfall on MemoryStorage',
    median(ratios),
    ratios.map((r) => r.toFixed(2)).join(', '),
    goals.cpu,
  ],
  [
    'Cosmos requests per turn, steady state (messages 2-4)',
    steadyPerTurn,
    `all turns ${median(cosmosPerTurn).toFixed(2)}`,
    goals.cosmos,
  ],
  [
    'Peak RSS, Voordeur / stock waterfall on MemoryStorage',
    peakRss.get(voordeur.name)! / peakRss.get(stock.name)!,
    `${peakRss.get(voordeur.name)} / ${peakRss.get(stock.name)} MiB`,
    goals.rss,
  ],
  [
    'Start-up to listening, Voordeur / echo bot',
    median(startupRatios),
    startupRatios.map((r) => r.toFixed(2)).join(', '),
    goals.startup,
  ],
];
console.log(
  '\nGoal (issue 16)                                             measured   goal    result   detail',
);
for (const [name, value, detail, goal] of rows) {
  console.log(
    `${name.padEnd(59)} ${value.toFixed(2).padStart(6)}   ≤ ${goal.toFixed(1)}   ${(value <= goal ? 'pass' : 'miss').padEnd(6)}   ${detail}`,
  );
}

const slots = await benchSlotSearch();
console.log(
  `\nSlot search (3 proposals, 50 coaches, 6 weeks of busy calendars): p50 ${slots.p50Us.toFixed(0)} µs, p99 ${slots.p99Us.toFixed(0)} µs over ${slots.runs} runs (goal: p99 < 5000 µs)`,
);
console.log(`\n${describeStaffBench(await benchStaffPages())}`);
const parse = await (await import('./timePreferenceParse.js')).benchTimePreferenceParse();
console.log(
  `Time preference parse: p50 ${parse.p50Us} µs, p99 ${parse.p99Us} µs per phrase over ${parse.runs} readings; p99 of per-phrase medians ${parse.p99MedianUs} µs (goal: p99 < 1000 µs)`,
);
console.log(`\n${describeOutboxBench(await benchOutboxWrites())}`);
process.exit(0);
