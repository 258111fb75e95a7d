import type { FunnelEvent } from '../domain/funnel.js';

/**
 * Anonymous funnel events, stored as they happen, filed by week.
 *
 * `key` names the place of the event, not the person: a pseudonym such as
 * `contact:<hash of the conversation>`. Recording the same key again replaces the event, so a
 * retried turn counts once and a meeting marked `held` and later `noShow` counts as a no-show.
 */
export interface FunnelEventStore {
  record(key: string, event: FunnelEvent): Promise<void>;
  /** {@link record} for several events at once (one request per week where the store can). */
  recordMany(events: ReadonlyArray<{ key: string; event: FunnelEvent }>): Promise<void>;
  /** Removes the event at `key` in `week` (a meeting marked held, then moved); idempotent. */
  remove(key: string, week: string): Promise<void>;
  /** Every event of the week. */
  forWeek(week: string): Promise<FunnelEvent[]>;
}
