import type { StepCode } from '../domain/conversationReview.js';
import type { RecordedResident } from './conversationRecorder.js';

/** What a conversation's turns since the last write add to its review. */
export interface PendingTurn {
  resident: RecordedResident;
  /** Steps reached, in order, as `withStep` adds them to the review. */
  steps: StepCode[];
  /** The conversation's first turn is among them: the review is new, its contact not counted. */
  first: boolean;
  /** When the first of these turns happened (the start of a new review). */
  firstAt: string;
  /** When the last of them happened (the review's "last active"). */
  lastAt: string;
}

/**
 * The turns recorded since the last write, per review id: many turns of one conversation become
 * one change of its review, and many conversations one request.
 */
export class PendingTurns {
  private byReview = new Map<string, PendingTurn>();

  get size(): number {
    return this.byReview.size;
  }

  has(reviewId: string): boolean {
    return this.byReview.has(reviewId);
  }

  add(
    reviewId: string,
    resident: RecordedResident,
    step: StepCode | undefined,
    first: boolean,
    at: string,
  ): void {
    const pending = this.byReview.get(reviewId);
    if (!pending) {
      this.byReview.set(reviewId, {
        resident,
        steps: step ? [step] : [],
        first,
        firstAt: at,
        lastAt: at,
      });
      return;
    }
    // The latest turn's language and channel win, as they would with a write per turn.
    pending.resident = resident;
    if (step && pending.steps.at(-1) !== step) pending.steps.push(step);
    pending.first ||= first;
    pending.lastAt = at;
  }

  /** Everything pending, which is now no longer pending. */
  take(): Map<string, PendingTurn> {
    const taken = this.byReview;
    this.byReview = new Map();
    return taken;
  }
}
