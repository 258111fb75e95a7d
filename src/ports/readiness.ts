/** Answers `/readyz`: can this instance serve a turn right now? */
export interface Readiness {
  isReady(): Promise<boolean>;
}
