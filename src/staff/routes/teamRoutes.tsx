import { DateTime } from 'luxon';
import type { Request, Response, Server } from 'restify';
import { countFunnel } from '../../domain/funnel.js';
import { isIsoWeek, isoWeekOf, shiftWeek } from '../../domain/isoWeek.js';
import { coachIdSchema, may } from '../../domain/staffRoles.js';
import type { AuditLog } from '../../ports/auditLog.js';
import type { CoachDirectory } from '../../ports/coaches.js';
import type { FunnelEventStore } from '../../ports/funnelEvents.js';
import type { StaffDirectory } from '../../ports/staffDirectory.js';
import { BadRequest, guarded, notFound, refuse, type GuardDeps } from '../guard.js';
import { redirect, sendHtml } from '../http/respond.js';
import { AdminPage, AuditPage } from '../pages/adminPages.js';
import { FunnelPage } from '../pages/funnelPage.js';
import { htmlDocument } from '../pages/layout.js';
import { text } from '../text.js';

export interface TeamDeps extends GuardDeps {
  funnel: FunnelEventStore;
  audit: AuditLog;
  directory: StaffDirectory;
  coaches: CoachDirectory;
}

const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;
/** Staff ids: Entra object ids (GUIDs) or local ids; never anything with markup or slashes. */
const staffIdPattern = /^[A-Za-z0-9:._-]{1,120}$/;

/** The funnel, the audit log, administration, and `/staff` itself (to the right first page). */
export function registerTeamRoutes(server: Server, deps: TeamDeps): void {
  server.get(
    '/staff',
    guarded(deps, 'any', async (ctx, _req, res) => {
      const roles = ctx.session.roles;
      if (may(roles, 'callbacks')) return redirect(res, '/staff/terugbellen');
      if (roles.includes('coach')) return redirect(res, '/staff/afspraken');
      refuse(res, text.login.noRole, ctx.viewer);
    }),
  );

  server.get(
    '/staff/cijfers',
    guarded(deps, 'funnel', async (ctx, req: Request, res: Response) => {
      const week = req.query?.week ?? isoWeekOf(ctx.now);
      if (!isIsoWeek(week)) throw new BadRequest('week: zoals 2026-W48');
      const counts = countFunnel(week, await deps.funnel.forWeek(week));
      sendHtml(
        res,
        200,
        htmlDocument(
          <FunnelPage
            viewer={ctx.viewer}
            counts={counts}
            previous={shiftWeek(week, -1)}
            next={shiftWeek(week, 1)}
          />,
        ),
      );
    }),
  );

  // Team and lead see the team's log; a coach sees their own entries.
  server.get(
    '/staff/logboek',
    guarded(deps, 'any', async (ctx, req: Request, res: Response) => {
      const month =
        req.query?.maand ?? DateTime.fromJSDate(ctx.now, { zone: 'utc' }).toFormat('yyyy-MM');
      if (typeof month !== 'string' || !monthPattern.test(month))
        throw new BadRequest('maand: zoals 2026-12');
      const team = may(ctx.session.roles, 'teamAudit');
      const entries = await deps.audit.list(month, team ? {} : { actorId: ctx.session.userId });
      sendHtml(
        res,
        200,
        htmlDocument(
          <AuditPage viewer={ctx.viewer} month={month} entries={entries} ownOnly={!team} />,
        ),
      );
    }),
  );

  server.get(
    '/staff/beheer',
    guarded(deps, 'admin', async (ctx, req: Request, res: Response) => {
      const [staff, coaches] = await Promise.all([deps.directory.list(), deps.coaches.list()]);
      sendHtml(
        res,
        200,
        htmlDocument(
          <AdminPage
            viewer={ctx.viewer}
            staff={staff}
            coaches={coaches}
            saved={req.query?.opgeslagen === '1'}
          />,
        ),
      );
    }),
  );

  server.post(
    '/staff/beheer/koppel',
    guarded(deps, 'admin', async (ctx, _req, res, form) => {
      const login = form.get('login') ?? '';
      if (!staffIdPattern.test(login)) throw new BadRequest('geen geldige inlog');
      const coachValue = form.get('coach') ?? '';
      let coachId: string | undefined;
      if (coachValue !== '') {
        const parsed = coachIdSchema.safeParse(coachValue);
        if (!parsed.success || !(await deps.coaches.get(parsed.data)))
          throw new BadRequest('coach onbekend');
        coachId = parsed.data;
      }
      const linked = await deps.directory.linkCoach(login, coachId);
      if (!linked) {
        return notFound(res, text.errors.notFound, ctx.viewer);
      }
      await ctx.audit('linkCoach', `${login} → ${coachId ?? '-'}`);
      redirect(res, '/staff/beheer?opgeslagen=1', 303);
    }),
  );
}
