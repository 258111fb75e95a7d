/** What one request of a group came to: its result, its error, or "send it by itself". */
export type GroupOutcome<R> = { ok: true; value: R } | { ok: false; error: unknown } | undefined;

export interface GroupSender<Q, R> {
  /** Sends one by itself, under the caller's deadline. */
  one(request: Q, abortSignal: AbortSignal): Promise<R>;
  /**
   * Sends several in one request. Per request (same order): its outcome, or `undefined` when it
   * should be sent by itself (a throttled or otherwise unclear answer). Throwing means the
   * request failed as a whole: each of the group is then sent by itself.
   */
  many(requests: Q[]): Promise<GroupOutcome<R>[]>;
  /** Most requests in one. */
  maxGroup: number;
}

interface Pending<Q, R> {
  request: Q;
  signal: AbortSignal;
  settled: boolean;
  resolve(value: R): void;
  reject(error: unknown): void;
}

/**
 * Requests that go together while one is in flight (for writes: group commit). A request with
 * nothing in flight goes at once, by itself, so a quiet front door waits for nothing. Requests
 * that arrive while one is in flight wait for it, then go together as one; under load N turns
 * cost one request instead of N, and each waits at most one request longer. Each keeps its own
 * outcome and its own deadline: a caller whose signal aborts is rejected at once (a write
 * already sent may still land, exactly as a point request aborted mid-flight may).
 *
 * @example
 * const writes = new GroupedRequests({ one: writeAlone, many: writeInBulk, maxGroup: 50 });
 * const etag = await writes.submit(write, AbortSignal.timeout(3_000));
 */
export class GroupedRequests<Q, R> {
  private readonly waiting: Pending<Q, R>[] = [];
  private busy = false;

  constructor(private readonly sender: GroupSender<Q, R>) {
    if (!Number.isInteger(sender.maxGroup) || sender.maxGroup < 1) {
      throw new RangeError('maxGroup must be a positive whole number');
    }
  }

  /** Sends `request`; resolves with its own result, or rejects with its own error or abort. */
  submit(request: Q, signal: AbortSignal): Promise<R> {
    signal.throwIfAborted();
    return new Promise<R>((resolve, reject) => {
      const onAbort = () => {
        const queued = this.waiting.indexOf(pending);
        if (queued >= 0) this.waiting.splice(queued, 1);
        const aborted = new Error('The request was aborted before it was answered', {
          cause: signal.reason,
        });
        settle(pending, { ok: false, error: Object.assign(aborted, { name: 'AbortError' }) });
      };
      const pending: Pending<Q, R> = {
        request,
        signal,
        settled: false,
        resolve: (value) => {
          signal.removeEventListener('abort', onAbort);
          resolve(value);
        },
        reject: (error) => {
          signal.removeEventListener('abort', onAbort);
          reject(error);
        },
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(pending);
      if (!this.busy) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.busy = true;
    try {
      while (this.waiting.length > 0) {
        await this.send(this.waiting.splice(0, this.sender.maxGroup));
      }
    } finally {
      this.busy = false;
    }
  }

  private async send(group: Pending<Q, R>[]): Promise<void> {
    if (group.length === 1) return this.alone(group[0]!);
    let outcomes: GroupOutcome<R>[];
    try {
      outcomes = await this.sender.many(group.map((pending) => pending.request));
    } catch {
      // The request failed as a whole (its error names no status to act on): each goes by
      // itself, so each caller gets the real answer and retries as it always does.
      outcomes = [];
    }
    await Promise.all(
      group.map((pending, i) => {
        const outcome = outcomes[i];
        return outcome ? settle(pending, outcome) : this.alone(pending);
      }),
    );
  }

  private async alone(pending: Pending<Q, R>): Promise<void> {
    if (pending.settled) return;
    try {
      settle(pending, { ok: true, value: await this.sender.one(pending.request, pending.signal) });
    } catch (error) {
      settle(pending, { ok: false, error });
    }
  }
}

function settle<Q, R>(pending: Pending<Q, R>, outcome: NonNullable<GroupOutcome<R>>): void {
  if (pending.settled) return;
  pending.settled = true;
  if (outcome.ok) pending.resolve(outcome.value);
  else pending.reject(outcome.error);
}
