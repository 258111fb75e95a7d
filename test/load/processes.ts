import { fork, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer as createTcpServer, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';

/** Processes under load and the one way the load test talks to them (loopback only). */

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface Answer {
  status: number | 'error' | 'timeout';
  ms: number;
  text: string;
}

/** One exchange; `chunks` are written as they are (no Content-Length unless given). */
export function hit(
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

export const json = { 'content-type': 'application/json' };

export interface Proc {
  name: string;
  child: ChildProcess;
  base: string;
  exited: number | null | 'running';
  errorLines: number;
  rss: number[];
}

/** Every process the load tests start, so none outlives them, even when they fail. */
const children = new Set<ChildProcess>();
process.on('exit', () => {
  // SIGKILL also ends a process that is stopped (SIGSTOP) at that moment.
  for (const child of children) child.kill('SIGKILL');
});

/** Stops one process started here: SIGCONT (it may be stopped), SIGTERM, SIGKILL after 5 s. */
export async function endProcess(child: ChildProcess): Promise<void> {
  children.delete(child);
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGCONT');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/**
 * The in-memory Cosmos DB server (test/bench/servers/cosmos.ts) in a process of its own, so
 * several Voordeur processes share it and it can be stopped (SIGSTOP) as an unreachable store.
 */
export async function startCosmosProcess(): Promise<{
  child: ChildProcess;
  endpoint: string;
  key: string;
}> {
  const child = fork(new URL('../bench/servers/cosmos.ts', import.meta.url), [], {
    cwd: root,
    execArgv: ['--import', 'tsx'],
    env: { PATH: process.env['PATH'] ?? '' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  children.add(child);
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the Cosmos process did not start')), 30_000);
    child.once('exit', (code) => reject(new Error(`the Cosmos process exited with ${code}`)));
    child.on('message', (message: { port?: number }) => {
      if (!message.port) return;
      clearTimeout(timer);
      resolve(message.port);
    });
  });
  // The server accepts any key; the SDK still wants one.
  return { child, endpoint: `http://127.0.0.1:${port}`, key: 'load-test-any-key' };
}

/**
 * How Voordeur is started: from source through tsx, or (`VOORDEUR_BUILT=1`) as `npm start` runs
 * it, the production build `dist/server/index.js` (build it first), which is what production
 * memory means.
 */
function voordeurEntry(built = process.env['VOORDEUR_BUILT'] === '1'): string[] {
  return built ? ['dist/server/index.js'] : ['--import', 'tsx', 'src/index.ts'];
}

export async function startVoordeur(
  name: string,
  env: Record<string, string>,
  onLog?: (line: string) => void,
  options: { built?: boolean } = {},
): Promise<Proc> {
  const child = spawn(process.execPath, ['--no-deprecation', ...voordeurEntry(options.built)], {
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
  children.add(child);
  const proc: Proc = { name, child, base: '', exited: 'running', errorLines: 0, rss: [] };
  child.on('exit', (code) => {
    proc.exited = code;
  });
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`[${name}] ${chunk}`));
  let pending = '';
  proc.base = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${name} did not start`)), 60_000);
    child.once('exit', (code) =>
      reject(new Error(`${name} exited with ${code} before it listened`)),
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      proc.errorLines += (text.match(/"level":(50|60)/g) ?? []).length;
      if (onLog) {
        pending += text;
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) if (line.startsWith('{')) onLog(line);
      }
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

export function rssMiB(pid: number | undefined, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    return Math.round(kb / 1024);
  } catch {
    return 0;
  }
}

/** Accepts connections and never answers: B's OpenID configuration endpoint. */
export async function silentEndpoint() {
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
