import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Debian's Radicale (installed by `.ci/run`); not `python3 -m radicale`, see platform notes. */
export const RADICALE = '/usr/bin/radicale';

/**
 * Like the browser tests: without Radicale a developer's run says so and skips; under CI=true
 * (where .ci/run installs it) a missing Radicale is a failure.
 */
export function skipWithoutRadicale(test: Mocha.Context): void {
  if (existsSync(RADICALE)) return;
  const install = 'apt-get install -y radicale';
  if (process.env.CI === 'true') {
    throw new Error(`no Radicale at ${RADICALE} in CI; .ci/run should have run: ${install}`);
  }
  console.log(`    skipped: no Radicale at ${RADICALE}. Install it with: ${install}`);
  test.skip();
}

export interface RunningRadicale {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  username: string;
  password: string;
  stop(): Promise<void>;
}

/** A port nobody listens on right now, on loopback. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { method: 'OPTIONS', signal: AbortSignal.timeout(500) });
    await response.arrayBuffer();
    return response.status < 500;
  } catch {
    return false;
  }
}

/**
 * Starts Radicale on a free loopback port with a temporary config and storage folder, and one
 * user in a plain htpasswd file (so the adapter's Basic auth is exercised). Waits until it
 * answers; `stop()` ends that one process and removes the folder.
 */
export async function startRadicale(): Promise<RunningRadicale> {
  if (!existsSync(RADICALE)) {
    throw new Error(`${RADICALE} is missing: apt-get install -y radicale (.ci/run does)`);
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'vd-radicale-'));
  const port = await freePort();
  const [username, password] = ['voordeur', 'test-password'];
  await writeFile(path.join(dir, 'users'), `${username}:${password}\n`);
  const config = path.join(dir, 'config');
  await writeFile(
    config,
    [
      '[server]',
      `hosts = 127.0.0.1:${port}`,
      '[auth]',
      'type = htpasswd',
      `htpasswd_filename = ${path.join(dir, 'users')}`,
      'htpasswd_encryption = plain',
      // No delay after a wrong password: the tests never send one on purpose.
      'delay = 0',
      '[rights]',
      'type = authenticated',
      '[storage]',
      `filesystem_folder = ${path.join(dir, 'collections')}`,
      '[logging]',
      'level = warning',
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(RADICALE, ['--config', config], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}/`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    await rm(dir, { recursive: true, force: true });
  };
  const deadline = performance.now() + 15_000;
  while (!(await answers(url))) {
    if (child.exitCode !== null || performance.now() > deadline) {
      await stop();
      throw new Error(`Radicale did not start on ${url}: ${stderr.trim() || 'no output'}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { url, username, password, stop };
}
