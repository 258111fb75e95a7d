import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'restify';
import { may, type Permission, type StaffUser } from '../domain/staffRoles.js';
import { isVoordeurError } from '../errors.js';
import type { Logger } from '../log.js';
import type { AuditAction, AuditLog } from '../ports/auditLog.js';
import type { Clock } from '../ports/clock.js';
import type { StaffDirectory } from '../ports/staffDirectory.js';
import type { StaffSession } from '../ports/staffSessions.js';
import { FormError, readForm } from './http/formBody.js';
import { redirect, sendHtml } from './http/respond.js';
import { htmlDocument, MessagePage, type Viewer } from './pages/layout.js';
import { csrfOk, type StaffSessions } from './session.js';
import { text } from './text.js';

export interface GuardDeps {
  sessions: StaffSessions;
  directory: StaffDirectory;
  audit: AuditLog;
  clock: Clock;
  log: Logger;
}

/** Who is asking, checked: their session, their directory entry, and a way to audit. */
export interface StaffContext {
  session: StaffSession;
  user: StaffUser;
  viewer: Viewer;
  now: Date;
  audit(action: AuditAction, subject?: string): Promise<void>;
}

/** Bad input in a route: answered with 400 and the reason, never a crash. */
export class BadRequest extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadRequest';
  }
}

/** Who may pass: a permission, or `coach` for the coach's own page. */
export type Access = Permission | 'coach' | 'any';

function allowed(session: StaffSession, access: Access): boolean {
  if (access === 'any') return true;
  return access === 'coach' ? session.roles.includes('coach') : may(session.roles, access);
}

function wantsHtml(req: Request): boolean {
  return req.method === 'GET' && (req.headers.accept ?? '').includes('text/html');
}

/**
 * Runs a staff route only for a logged-in user with the access it needs — checked before the
 * route reads anything. Anonymous: a browser is sent to the login page, anything else gets 401.
 * Wrong role: 403. Posts must carry the session's CSRF secret (403 otherwise). Bad input is a
 * 400 with the reason; a store outage a 503 page; nothing becomes a crash.
 */
export function guarded(
  deps: GuardDeps,
  access: Access,
  handler: (ctx: StaffContext, req: Request, res: Response, form: URLSearchParams) => Promise<void>,
): RequestHandler {
  return async (req: Request, res: Response) => {
    let viewer: Viewer | undefined;
    try {
      const session = await deps.sessions.current(req);
      if (!session) {
        if (wantsHtml(req)) {
          redirect(res, `/staff/inloggen?terug=${encodeURIComponent(req.url ?? '/staff')}`);
        } else {
          res.setHeader('WWW-Authenticate', 'Cookie realm="staff"');
          sendHtml(
            res,
            401,
            htmlDocument(<MessagePage title={text.login.title} message={text.login.intro} />),
          );
        }
        return;
      }
      viewer = {
        name: session.name,
        roles: session.roles,
        csrf: session.csrf,
        local: session.local,
      };
      if (!allowed(session, access)) return refuse(res, text.errors.forbidden, viewer);
      let form = new URLSearchParams();
      if (req.method === 'POST') {
        form = await readForm(req);
        if (!csrfOk(req, session, form)) return refuse(res, text.errors.csrf, viewer);
      }
      const user = (await deps.directory.get(session.userId)) ?? {
        id: session.userId,
        name: session.name,
        roles: session.roles,
      };
      const now = deps.clock.now();
      const ctx: StaffContext = {
        session,
        user,
        viewer,
        now,
        audit: (action, subject) =>
          deps.audit.append({
            id: randomUUID(),
            at: deps.clock.now().toISOString(),
            actorId: session.userId,
            actorName: session.name,
            action,
            ...(subject ? { subject } : {}),
          }),
      };
      await handler(ctx, req, res, form);
    } catch (error) {
      answerError(deps.log, res, error, viewer);
    }
  };
}

/** A 404 page ("Niet gevonden" and `message`), with the viewer's header if known. */
export function notFound(
  res: Response,
  message: string = text.errors.notFound,
  viewer?: Viewer,
): void {
  sendHtml(
    res,
    404,
    htmlDocument(<MessagePage title={text.errors.notFound} message={message} viewer={viewer} />),
  );
}

/** A 403 page saying why ("Geen toegang" and `message`), with the viewer's header if known. */
export function refuse(res: Response, message: string, viewer?: Viewer): void {
  sendHtml(
    res,
    403,
    htmlDocument(<MessagePage title={text.errors.forbidden} message={message} viewer={viewer} />),
  );
}

/** Turns an error into a page: the reason for bad input, a plain apology for the rest. */
export function answerError(log: Logger, res: Response, error: unknown, viewer?: Viewer): void {
  if (res.headersSent) {
    log.warn({ err: errorSummary(error) }, 'staff page failed after it started sending');
    res.end();
    return;
  }
  if (error instanceof FormError) {
    sendHtml(
      res,
      error.status,
      htmlDocument(
        <MessagePage title={text.errors.badRequest} message={error.message} viewer={viewer} />,
      ),
    );
    return;
  }
  if (error instanceof BadRequest || isVoordeurError(error, 'VD_BAD_REQUEST')) {
    sendHtml(
      res,
      400,
      htmlDocument(
        <MessagePage
          title={text.errors.badRequest}
          message={`${text.errors.badRequest} (${(error as Error).message})`}
          viewer={viewer}
        />,
      ),
    );
    return;
  }
  log.error({ err: errorSummary(error) }, 'staff page failed');
  sendHtml(
    res,
    503,
    htmlDocument(
      <MessagePage
        title={text.errors.unavailable}
        message={text.errors.unavailable}
        viewer={viewer}
      />,
    ),
  );
}

function errorSummary(error: unknown) {
  return error instanceof Error
    ? { name: error.name, message: error.message, stack: error.stack }
    : { value: String(error) };
}
