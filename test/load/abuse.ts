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
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect, createServer as createTcpServer, type Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const seconds = Number(process.env['LOAD_SECONDS'] ?? 30);
const root = fileURLToPath(new URL('../..', import.meta.url));
const appSecret = 'load-test-app-secret';

interface Answer {
  status: number | 'error' | 'timeout';
  ms: number;
  text: string;
}

/** One exchange; `chunks` are written as they are (no Content-Length unless given). */
function hit(
  base: string,
  method: string,
  path: string,
  options: {
    headers?: Record<string, string>;
    chunks?: (string | Buffer)[];
    localAddress?: string;
    timeoutMs?: number;
  } = {},
): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve) => {
    let done = false;
    const finish = (status: Answer['status'], text = '') => {
      if (done) return;
      done = true;
      resolve({ status, ms: performance.now() - started, text });
    };
    const req = request(
      new URL(path, base),
      {
        method,
        headers: options.headers ?? {},
        localAddress: options.localAddress ?? '127.0.0.1',
        agent: false,
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => {
          if (text.length < 4096) text += chunk.toString();
        });
        res.on('end', () => finish(res.statusCode ?? 0, text));
        res.on('error', () => finish('error'));
      },
    );
    req.setTimeout(options.timeoutMs ?? 15_000, () => {
      req.destroy();
      finish('timeout');
    });
    req.on('error', () => finish('error'));
    for (const chunk of options.chunks ?? []) req.write(chunk);
    req.end();
  });
}

const json = { 'content-type': 'application/json' };

interface Proc {
  name: string;
  child: ChildProcess;
  base: string;
  exited: number | null | 'running';
  errorLines: number;
  rss: number[];
}

async function startVoordeur(name: string, env: Record<string, string>): Promise<Proc> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    cwd: root,
    env: {
      PATH: process.env['PATH'] ?? '',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const proc: Proc = { name, child, base: '', exited: 'running', errorLines: 0, rss: [] };
  child.on('exit', (code) => {
    proc.exited = code;
  });
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`[${name}] ${chunk}`));
  proc.base = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${name} did not start`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      proc.errorLines += (text.match(/"level":(50|60)/g) ?? []).length;
      if (proc.base) return;
      out += text;
      const match = /running on (http:\/\/[^\s]+?\/)(\s|$)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
  });
  return proc;
}

function rssMiB(pid: number | undefined, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    return Math.round(kb / 1024);
  } catch {
    return 0;
  }
}

/** Accepts connections and never answers: B's OpenID configuration endpoint. */
async function silentEndpoint() {
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = createTcpServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/v1/.well-known/openidconfiguration`,
    connections: () => connections,
    close: () => {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
}

// ------------------------------------------------------------------------------------------
// Bad input

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const activity = (fields: Record<string, unknown> = {}) =>
  JSON.stringify({
    type: 'message',
    channelId: 'test',
    serviceUrl: 'http://127.0.0.1:9/',
    conversation: { id: randomUUID() },
    from: { id: 'flood' },
    deliveryMode: 'expectReplies',
    text: 'hallo',
    ...fields,
  });
