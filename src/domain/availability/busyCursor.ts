import type { Interval } from '../calendarTime.js';

/**
 * Busy time of one coach, each interval widened by the buffer, merged lazily while the walk
 * moves forward. Slot starts only increase during a walk, so blocks that end before the current
 * start are never needed again and the whole walk costs one pass over the calendar.
 */
export class BusyCursor {
  private readonly next: number[];
  private blockStart = -Infinity;
  private blockEnd = -Infinity;

  /** `lists` must each be sorted by start. */
  constructor(
    private readonly lists: ReadonlyArray<readonly Interval[]>,
    private readonly bufferMs: number,
  ) {
    this.next = lists.map(() => 0);
  }

  /** Whether [start, end) touches busy time; `start` must not decrease between calls. */
  overlaps(start: number, end: number): boolean {
    while (this.blockEnd <= start) this.loadBlock();
    return this.blockStart < end;
  }

  private loadBlock(): void {
    const first = this.take();
    if (!first) {
      this.blockStart = this.blockEnd = Infinity;
      return;
    }
    this.blockStart = first.start - this.bufferMs;
    this.blockEnd = first.end + this.bufferMs;
    for (;;) {
      const following = this.peek();
      if (!following || following.interval.start - this.bufferMs > this.blockEnd) return;
      this.next[following.list] = (this.next[following.list] ?? 0) + 1;
      if (following.interval.end > following.interval.start) {
        this.blockEnd = Math.max(this.blockEnd, following.interval.end + this.bufferMs);
      }
    }
  }

  private take(): Interval | undefined {
    for (;;) {
      const head = this.peek();
      if (!head) return undefined;
      this.next[head.list] = (this.next[head.list] ?? 0) + 1;
      // An event without duration (a reminder) keeps nobody busy.
      if (head.interval.end > head.interval.start) return head.interval;
    }
  }

  private peek(): { interval: Interval; list: number } | undefined {
    let best: { interval: Interval; list: number } | undefined;
    for (let list = 0; list < this.lists.length; list += 1) {
      const interval = this.lists[list]?.[this.next[list] ?? 0];
      if (interval && (!best || interval.start < best.interval.start)) best = { interval, list };
    }
    return best;
  }
}
