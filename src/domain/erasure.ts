/**
 * Erasing everything about one resident (AVG art. 17), as one service over the stores. Each
 * store that keeps something about a resident contributes a {@link ResidentEraser}; the service
 * runs them in order, so a meeting is cancelled (and the coach told) before its notes and its
 * funnel events are touched.
 *
 * Why one eraser per store and a list of container names on each: a test compares the names
 * with the Cosmos schema, so a new container without an eraser (or a written reason why it
 * keeps nothing about residents) fails the build instead of being forgotten silently.
 */

/** Who is erased, and what the erasers found along the way for the ones after them. */
export interface ErasureSubject {
  /** The conversation key (`webchat/abc`, `whatsapp/wa_…`): every store names the resident by it. */
  readonly key: string;
  /** Bookings found (and cancelled) by an earlier eraser: later ones remove their notes. */
  readonly bookings: { coachId: string; bookingId: string }[];
  /** Call-back requests found by an earlier eraser. */
  readonly callbackIds: string[];
}

/** One store's part of an erasure. Idempotent: erasing twice removes nothing more. */
export interface ResidentEraser {
  /** The containers (names as in the Cosmos schema) whose resident documents it removes. */
  readonly containers: readonly string[];
  /** Removes (or makes anonymous) what the store keeps about `subject`; returns how many documents. */
  eraseResident(subject: ErasureSubject): Promise<number>;
}

/** What an erasure did, per container: counts only, never content. */
export interface ErasureReport {
  documents: Record<string, number>;
}

/** The erasure service: every contributing store, in order. */
export class ResidentErasure {
  constructor(private readonly erasers: readonly ResidentEraser[]) {}

  /** Every container some eraser covers. */
  get containers(): string[] {
    return [...new Set(this.erasers.flatMap((eraser) => eraser.containers))];
  }

  /**
   * Erases everything about the resident with conversation key `key`. An eraser that throws
   * stops the erasure (the caller tells the resident, and the erasure can simply be run again:
   * each step is idempotent).
   */
  async erase(key: string): Promise<ErasureReport> {
    const subject: ErasureSubject = { key, bookings: [], callbackIds: [] };
    const documents: Record<string, number> = {};
    for (const eraser of this.erasers) {
      const count = await eraser.eraseResident(subject);
      const name = eraser.containers.join('+');
      documents[name] = (documents[name] ?? 0) + count;
    }
    return { documents };
  }
}