const deep = `{"type":"message","value":${'['.repeat(5000)}${']'.repeat(5000)}}`;
const bomb = gzipSync(Buffer.from(`{"type":"message","text":"${'a'.repeat(20 * 1024 * 1024)}"}`));
const big = activity({ text: 'x'.repeat(1024 * 1024) });
const sign = (body: string) =>
  `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
const replay = () => {
  const body = JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '1',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { phone_number_id: '106540352242922' },
              messages: [
                {
                  from: '31612345678',
                  id: `wamid.replay.${randomUUID()}`,
                  timestamp: String(Math.floor(Date.now() / 1000) - 10 * 86400),
                  type: 'text',
                  text: { body: 'replayed' },
                },
              ],
            },
          },
        ],
      },
    ],
  });
  return { body, signature: sign(body) };
};

type Attack = (base: string, client: string) => Promise<Answer>;
const bodyRoutes = [
  ['POST', '/api/messages'],
  ['POST', '/v3/directline/tokens/generate'],
  ['POST', '/v3/directline/conversations'],
  ['POST', '/v3/directline/conversations/x/activities'],
  ['POST', '/v3/conversations/x/activities'],
  ['PUT', '/v3/conversations/x/activities/y'],
  ['POST', '/api/whatsapp'],
] as const;
const anyRoute = () => bodyRoutes[Math.floor(Math.random() * bodyRoutes.length)]!;

const localAttacks: Record<string, Attack> = {
  'gzip label, not gzip': (base, client) => {
    const [method, path] = anyRoute();
    return hit(base, method, path, {
      headers: { ...json, 'content-encoding': 'gzip' },
      chunks: [activity()],
      localAddress: client,
    });
  },
  'gzip bomb (20 MiB inflated)': (base, client) => {
    const [method, path] = anyRoute();
    return hit(base, method, path, {
      headers: { ...json, 'content-encoding': 'gzip', 'content-length': String(bomb.length) },
      chunks: [bomb],
      localAddress: client,
    });
  },
  'deflate/br/mixed case': (base, client) => {
    const [method, path] = anyRoute();
    const encoding = ['deflate', 'br', 'GZip, identity'][Math.floor(Math.random() * 3)]!;
    return hit(base, method, path, {
      headers: { ...json, 'content-encoding': encoding },
      chunks: [activity()],
      localAddress: client,
    });
  },
  'JSON 5 000 deep': (base, client) => {
    const [method, path] = anyRoute();
    return hit(base, method, path, { headers: json, chunks: [deep], localAddress: client });
  },
  '1 MiB chunked, no length': (base, client) => {
    const [method, path] = anyRoute();
    return hit(base, method, path, {
      headers: { ...json, 'transfer-encoding': 'chunked' },
      chunks: [big.slice(0, 1000), big.slice(1000)],
      localAddress: client,
    });
  },
  'malformed activities': (base, client) => {
    const bodies = [
      activity({ type: undefined }),
      activity({ type: 42 }),
      activity({ conversation: { id: 42 } }),
      activity({ conversation: undefined }),
      activity({ conversation: { id: '..' }, deliveryMode: undefined }),
      activity({ serviceUrl: 'http://127.0.0.1:1/', deliveryMode: undefined }),
      '<activity><type>message</type></activity>',
      '{"type":',
      'null',
    ];
    return hit(base, 'POST', '/api/messages', {
      headers: json,
      chunks: [bodies[Math.floor(Math.random() * bodies.length)]!],
      localAddress: client,
    });
  },
  'token flood, many addresses': (base, client) =>
    hit(base, 'POST', '/v3/directline/tokens/generate', { localAddress: client }),
  'token flood, one address': (base) =>
    hit(base, 'POST', '/v3/directline/tokens/generate', { localAddress: '127.0.30.1' }),
  'polling flood, one address': (base) =>
    hit(base, 'GET', '/v3/directline/conversations/abc/activities', {
      headers: { authorization: 'Bearer guess' },
      localAddress: '127.0.30.2',
    }),
  'forged Direct Line tokens': (base, client) =>
    hit(base, 'GET', '/v3/directline/conversations/abc/activities?watermark=0', {
      headers: { authorization: `Bearer ${b64({ alg: 'none' })}.${b64({ conv: 'abc' })}.` },
      localAddress: client,
    }),
  'bot routes, unknown conversations': (base, client) =>
    hit(base, 'POST', `/v3/conversations/${encodeURIComponent('..')}/activities`, {
      headers: json,
      chunks: ['{"type":"message","text":"x"}'],
      localAddress: client,
    }),
  'WhatsApp unsigned / wrong signature': (base, client) =>
    hit(base, 'POST', '/api/whatsapp', {
      headers: { ...json, 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` },
      chunks: [replay().body],
      localAddress: client,
    }),
  'WhatsApp signed replay, 10 days old': (base, client) => {
    const { body, signature } = replay();
    return hit(base, 'POST', '/api/whatsapp', {
      headers: { ...json, 'x-hub-signature-256': signature },
      chunks: [body],
      localAddress: client,
    });
  },
};

