/** What staff did that touched residents' data. */
export const auditActions = [
  'login',
  'logout',
  'viewMeetings',
  'recordOutcome',
  'viewCallbacks',
  'claimCallback',
  'finishCallback',
  'openSummary',
  'export',
  'linkCoach',
  /** A resident's data was erased (in the chat, or by staff): who asked, never what was erased. */
  'eraseResident',
] as const;
export type AuditAction = (typeof auditActions)[number];

export interface AuditEntry {
  id: string;
  at: string;
  /** Staff id and name. */
  actorId: string;
  actorName: string;
  action: AuditAction;
  /** What it was about: a summary's pseudonym, a booking or call-back id, an export's filter. */
  subject?: string;
}

/**
 * Append-only: entries are added, never changed or removed by Voordeur (Cosmos removes them
 * when their ttl, the audit retention, runs out). Filed by month.
 */
export interface AuditLog {
  append(entry: AuditEntry): Promise<void>;
  /** The month's entries (`2026-12`), newest first; only `actorId`'s when given. */
  list(month: string, options?: { actorId?: string; limit?: number }): Promise<AuditEntry[]>;
}
