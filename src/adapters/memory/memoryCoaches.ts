import type { Coach } from '../../domain/coach.js';
import type { CoachDirectory } from '../../ports/coaches.js';

/** {@link CoachDirectory} over a fixed list (tests, demos): ordered by id, copies out. */
export class MemoryCoachDirectory implements CoachDirectory {
  private readonly coaches: Coach[];

  constructor(coaches: Coach[]) {
    if (new Set(coaches.map((coach) => coach.id)).size !== coaches.length) {
      throw new RangeError('coach ids must be unique');
    }
    this.coaches = structuredClone(coaches).sort((a, b) =>
      a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
    );
  }

  async list(): Promise<Coach[]> {
    return structuredClone(this.coaches);
  }

  async get(id: string): Promise<Coach | undefined> {
    const coach = this.coaches.find((candidate) => candidate.id === id);
    return coach ? structuredClone(coach) : undefined;
  }
}
