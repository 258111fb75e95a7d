import type { Request, Response, Server } from 'restify';
import type { CallbackStore } from '../../ports/callbacks.js';
import type { CallbackWorkStore } from '../../ports/callbackWork.js';
import { BadRequest, guarded, notFound, type GuardDeps } from '../guard.js';
import { redirect, sendHtml } from '../http/respond.js';
import { CallbacksPage, type QueueItem } from '../pages/callbacksPage.js';
import { htmlDocument } from '../pages/layout.js';
import { text } from '../text.js';

export interface CallbackDeps extends GuardDeps {
  callbacks: CallbackStore;
  work: CallbackWorkStore;
}

const idPattern = /^[A-Za-z0-9_-]{1,64}$/;
const actions = ['claim', 'done', 'unreachable'] as const;

/**
 * The call-back queue: every request not yet done, oldest first, so none sits unseen. A claim
 * is conditional in the store, so two people never call the same resident without knowing.
 */
export function registerCallbackRoutes(server: Server, deps: CallbackDeps): void {
  server.get(
    '/staff/terugbellen',
    guarded(deps, 'callbacks', async (ctx, req: Request, res: Response) => {
      const [requests, work] = await Promise.all([deps.callbacks.list(), deps.work.all()]);
      const items: QueueItem[] = requests
        .map((request) => ({ request, work: work.get(request.id) }))
        .filter((item) => item.work?.state !== 'done');
      await ctx.audit('viewCallbacks', `${items.length}`);
      const taken = typeof req.query?.bezet === 'string' ? req.query.bezet : undefined;
      sendHtml(
        res,
        200,
        htmlDocument(
          <CallbacksPage
            viewer={ctx.viewer}
            viewerId={ctx.session.userId}
            items={items}
            taken={taken}
          />,
        ),
      );
    }),
  );

  server.post(
    '/staff/terugbellen/:id',
    guarded(deps, 'callbacks', async (ctx, req: Request, res: Response, form) => {
      const id = String(req.params?.id ?? '');
      if (!idPattern.test(id)) throw new BadRequest('geen geldig verzoek');
      const action = form.get('actie');
      if (!actions.includes(action as (typeof actions)[number]))
        throw new BadRequest('actie onbekend');
      const exists = (await deps.callbacks.list()).some((request) => request.id === id);
      if (!exists) {
        return notFound(res, text.errors.notFound, ctx.viewer);
      }
      const by = { id: ctx.session.userId, name: ctx.session.name };
      const at = ctx.now.toISOString();
      const result =
        action === 'claim'
          ? await deps.work.claim(id, by, at)
          : await deps.work.finish(id, by, action as 'done' | 'unreachable', at);
      if (!result.ok)
        return redirect(res, `/staff/terugbellen?bezet=${encodeURIComponent(id)}`, 303);
      await ctx.audit(action === 'claim' ? 'claimCallback' : 'finishCallback', `${id} ${action}`);
      redirect(res, `/staff/terugbellen#terugbellen-${id}`, 303);
    }),
  );
}
