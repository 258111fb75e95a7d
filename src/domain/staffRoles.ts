import * as z from 'zod';

/**
 * Who works on the staff side, and what each may see. The roles are Entra ID app roles
 * (`Coach`, `Team`, `Lead`), assigned in Entra by the municipality's administrator: Voordeur
 * reads them from the ID token at every login and never grants them itself.
 *
 * - `coach`: their own upcoming first meetings (with the handoff) and their own audit entries.
 * - `team`: the call-back queue, conversation summaries, the CSV export, the funnel, the
 *   team's audit log.
 * - `lead`: everything `team` may, plus the administration page (which login is which coach).
 */
export const staffRoles = ['coach', 'team', 'lead'] as const;
export type StaffRole = (typeof staffRoles)[number];

/** Entra app role values (the `roles` claim) and the role each means. */
export const entraAppRoles: Record<string, StaffRole> = {
  Coach: 'coach',
  Team: 'team',
  Lead: 'lead',
};

/** What a page or action needs. */
export type Permission =
  'ownMeetings' | 'callbacks' | 'reviews' | 'export' | 'funnel' | 'teamAudit' | 'admin';

const grants: Record<StaffRole, readonly Permission[]> = {
  coach: ['ownMeetings'],
  team: ['callbacks', 'reviews', 'export', 'funnel', 'teamAudit'],
  lead: ['callbacks', 'reviews', 'export', 'funnel', 'teamAudit', 'admin'],
};

/** Whether someone with `roles` may do `permission`. */
export function may(roles: readonly StaffRole[], permission: Permission): boolean {
  return roles.some((role) => grants[role].includes(permission));
}

/** The roles among an ID token's `roles` claim; unknown values are ignored. */
export function rolesFromClaim(claim: unknown): StaffRole[] {
  if (!Array.isArray(claim)) return [];
  const roles = new Set<StaffRole>();
  for (const value of claim) {
    const role = typeof value === 'string' ? entraAppRoles[value] : undefined;
    if (role) roles.add(role);
  }
  return staffRoles.filter((role) => roles.has(role));
}

/** A coach id as the coach file spells it. */
export const coachIdSchema = z.string().regex(/^[a-z0-9-]{1,64}$/);

/** A staff member as the staff pages know them. */
export interface StaffUser {
  /** Stable login id: the ID token's `oid` (Entra object id), or `local:<name>` in local mode. */
  id: string;
  /** Display name from the ID token. */
  name: string;
  roles: StaffRole[];
  /** The coach this login is, for a `coach`; linked by a lead on the administration page. */
  coachId?: string;
}
