import type { StaffRole, StaffUser } from '../domain/staffRoles.js';

export interface StaffListing extends StaffUser {
  lastLoginAt: string;
}

/**
 * The staff who have logged in, with their roles as the identity provider last said, and the
 * coach each coach login is. Roles are Entra's to give; the coach link is the lead's to set.
 */
export interface StaffDirectory {
  /** Records a login (name and roles as given), keeping an existing coach link. */
  recordLogin(
    user: { id: string; name: string; roles: StaffRole[] },
    at: string,
  ): Promise<StaffUser>;
  get(id: string): Promise<StaffUser | undefined>;
  list(): Promise<StaffListing[]>;
  /** Links the login to a coach id, or unlinks it (`undefined`); `undefined` if no such login. */
  linkCoach(id: string, coachId: string | undefined): Promise<StaffUser | undefined>;
}
