import type { Container } from '@azure/cosmos';
import type { Coach } from '../../domain/coach.js';
import type { Clock } from '../../ports/clock.js';
import type { CoachDirectory } from '../../ports/coaches.js';
import {
  callCosmos,
  callOptionsOf,
  deleteDocument,
  queryAll,
  queryPartition,
  withoutDocumentFields,
  type CosmosCallOptions,
} from './cosmosOps.js';

/** The one partition of the `coaches` container: a team's coaches are read all at once. */
export const COACH_PARTITION = 'coach';

/** What one coach looks like in the `coaches` container: the validated seed entry. */
export type CoachDocument = Coach & { pk: typeof COACH_PARTITION };

/**
 * {@link CoachDirectory} on Cosmos DB: one single-partition query reads every coach, and the
 * list is kept in memory for `cacheMs` (default 60 s) because coaches change a few times a year
 * while every planning turn needs them. Concurrent callers share one read; a failed read is not
 * cached. After {@link seedCoaches}, call `refresh()` to see the change at once.
 *
 * No ttl: a coach's name, photo and working hours are what residents are shown on purpose,
 * not personal data of a resident.
 */
export class CosmosCoachDirectory implements CoachDirectory {
  private readonly cacheMs: number;
  private readonly clock: Clock;
  private readonly call: CosmosCallOptions;
  private cached: { coaches: Coach[]; at: number } | undefined;
  private loading: Promise<Coach[]> | undefined;
  /** Bumped by `refresh()`, so a read that started before it cannot fill the cache after it. */
  private generation = 0;

  constructor(
    private readonly container: Container,
    opts: CosmosCallOptions & { clock: Clock; cacheMs?: number },
  ) {
    this.cacheMs = opts.cacheMs ?? 60_000;
    this.clock = opts.clock;
    this.call = callOptionsOf(opts);
  }

  /** Every coach, ordered by id. Copies: changing one never changes the cache. */
  async list(): Promise<Coach[]> {
    return structuredClone(await this.coaches());
  }

  async get(id: string): Promise<Coach | undefined> {
    const coach = (await this.coaches()).find((candidate) => candidate.id === id);
    return coach ? structuredClone(coach) : undefined;
  }

  /** Forgets the cached list and reads it again. */
  async refresh(): Promise<Coach[]> {
    this.generation += 1;
    this.cached = undefined;
    this.loading = undefined;
    return this.list();
  }

  private async coaches(): Promise<Coach[]> {
    const now = this.clock.now().getTime();
    if (this.cached && now - this.cached.at < this.cacheMs) return this.cached.coaches;
    if (!this.loading) {
      const generation = this.generation;
      const loading = this.load()
        .then((coaches) => {
          if (generation === this.generation) this.cached = { coaches, at: now };
          return coaches;
        })
        .finally(() => {
          if (this.loading === loading) this.loading = undefined;
        });
      this.loading = loading;
    }
    return this.loading;
  }

  private async load(): Promise<Coach[]> {
    const documents = await queryPartition<CoachDocument>(
      this.container,
      COACH_PARTITION,
      this.call,
    );
    return documents
      .map((document) => withoutDocumentFields<Coach>(document, ['pk']))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}

/**
 * Writes the coach seed (see `loadCoachSeed`) into the `coaches` container: one upsert per
 * coach, so running it at every start is harmless. The seed is the whole team: with
 * `removeOthers` (default true) coaches no longer in it are deleted, so someone who left
 * cannot be booked. Their bookings stay; only the directory forgets them.
 *
 * @returns the ids written and the ids removed.
 * @example
 * await seedCoaches(cosmos.containers.coaches, await loadCoachSeed(seedPath));
 */
export async function seedCoaches(
  container: Container,
  coaches: Coach[],
  opts: CosmosCallOptions & { removeOthers?: boolean } = {},
): Promise<{ written: string[]; removed: string[] }> {
  const call = callOptionsOf(opts);
  const ids = new Set(coaches.map((coach) => coach.id));
  if (ids.size !== coaches.length) throw new RangeError('coach ids must be unique');
  for (const coach of coaches) {
    const document: CoachDocument = { ...coach, pk: COACH_PARTITION };
    await callCosmos((options) => container.items.upsert(document, options), call, container);
  }
  const removed: string[] = [];
  if (opts.removeOthers ?? true) {
    const stored = await queryAll<string>(
      container,
      'SELECT VALUE c.id FROM c WHERE c.pk = @pk',
      [{ name: '@pk', value: COACH_PARTITION }],
      COACH_PARTITION,
      call,
    );
    for (const id of stored.filter((storedId) => !ids.has(storedId))) {
      await deleteDocument(container, id, COACH_PARTITION, call);
      removed.push(id);
    }
  }
  return { written: [...ids], removed };
}
