import type { Booking } from '../ports/bookings.js';
import type { OfferedTime } from '../ports/residentNotices.js';
import type { Planner } from '../planner/planner.js';

/**
 * New times for a resident whose meeting clashed after all: what the planner would propose to
 * them now (any time of day; their coach first, as for a returning resident).
 */
export function offersFromPlanner(planner: Pick<Planner, 'propose'>) {
  return async (booking: Booking): Promise<OfferedTime[]> => {
    const result = await planner.propose(
      {
        key: booking.residentKey,
        language: booking.summary.language,
        channel: booking.summary.channel,
        previousCoachId: booking.coachId,
      },
      {},
    );
    if (result.kind === 'none') return [];
    return result.proposals.map((p) => ({
      coachName: p.coach.name,
      start: p.start.toISOString(),
      end: p.end.toISOString(),
    }));
  };
}
