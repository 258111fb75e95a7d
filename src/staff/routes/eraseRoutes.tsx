import type { Request, Response, Server } from 'restify';
import { internationalPhone } from '../../domain/phoneKey.js';
import type { ResidentDataPort } from '../../ports/residentData.js';
import { guarded, type GuardDeps } from '../guard.js';
import { sendHtml } from '../http/respond.js';
import { ErasePage } from '../pages/erasePage.js';
import { htmlDocument } from '../pages/layout.js';

export interface EraseDeps extends GuardDeps {
  residentData: ResidentDataPort;
}

/**
 * A resident's request to erase their data, by phone or letter, carried out by the team (the
 * people who call residents back: Team and Lead). The same erasure as in the chat; each
 * erased conversation is one line in the audit log with the team member's name, without the
 * number or anything else about the resident.
 */
export function registerEraseRoutes(server: Server, deps: EraseDeps): void {
  server.get(
    '/staff/wissen',
    guarded(deps, 'callbacks', async (ctx, _req: Request, res: Response) => {
      sendHtml(res, 200, htmlDocument(<ErasePage viewer={ctx.viewer} />));
    }),
  );

  server.post(
    '/staff/wissen',
    guarded(deps, 'callbacks', async (ctx, _req: Request, res: Response, form) => {
      const phone = internationalPhone(form.get('telefoon') ?? '');
      if (!phone || form.get('zeker') !== 'ja') {
        sendHtml(
          res,
          400,
          htmlDocument(<ErasePage viewer={ctx.viewer} outcome={{ kind: 'invalid' }} />),
        );
        return;
      }
      const keys = await deps.residentData.keysByPhone(phone);
      for (const key of keys) {
        await deps.residentData.erase(key, {
          kind: 'staff',
          id: ctx.session.userId,
          name: ctx.session.name,
        });
      }
      const outcome =
        keys.length > 0
          ? { kind: 'erased' as const, count: keys.length }
          : { kind: 'notFound' as const };
      sendHtml(res, 200, htmlDocument(<ErasePage viewer={ctx.viewer} outcome={outcome} />));
    }),
  );
}
