import type { Request, Response, Server } from 'restify';
import { isLoopback } from '../../config.js';
import { coachIdSchema, staffRoles, type StaffRole } from '../../domain/staffRoles.js';
import type { Logger } from '../../log.js';
import type { CoachDirectory } from '../../ports/coaches.js';
import type { StaffDirectory } from '../../ports/staffDirectory.js';
import type { StaffSessionStore } from '../../ports/staffSessions.js';
import type { Clock } from '../../ports/clock.js';
import type { AuditLog } from '../../ports/auditLog.js';
import { randomUUID } from 'node:crypto';
import type { EntraLogin } from '../auth/entraLogin.js';
import { cookieHeader, readCookies } from '../http/cookies.js';
import { readForm } from '../http/formBody.js';
import { redirect, safeReturnPath, sendHtml } from '../http/respond.js';
import { answerError, BadRequest, guarded, notFound, refuse, type GuardDeps } from '../guard.js';
import { htmlDocument } from '../pages/layout.js';
import { LoginPage } from '../pages/loginPage.js';
import { randomSecret, sameSecret, secretId, type StaffSessions } from '../session.js';
import { text } from '../text.js';

/** The login-form CSRF cookie (double submit: before login there is no session to hold it). */
const LOGIN_CSRF_COOKIE = '__Host-vd-login-csrf';
/** The login under way with Entra: the key of its pending document. */
const PENDING_COOKIE = '__Host-vd-login';
const pendingSeconds = 10 * 60;

export interface LoginDeps extends GuardDeps {
  sessions: StaffSessions;
  sessionStore: StaffSessionStore;
  directory: StaffDirectory;
  coaches: CoachDirectory;
  audit: AuditLog;
  clock: Clock;
  log: Logger;
  entra: EntraLogin | undefined;
  localLogin: boolean;
  /** The base URL browsers reach us on (`https://…/`), for the redirect URI. */
  baseUrl: () => string;
}

/**
 * Whether this request comes from this computer, to this computer: the socket's peer is
 * loopback and so is the Host it asked for (a page elsewhere cannot rebind a name to us).
 */
export function fromThisComputer(req: Request): boolean {
  const host = (req.headers.host ?? '').replace(/:\d+$/, '');
  return isLoopback(req.socket.remoteAddress) && isLoopback(host.replace(/^\[|\]$/g, ''));
}

export function redirectUri(deps: Pick<LoginDeps, 'baseUrl'>): string {
  return new URL('staff/auth/callback', deps.baseUrl()).toString();
}

