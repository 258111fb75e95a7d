import { once } from 'node:events';
import type { Request, Response, Server } from 'restify';
import { statusAt } from '../../domain/conversationReview.js';
import { isIsoWeek, shiftWeek } from '../../domain/isoWeek.js';
import type { CoachDirectory } from '../../ports/coaches.js';
import type { ConversationReviewStore } from '../../ports/conversationReviews.js';
import { csvRow } from '../csv.js';
import { BadRequest, guarded, notFound, type GuardDeps } from '../guard.js';
import { securityHeaders, sendHtml } from '../http/respond.js';
import { htmlDocument } from '../pages/layout.js';
import { ReviewDetailPage, ReviewsPage } from '../pages/reviewsPage.js';
import { filterQuery, parseReviewFilter } from '../reviewFilter.js';
import { text } from '../text.js';

export interface ReviewDeps extends GuardDeps {
  reviews: ConversationReviewStore;
  coaches: CoachDirectory;
}

/** Rows per page: a phone screen or two; a week of 2 000 conversations is 40 pages. */
export const reviewPageSize = 50;
const reviewIdPattern = /^[A-Za-z0-9_-]{12}$/;

/** Most weeks in one export: a year and a bit. */
const maxExportWeeks = 54;

/** The weeks from `from` to `to` (`tot`, inclusive); just `from` without `to`. */
export function exportWeeks(from: string, to: unknown): string[] {
  if (to === undefined || to === '') return [from];
  if (typeof to !== 'string' || !isIsoWeek(to)) throw new BadRequest('tot: zoals 2026-W52');
  const weeks = [from];
  while (weeks[weeks.length - 1] !== to) {
    if (weeks.length >= maxExportWeeks)
      throw new BadRequest(`tot: hooguit ${maxExportWeeks} weken na week`);
    weeks.push(shiftWeek(weeks[weeks.length - 1] ?? from, 1));
  }
  return weeks;
}

export function registerReviewRoutes(server: Server, deps: ReviewDeps): void {
  server.get(
    '/staff/gesprekken',
    guarded(deps, 'reviews', async (ctx, req: Request, res: Response) => {
      const filter = parseReviewFilter(req.query, ctx.now);
      const cursor = req.query?.na;
      if (cursor !== undefined && typeof cursor !== 'string')
        throw new BadRequest('na: één waarde');
      const [page, coaches] = await Promise.all([
        deps.reviews.page(filter, ctx.now, { size: reviewPageSize, ...(cursor ? { cursor } : {}) }),
        deps.coaches.list(),
      ]);
      sendHtml(
        res,
        200,
        htmlDocument(
          <ReviewsPage
            viewer={ctx.viewer}
            filter={filter}
            coaches={coaches}
            reviews={page.reviews}
            next={page.next}
            paged={cursor !== undefined}
            now={ctx.now}
          />,
        ),
      );
    }),
  );

  server.get(
    '/staff/gesprekken/:id',
    guarded(deps, 'reviews', async (ctx, req: Request, res: Response) => {
      const id = String(req.params?.id ?? '');
      if (!reviewIdPattern.test(id)) throw new BadRequest('geen geldig gesprek');
      const review = await deps.reviews.get(id);
      if (!review) {
        return notFound(res, text.errors.notFound, ctx.viewer);
      }
      await ctx.audit('openSummary', id);
      const coach = review.coachId ? await deps.coaches.get(review.coachId) : undefined;
      sendHtml(
        res,
        200,
        htmlDocument(
          <ReviewDetailPage
            viewer={ctx.viewer}
            review={review}
            coachName={coach?.name}
            now={ctx.now}
          />,
        ),
      );
    }),
  );

  /**
   * The same rows as CSV, written as they are read from the store (a page of 200 at a time),
   * so a year's export never sits in memory whole.
   */
  server.get(
    '/staff/export/gesprekken.csv',
    guarded(deps, 'export', async (ctx, req: Request, res: Response) => {
      const filter = parseReviewFilter(req.query, ctx.now);
      const weeks = exportWeeks(filter.week, req.query?.tot);
      await ctx.audit('export', `${filterQuery(filter)} tot ${weeks[weeks.length - 1]}`);
      securityHeaders(res);
      res.statusCode = 200;
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      const name = weeks.length > 1 ? `${filter.week}-${weeks[weeks.length - 1]}` : filter.week;
      res.setHeader(
        'Content-Disposition',
        `attachment; filename="voordeur-gesprekken-${name}.csv"`,
      );
      const write = async (chunk: string) => {
        if (!res.write(chunk)) await once(res, 'drain');
      };
      // A byte order mark, so spreadsheet programs read the file as UTF-8.
      await write(
        '\uFEFF' +
          csvRow([
            'id',
            'week',
            'begonnen',
            'laatst_actief',
            'stand',
            'kanaal',
            'taal',
            'coach',
            'komt_voor',
            'vorm',
            'stappen',
          ]),
      );
      for (const week of weeks) {
        for await (const review of deps.reviews.stream({ ...filter, week }, ctx.now)) {
          await write(
            csvRow([
              review.id,
              review.week,
              review.startedAt,
              review.lastAt,
              statusAt(review, ctx.now),
              review.channel,
              review.language,
              review.coachId,
              review.intent,
              review.form,
              review.steps.join(' > '),
            ]),
          );
        }
      }
      res.end();
    }),
  );
}
