/** Time as the completer sees it: injectable, so tests run debounce and timeouts on a fake clock. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => {
    if (isTimer(handle)) clearTimeout(handle);
  },
};

function isTimer(h: unknown): h is ReturnType<typeof setTimeout> {
  return typeof h === 'object' && h !== null && 'ref' in h;
}

export function sleep(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => clock.setTimeout(resolve, ms));
}
