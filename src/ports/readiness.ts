/** Answers `/readyz`: can this instance serve a turn right now? */
export interface Readiness {
  isReady(): Promise<boolean>;
  /** After `isReady()` said no: why, in a few words without internals (e.g. "store missing"). */
  notReadyReason?(): string | undefined;
}