const authAttacks: Record<string, Attack> = {
  'no token': (base, client) =>
    hit(base, 'POST', '/api/messages', {
      headers: json,
      chunks: [activity()],
      localAddress: client,
    }),
  'alg none / HS256 / unknown kid': (base, client) => {
    const alg = ['none', 'HS256', 'RS256'][Math.floor(Math.random() * 3)]!;
    const token = `${b64({ alg, kid: randomUUID() })}.${b64({
      iss: 'https://api.botframework.com',
      aud: '00000000-0000-0000-0000-000000000001',
      exp: Math.floor(Date.now() / 1000) + 600,
      serviceurl: 'https://smba.trafficmanager.net/emea/',
    })}.${'A'.repeat(alg === 'none' ? 0 : 342)}`;
    return hit(base, 'POST', '/api/messages', {
      headers: { ...json, authorization: `Bearer ${token}` },
      chunks: [activity({ serviceUrl: 'https://smba.trafficmanager.net/emea/' })],
      localAddress: client,
      timeoutMs: 20_000,
    });
  },
};

/** Slow clients: a body of 100 bytes, one byte per second; the server must cut them off. */
function slowloris(base: string, client: string): Promise<Answer> {
  const url = new URL(base);
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = connect({ port: Number(url.port), host: url.hostname, localAddress: client });
    let answer = '';
    const drip = setInterval(() => socket.writable && socket.write('a'), 1000);
    socket.on('connect', () =>
      socket.write('POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"'),
    );
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    socket.on('error', () => {});
    socket.on('close', () => {
      clearInterval(drip);
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0) || 'error';
      resolve({ status, ms: performance.now() - started, text: '' });
    });
    setTimeout(() => socket.destroy(), 60_000);
  });
}

// ------------------------------------------------------------------------------------------
// Residents

interface ResidentFigures {
  sent: number;
  answered: number;
  unanswered: number;
  latencies: number[];
}

async function directLineResident(base: string, client: string, until: number, f: ResidentFigures) {
  const call = async (method: string, path: string, token?: string, body?: object) => {
    const answer = await hit(base, method, path, {
      headers: { ...json, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      chunks: body ? [JSON.stringify(body)] : [],
      localAddress: client,
    });
    return {
      status: answer.status,
      body: answer.text ? (JSON.parse(answer.text) as Record<string, unknown>) : {},
    };
  };
  while (performance.now() < until) {
    const generated = await call('POST', '/v3/directline/tokens/generate');
    const token = String(generated.body['token']);
    const started = await call('POST', '/v3/directline/conversations', token);
    const conversation = String(started.body['conversationId']);
    let watermark = '0';
    for (const text of ['Hallo', 'werk', 'menu']) {
      if (performance.now() > until) return;
      const botCount = async () => {
        const read = await call(
          'GET',
          `/v3/directline/conversations/${conversation}/activities?watermark=${watermark}`,
          token,
        );
        const activities = (read.body['activities'] ?? []) as { from?: { role?: string } }[];
        return activities.filter((a) => a.from?.role === 'bot').length;
      };
      const sentAt = performance.now();
      f.sent++;
      const sent = await call(
        'POST',
        `/v3/directline/conversations/${conversation}/activities`,
        token,
        {
          type: 'message',
          text,
          from: { id: 'resident' },
        },
      );
      const id = String(sent.body['id'] ?? '');
      watermark = String(Number(id.split('|')[1] ?? 0));
      let answered = false;
      while (performance.now() - sentAt < 10_000) {
        if ((await botCount()) > 0) {
          answered = true;
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      if (answered) {
        f.answered++;
        f.latencies.push(performance.now() - sentAt);
      } else f.unanswered++;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

async function botFrameworkResident(base: string, until: number, f: ResidentFigures) {
  const conversation = randomUUID();
  while (performance.now() < until) {
    f.sent++;
    const answer = await hit(base, 'POST', '/api/messages', {
      headers: json,
      chunks: [
        activity({
          conversation: { id: conversation },
          from: { id: 'resident-bf' },
          text: 'Hallo',
          locale: 'nl-NL',
        }),
      ],
    });
    const replies =
      answer.status === 200
        ? ((JSON.parse(answer.text) as { activities?: unknown[] }).activities ?? [])
        : [];
    if (replies.length > 0) {
      f.answered++;
      f.latencies.push(answer.ms);
    } else f.unanswered++;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

// ------------------------------------------------------------------------------------------

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
