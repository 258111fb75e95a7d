/**
 * The front door's funnel per week: how many residents made contact, asked for a meeting,
 * booked one, and came (or did not). Counted from anonymous events stored as they happen — one
 * per conversation and stage — never by re-reading conversations.
 */
export const funnelStages = ['contact', 'asked', 'booked', 'held', 'noShow'] as const;
export type FunnelStage = (typeof funnelStages)[number];

/** One counted event: a stage reached, with the channel and language; no id of a person. */
export interface FunnelEvent {
  stage: FunnelStage;
  week: string;
  channel: string;
  language: string;
}

export type StageCounts = Record<FunnelStage, number>;

export interface FunnelCounts {
  week: string;
  total: StageCounts;
  /** Per channel ('webchat', 'whatsapp', …), in a stable order. */
  byChannel: { key: string; counts: StageCounts }[];
  /** Per language code, in a stable order. */
  byLanguage: { key: string; counts: StageCounts }[];
}

export function emptyCounts(): StageCounts {
  return { contact: 0, asked: 0, booked: 0, held: 0, noShow: 0 };
}

/**
 * Adds up one week's events.
 *
 * @example
 * countFunnel('2026-W48', [{ stage: 'contact', week: '2026-W48', channel: 'webchat', language: 'nl' }])
 *   .total.contact; // 1
 */
export function countFunnel(week: string, events: Iterable<FunnelEvent>): FunnelCounts {
  const total = emptyCounts();
  const channels = new Map<string, StageCounts>();
  const languages = new Map<string, StageCounts>();
  const bump = (map: Map<string, StageCounts>, key: string, stage: FunnelStage) => {
    const counts = map.get(key) ?? emptyCounts();
    counts[stage] += 1;
    map.set(key, counts);
  };
  for (const event of events) {
    if (event.week !== week) continue;
    total[event.stage] += 1;
    bump(channels, event.channel, event.stage);
    bump(languages, event.language, event.stage);
  }
  const sorted = (map: Map<string, StageCounts>) =>
    [...map.entries()]
      .sort(([a, ca], [b, cb]) => cb.contact - ca.contact || a.localeCompare(b))
      .map(([key, counts]) => ({ key, counts }));
  return { week, total, byChannel: sorted(channels), byLanguage: sorted(languages) };
}

/** Part of `whole` as a whole percentage, 0 when there is no whole. */
export function percentOf(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 100) : 0;
}
