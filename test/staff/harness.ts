import { expect } from 'chai';
import { buildApp, type App } from '../../src/app.js';
import { loadConfig, type Env } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import type { Clock } from '../../src/ports/clock.js';
import { fixedClock } from '../clocks.js';

/** The real app on port 0 with the embedded Cosmos server, for the staff pages' tests. */
export async function startApp(
  env: Partial<Record<keyof Env, string>> = {},
  clock: Clock = fixedClock(),
): Promise<{ app: App; url: string }> {
  const app = await buildApp(loadConfig({ PORT: '0', LOG_LEVEL: 'silent', ...env }), {
    clock,
    log: createLogger('silent'),
  });
  return { app, url: await app.listen() };
}

export interface StaffAgent {
  cookie: string;
  csrf: string;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  post(
    path: string,
    fields: Record<string, string>,
    headers?: Record<string, string>,
  ): Promise<Response>;
}

/** Logs in through the local login form, as a browser would, and returns a client with the session. */
export async function localLogin(
  url: string,
  as: { name: string; role: 'coach' | 'team' | 'lead'; coach?: string },
): Promise<StaffAgent> {
  const page = await fetch(new URL('staff/inloggen', url));
  expect(page.status).to.equal(200);
  const html = await page.text();
  const loginCsrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  const loginCookie = page.headers.getSetCookie()[0]?.split(';')[0];
  if (!loginCsrf || !loginCookie) throw new Error('no local login form');
  const response = await fetch(new URL('staff/inloggen/lokaal', url), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: loginCookie },
    body: new URLSearchParams({
      _csrf: loginCsrf,
      naam: as.name,
      rol: as.role,
      coach: as.coach ?? '',
      terug: '/staff',
    }).toString(),
  });
  expect(response.status, 'local login answers 303').to.equal(303);
  const cookie = response.headers.getSetCookie()[0]?.split(';')[0];
  if (!cookie?.startsWith('__Host-vd-staff=')) throw new Error('no session cookie');
  const agent: StaffAgent = {
    cookie,
    csrf: '',
    get: (path, headers = {}) =>
      fetch(new URL(path, url), {
        redirect: 'manual',
        headers: { cookie, accept: 'text/html', ...headers },
      }),
    post: (path, fields, headers = {}) =>
      fetch(new URL(path, url), {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams(fields).toString(),
      }),
  };
  // The CSRF secret is in every page's log-out form.
  const any = await agent.get('/staff/logboek');
  agent.csrf = /name="_csrf" value="([^"]+)"/.exec(await any.text())?.[1] ?? '';
  expect(agent.csrf).to.not.equal('');
  return agent;
}
