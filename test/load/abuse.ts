/**
 * `npm run load:abuse`: floods every route of two running Voordeur processes with bad input for
 * 30 s (LOAD_SECONDS), on loopback only, and shows that they stay up and keep serving:
 * - process A, local mode with WhatsApp: compressed, gzip-bomb, oversized, deep, malformed and
 *   slow (slowloris) bodies on /api/messages, every Direct Line route and /api/whatsapp; token
 *   floods from other loopback addresses; forged and replayed WhatsApp deliveries;
 * - process B, with a Microsoft app id whose OpenID endpoint accepts connections and never
 *   answers: forged tokens (alg none, HS256, unknown key, none at all).
 * Beside the flood, residents chat: Direct Line conversations (token, start, messages, polling)
 * and Bot Framework turns on A; every message must be answered. /healthz of both is probed every
 * 100 ms and must answer 200 every time; resident set size is sampled from /proc.
 *
 * Prints the figures and exits non-zero when a requirement fails. Not part of `npm test`.
 */
import { appSecret, authAttacks, localAttacks, slowloris, type Attack } from './attacks.js';
import { hit, rssMiB, silentEndpoint, startVoordeur, type Answer } from './processes.js';
import { botFrameworkResident, directLineResident, type ResidentFigures } from './residents.js';

const seconds = Number(process.env['LOAD_SECONDS'] ?? 30);

const percentile = (values: number[], p: number) => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!);
};

