/**
 * `npm run bench`: CPU per turn of Voordeur against baselines measured in the same run.
 *
 * Each server runs in a child process of its own and is loaded over loopback HTTP with the
 * same kind of request; CPU comes from /proc/<pid>/stat (steadier than throughput on a noisy
 * machine). The in-memory Cosmos server runs in yet another process, so Voordeur's figure is
 * Voordeur's own work. Rounds rotate the order; ratios are per round, reported as medians.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { benchSlotSearch } from './slotSearch.js';
import { benchStaffPages, describeStaffBench } from './staffPages.js';
import { benchOutboxWrites, describeOutboxBench } from './outboxWrites.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const TURNS = Number(process.env.BENCH_TURNS ?? 1500);
const WARMUP = 200;
const CONCURRENCY = 8;
const TICKS_PER_SECOND = 100; // getconf CLK_TCK on Linux

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

function forkServer(
  file: string,
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(new URL(file, import.meta.url), [], {
    execArgv: ['--import', 'tsx'],
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

function greetingTurn(): object {
  return {
    type: 'message',
    id: randomUUID(),
    channelId: 'bench',
    serviceUrl: 'http://127.0.0.1:9/',
    conversation: { id: randomUUID() },
    from: { id: 'resident' },
    recipient: { id: 'bot' },
    text: 'Hallo',
    locale: 'nl-NL',
    deliveryMode: 'expectReplies',
  };
}

async function load(target: Target, turns: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < turns) {
      next++;
      const response = await fetch(`${target.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(greetingTurn()),
      });
      const body: unknown = await response.json();
      if (response.status !== 200) throw new Error(`${target.name} answered ${response.status}`);
      target.verify?.(body);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

function cosmosRequests(cosmos: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    cosmos.once('message', (message: { requests: number }) => resolve(message.requests));
    cosmos.send('requests');
  });
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
const cosmosEndpoint = `http://127.0.0.1:${cosmos.port}`;
const started = await Promise.all([
  forkServer('./servers/bareRestify.ts'),
  forkServer('./servers/echoBot.ts'),
  forkServer('./servers/voordeur.ts', {
    COSMOS_ENDPOINT: cosmosEndpoint,
    COSMOS_KEY: 'bench',
    COSMOS_DATABASE: 'bench',
  }),
]);
const [bare, echo, voordeur] = started.map(({ child, port }, i) => ({
  name: ['bare restify', 'echo bot', 'Voordeur greeting'][i]!,
  child,
  url: `http://127.0.0.1:${port}`,
})) as [Target, Target, Target];
echo.verify = (body) => {
  if (!repliesOf(body)[0]?.text?.startsWith('Echo:')) throw new Error('echo bot did not echo');
};
voordeur.verify = (body) => {
  if (!repliesOf(body).some((reply) => reply.text?.includes('computer'))) {
    throw new Error('Voordeur did not greet: ' + JSON.stringify(body).slice(0, 300));
  }
};
const targets = [bare, echo, voordeur];

for (const target of targets) await load(target, WARMUP);

const perTurn: Record<string, number[]> = Object.fromEntries(targets.map((t) => [t.name, []]));
const ratios: number[] = [];
const cosmosPerTurn: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const order = targets.map((_, i) => targets[(i + round) % targets.length]!);
  const roundCpu = new Map<string, number>();
  for (const target of order) {
    const pid = target.child.pid!;
    const cosmosBefore = target === voordeur ? await cosmosRequests(cosmos.child) : 0;
    const before = cpuMs(pid);
    await load(target, TURNS);
    const ms = (cpuMs(pid) - before) / TURNS;
    if (target === voordeur)
      cosmosPerTurn.push(((await cosmosRequests(cosmos.child)) - cosmosBefore) / TURNS);
    roundCpu.set(target.name, ms);
    perTurn[target.name]!.push(ms);
  }
  ratios.push(roundCpu.get(voordeur.name)! / roundCpu.get(echo.name)!);
}

console.log(
  `\nVoordeur benchmark: ${ROUNDS} rounds × ${TURNS} turns, ${CONCURRENCY} in flight, loopback HTTP\n`,
);
console.log('server               CPU ms/turn (median)   peak RSS MiB');
for (const target of targets) {
  const ms = median(perTurn[target.name]!).toFixed(3).padStart(8);
  console.log(
    `${target.name.padEnd(20)} ${ms}               ${String(peakRssMiB(target.child.pid!)).padStart(5)}`,
  );
}
console.log(
  `\nVoordeur greeting / echo bot CPU ratio: ${median(ratios).toFixed(2)} (per round: ${ratios.map((r) => r.toFixed(2)).join(', ')})`,
);
console.log(
  `Cosmos requests per greeting turn: ${median(cosmosPerTurn).toFixed(2)} (a new conversation: 1 read + 1 create, plus the staff recorder: 1 create + 1 upsert)`,
);

for (const child of children) {
  child.removeAllListeners('exit');
  child.kill();
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
