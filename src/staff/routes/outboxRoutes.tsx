import type { Server } from 'restify';
import type { CoachDirectory } from '../../ports/coaches.js';
import type { OutboxMonitor } from '../../ports/outbox.js';
import { guarded, type GuardDeps } from '../guard.js';
import { sendHtml } from '../http/respond.js';
import { htmlDocument } from '../pages/layout.js';
import { OutboxPage } from '../pages/outboxPage.js';

export interface OutboxRouteDeps extends GuardDeps {
  outbox: OutboxMonitor;
  coaches: CoachDirectory;
}

/** Jobs that failed this often show, though they are still being tried. */
const TROUBLE_AFTER = 3;

/** The start of a booking, read back from its id (`elke_2026-11-26T08-00-00-000Z`). */
function startOf(bookingId: string): string | undefined {
  const match = /_(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z$/.exec(bookingId);
  return match ? `${match[1]}T${match[2]}:${match[3]}:${match[4]}.${match[5]}Z` : undefined;
}

/** `/staff/agenda`: the calendar jobs and reminders that do not succeed (team and lead). */
export function registerOutboxRoutes(server: Server, deps: OutboxRouteDeps): void {
  server.get(
    '/staff/agenda',
    guarded(deps, 'callbacks', async (ctx, _req, res) => {
      const [jobs, coaches] = await Promise.all([
        deps.outbox.troubled(TROUBLE_AFTER, 100),
        deps.coaches.list(),
      ]);
      const names = new Map(coaches.map((c) => [c.id, c.name]));
      const items = jobs.map((job) => ({
        job,
        coachName: names.get(job.coachId) ?? job.coachId,
        start: startOf(job.pk),
      }));
      sendHtml(res, 200, htmlDocument(<OutboxPage viewer={ctx.viewer} items={items} />));
    }),
  );
}
