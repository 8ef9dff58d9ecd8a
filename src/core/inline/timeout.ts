/** An inline request that took longer than its time limit (5 s) and was abandoned. */
export class InlineTimeoutError extends Error {
  readonly kind = 'timeout';
  constructor(ms: number) {
    super(`The completion took longer than ${ms} ms and was abandoned.`);
  }
}
