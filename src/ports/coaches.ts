import type { Coach } from '../domain/coach.js';

/** The coaches residents can be matched with. */
export interface CoachDirectory {
  /** Every coach that takes new residents, in a stable order. */
  list(): Promise<Coach[]>;
  get(id: string): Promise<Coach | undefined>;
}
