import { reviewStatuses, type ReviewStatus } from '../domain/conversationReview.js';
import { isIsoWeek, isoWeekOf } from '../domain/isoWeek.js';
import { coachIdSchema } from '../domain/staffRoles.js';
import type { ReviewFilter } from '../ports/conversationReviews.js';
import { BadRequest } from './guard.js';

type Query = Record<string, unknown> | undefined;

function single(query: Query, name: string): string | undefined {
  const value = query?.[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw new BadRequest(`${name}: één waarde`);
  return value;
}

/**
 * The team's filter from the query string (`week`, `stand`, `coach`, `kanaal`, `taal`); the
 * current week when none is given. Anything malformed is a 400 with the reason.
 */
export function parseReviewFilter(query: Query, now: Date): ReviewFilter {
  const week = single(query, 'week') ?? isoWeekOf(now);
  if (!isIsoWeek(week)) throw new BadRequest('week: zoals 2026-W48');
  const status = single(query, 'stand');
  if (status !== undefined && !reviewStatuses.includes(status as ReviewStatus)) {
    throw new BadRequest('stand onbekend');
  }
  const coach = single(query, 'coach');
  if (coach !== undefined && !coachIdSchema.safeParse(coach).success)
    throw new BadRequest('coach onbekend');
  const channel = single(query, 'kanaal');
  if (channel !== undefined && !/^[a-z]{1,20}$/.test(channel))
    throw new BadRequest('kanaal onbekend');
  const language = single(query, 'taal');
  if (language !== undefined && !/^[a-z]{2}$/.test(language)) throw new BadRequest('taal onbekend');
  return {
    week,
    ...(status ? { status: status as ReviewStatus } : {}),
    ...(coach ? { coachId: coach } : {}),
    ...(channel ? { channel } : {}),
    ...(language ? { language } : {}),
  };
}

/** The filter as a query string, for links and the export. */
export function filterQuery(filter: ReviewFilter, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ week: filter.week });
  if (filter.status) params.set('stand', filter.status);
  if (filter.coachId) params.set('coach', filter.coachId);
  if (filter.channel) params.set('kanaal', filter.channel);
  if (filter.language) params.set('taal', filter.language);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params.toString();
}