async function main() {
  const silent = await silentEndpoint();
  const [a, b] = await Promise.all([
    startVoordeur('A local+WhatsApp', {
      WHATSAPP_PHONE_NUMBER_ID: '106540352242922',
      WHATSAPP_ACCESS_TOKEN: 'load-test',
      WHATSAPP_APP_SECRET: appSecret,
      WHATSAPP_VERIFY_TOKEN: 'load-test',
      WHATSAPP_GRAPH_URL: 'http://127.0.0.1:9',
    }),
    startVoordeur('B app id, silent OpenID', {
      MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
      MicrosoftAppPassword: 'not-a-real-secret',
      BOT_OPENID_METADATA_URL: silent.url,
    }),
  ]);
  const procs = [a, b];
  console.log(`A ${a.base}  B ${b.base}  flooding for ${seconds} s …`);
  const until = performance.now() + seconds * 1000;
  const statuses = new Map<string, Map<string, number>>();
  const count = (kind: string, status: Answer['status']) => {
    const row = statuses.get(kind) ?? new Map<string, number>();
    row.set(String(status), (row.get(String(status)) ?? 0) + 1);
    statuses.set(kind, row);
  };
  const maxMs = new Map<string, number>();

  const flood = async (base: string, attacks: Record<string, Attack>, worker: number) => {
    const names = Object.keys(attacks);
    let i = worker;
    while (performance.now() < until) {
      const name = names[i++ % names.length]!;
      const client = `127.0.${2 + (worker % 8)}.${1 + (i % 200)}`;
      const answer = await attacks[name]!(base, client);
      count(name, answer.status);
      maxMs.set(name, Math.max(maxMs.get(name) ?? 0, answer.ms));
    }
  };
  const slow = async (base: string, worker: number) => {
    while (performance.now() < until) {
      const answer = await slowloris(base, `127.0.20.${worker + 1}`);
      count('slowloris (1 byte/s)', answer.status);
      maxMs.set(
        'slowloris (1 byte/s)',
        Math.max(maxMs.get('slowloris (1 byte/s)') ?? 0, answer.ms),
      );
    }
  };

  const health = { probes: 0, failures: 0, latencies: [] as number[] };
  const probe = async () => {
    while (performance.now() < until) {
      for (const proc of procs) {
        const answer = await hit(proc.base, 'GET', '/healthz', { timeoutMs: 5000 });
        health.probes++;
        health.latencies.push(answer.ms);
        if (answer.status !== 200) health.failures++;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const sample = async () => {
    while (performance.now() < until) {
      for (const proc of procs) proc.rss.push(rssMiB(proc.child.pid, 'VmRSS'));
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  };
  for (const proc of procs) proc.rss.push(rssMiB(proc.child.pid, 'VmRSS'));
  const dl: ResidentFigures = { sent: 0, answered: 0, unanswered: 0, latencies: [] };
  const bf: ResidentFigures = { sent: 0, answered: 0, unanswered: 0, latencies: [] };

  await Promise.all([
    ...Array.from({ length: 10 }, (_, w) => flood(a.base, localAttacks, w)),
    ...Array.from({ length: 4 }, (_, w) => flood(b.base, authAttacks, w)),
    ...Array.from({ length: 20 }, (_, w) => slow(a.base, w)),
    ...Array.from({ length: 3 }, (_, w) =>
      directLineResident(a.base, `127.0.0.${w + 1}`, until, dl),
    ),
    botFrameworkResident(a.base, until, bf),
    probe(),
    sample(),
  ]);

  const hwm = procs.map((proc) => rssMiB(proc.child.pid, 'VmHWM'));
  const finalHealth = await Promise.all(procs.map((proc) => hit(proc.base, 'GET', '/healthz')));
  console.log('\nrequests by kind → status counts (max latency)');
  for (const [kind, row] of statuses) {
    const cells = [...row].map(([status, n]) => `${status}×${n}`).join(' ');
    console.log(`  ${kind.padEnd(38)} ${cells}  (max ${Math.round(maxMs.get(kind) ?? 0)} ms)`);
  }
  const total = [...statuses.values()].reduce(
    (sum, row) => sum + [...row.values()].reduce((s, n) => s + n, 0),
    0,
  );
  const fiveHundreds = [...statuses.values()].reduce((sum, row) => sum + (row.get('500') ?? 0), 0);
  console.log(`  total ${total} bad requests in ${seconds} s; 500s: ${fiveHundreds}`);
  console.log(
    `\n/healthz: ${health.probes} probes, ${health.failures} not 200, p99 ${percentile(health.latencies, 99)} ms, max ${percentile(health.latencies, 100)} ms`,
  );
  for (const [i, proc] of procs.entries()) {
    console.log(
      `${proc.name}: RSS start ${proc.rss[0]} MiB, max ${Math.max(...proc.rss)} MiB, end ${proc.rss.at(-1)} MiB, peak (VmHWM) ${hwm[i]} MiB; exited: ${proc.exited}; error log lines: ${proc.errorLines}`,
    );
  }
  console.log(`B's silent OpenID endpoint: ${silent.connections()} connections in ${seconds} s`);
  console.log(
    `residents, Direct Line: ${dl.answered}/${dl.sent} answered, p50 ${percentile(dl.latencies, 50)} ms, p95 ${percentile(dl.latencies, 95)} ms`,
  );
  console.log(
    `residents, Bot Framework: ${bf.answered}/${bf.sent} answered, p50 ${percentile(bf.latencies, 50)} ms, p95 ${percentile(bf.latencies, 95)} ms`,
  );

  const problems = [
    health.failures > 0 && '/healthz did not always answer 200',
    finalHealth.some((answer) => answer.status !== 200) && '/healthz fails after the flood',
    procs.some((proc) => proc.exited !== 'running') && 'a process exited',
    fiveHundreds > 0 && 'some bad input got 500',
    dl.unanswered + bf.unanswered > 0 && 'a resident message went unanswered',
    dl.answered === 0 && 'no Direct Line resident was answered',
    hwm.some((mib) => mib > 1024) && 'RSS above 1 GiB',
    silent.connections() > 2 + seconds / 10 && 'key downloads piled up',
  ].filter(Boolean);
  for (const proc of procs) proc.child.kill('SIGTERM');
  silent.close();
  console.log(problems.length === 0 ? '\nOK' : `\nFAILED: ${problems.join('; ')}`);
  process.exit(problems.length === 0 ? 0 : 1);
}

await main();
