/**
 * The team's work on call-back requests: who is calling whom, and how it ended. Kept beside the
 * requests (which the chat writes) so the chat's store stays as it is.
 *
 * - `claimed`: someone is calling; others see who.
 * - `unreachable`: tried and not reached; back in the queue, with the attempts counted.
 * - `done`: called; gone from the queue.
 */
export type CallbackState = 'claimed' | 'unreachable' | 'done';

export interface CallbackWork {
  /** The call-back request's id. */
  id: string;
  state: CallbackState;
  /** Staff id and name of the last one who acted on it. */
  by: string;
  byName: string;
  at: string;
  /** Calls that did not reach the resident. */
  attempts: number;
}

export type ClaimResult = { ok: true; work: CallbackWork } | { ok: false; holder: CallbackWork };

export interface CallbackWorkStore {
  /** Every request's work, by request id. */
  all(): Promise<Map<string, CallbackWork>>;
  /**
   * Claims the request for `by`: conditional on the state read, so of two team members
   * claiming at once one gets it and the other is told who has it. Claiming one's own claim
   * again is fine; a `done` request cannot be claimed.
   */
  claim(id: string, by: { id: string; name: string }, at: string): Promise<ClaimResult>;
  /** Ends the caller's claim as `done` or `unreachable` (claiming it first if nobody has it). */
  finish(
    id: string,
    by: { id: string; name: string },
    state: 'done' | 'unreachable',
    at: string,
  ): Promise<ClaimResult>;
}