export function registerLoginRoutes(server: Server, deps: LoginDeps): void {
  server.get('/staff/inloggen', async (req: Request, res: Response) => {
    try {
      const returnTo = safeReturnPath(req.query?.terug);
      if (await deps.sessions.current(req)) return redirect(res, returnTo);
      const localAllowed = deps.localLogin && fromThisComputer(req);
      let local: { csrf: string; coaches: Awaited<ReturnType<CoachDirectory['list']>> } | undefined;
      if (localAllowed) {
        const csrf = randomSecret();
        res.setHeader(
          'Set-Cookie',
          cookieHeader(LOGIN_CSRF_COOKIE, csrf, { maxAgeSeconds: 3600, secure: true }),
        );
        local = { csrf, coaches: await deps.coaches.list() };
      }
      sendHtml(
        res,
        200,
        htmlDocument(
          <LoginPage
            entra={deps.entra !== undefined}
            local={local}
            localRefused={deps.localLogin && !localAllowed}
            returnTo={returnTo}
            failed={req.query?.mislukt === '1'}
            {...(req.query?.uitgelogd === '1'
              ? {
                  signedOut: {
                    // Entra comes back to the login page after ending its own sign-in.
                    microsoft: (
                      await deps.entra?.signOutUrl(
                        new URL('staff/inloggen', deps.baseUrl()).toString(),
                      )
                    )?.toString(),
                  },
                }
              : {})}
          />,
        ),
      );
    } catch (error) {
      answerError(deps.log, res, error);
    }
  });

  server.post('/staff/inloggen/lokaal', async (req: Request, res: Response) => {
    try {
      if (!deps.localLogin) {
        return notFound(res);
      }
      if (!fromThisComputer(req)) return refuse(res, text.login.localOnly);
      const form = await readForm(req);
      const cookie = readCookies(req).get(LOGIN_CSRF_COOKIE);
      if (!cookie || !sameSecret(form.get('_csrf'), cookie)) return refuse(res, text.errors.csrf);
      const name = (form.get('naam') ?? '').trim();
      if (name.length < 1 || name.length > 60) throw new BadRequest('naam: 1 tot 60 tekens');
      const role = form.get('rol');
      if (!staffRoles.includes(role as StaffRole)) throw new BadRequest('rol onbekend');
      const coachValue = form.get('coach') ?? '';
      let coachId: string | undefined;
      if (coachValue !== '') {
        const parsed = coachIdSchema.safeParse(coachValue);
        if (!parsed.success || !(await deps.coaches.get(parsed.data)))
          throw new BadRequest('coach onbekend');
        coachId = parsed.data;
      }
      const roles = [role as StaffRole];
      const id = `local:${role}:${coachId ?? name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
      const now = deps.clock.now().toISOString();
      await deps.directory.recordLogin({ id, name, roles }, now);
      if (role === 'coach') await deps.directory.linkCoach(id, coachId);
      const { session, cookie: sessionCookie } = await deps.sessions.start(
        { id, name, roles },
        true,
      );
      await deps.audit.append({
        id: randomUUID(),
        at: now,
        actorId: session.userId,
        actorName: name,
        action: 'login',
        subject: 'local',
      });
      res.setHeader('Set-Cookie', [
        sessionCookie,
        cookieHeader(LOGIN_CSRF_COOKIE, '', { maxAgeSeconds: 0, secure: true }),
      ]);
      redirect(res, safeReturnPath(form.get('terug')), 303);
    } catch (error) {
      answerError(deps.log, res, error);
    }
  });

  server.get('/staff/inloggen/entra', async (req: Request, res: Response) => {
    try {
      if (!deps.entra) {
        return notFound(res, text.login.noLogin);
      }
      const { url, checks } = await deps.entra.start(redirectUri(deps));
      const secret = randomSecret();
      await deps.sessionStore.putPending(
        {
          id: secretId(secret),
          ...checks,
          returnTo: safeReturnPath(req.query?.terug),
          expiresAt: new Date(deps.clock.now().getTime() + pendingSeconds * 1000).toISOString(),
        },
        pendingSeconds,
      );
      res.setHeader(
        'Set-Cookie',
        cookieHeader(PENDING_COOKIE, secret, { maxAgeSeconds: pendingSeconds, secure: true }),
      );
      redirect(res, url.toString());
    } catch (error) {
      answerError(deps.log, res, error);
    }
  });

  server.get('/staff/auth/callback', async (req: Request, res: Response) => {
    const clearPending = cookieHeader(PENDING_COOKIE, '', { maxAgeSeconds: 0, secure: true });
    try {
      const secret = readCookies(req).get(PENDING_COOKIE);
      const pending =
        secret && deps.entra
          ? await deps.sessionStore.takePending(secretId(secret), deps.clock.now())
          : undefined;
      if (!pending || !deps.entra) {
        res.setHeader('Set-Cookie', clearPending);
        return redirect(res, '/staff/inloggen?mislukt=1');
      }
      let identity;
      try {
        identity = await deps.entra.finish(new URL(req.url ?? '/', deps.baseUrl()), pending);
      } catch (error) {
        // A refused or forged answer (bad state, nonce, signature, code): log in again.
        deps.log.warn(
          {
            err:
              error instanceof Error
                ? { name: error.name, code: (error as { code?: unknown }).code }
                : undefined,
          },
          'staff login refused',
        );
        res.setHeader('Set-Cookie', clearPending);
        return redirect(res, '/staff/inloggen?mislukt=1');
      }
      if (identity.roles.length === 0) {
        res.setHeader('Set-Cookie', clearPending);
        return refuse(res, text.login.noRole);
      }
      const now = deps.clock.now().toISOString();
      await deps.directory.recordLogin(identity, now);
      const { session, cookie } = await deps.sessions.start(identity, false);
      await deps.audit.append({
        id: randomUUID(),
        at: now,
        actorId: session.userId,
        actorName: session.name,
        action: 'login',
        subject: 'entra',
      });
      res.setHeader('Set-Cookie', [cookie, clearPending]);
      redirect(res, pending.returnTo);
    } catch (error) {
      answerError(deps.log, res, error);
    }
  });

  server.post(
    '/staff/uitloggen',
    guarded(deps, 'any', async (ctx, req, res) => {
      await ctx.audit('logout');
      res.setHeader('Set-Cookie', await deps.sessions.end(req));
      redirect(res, '/staff/inloggen?uitgelogd=1', 303);
    }),
  );
}
