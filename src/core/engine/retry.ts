import type { Feature } from '../config';
import { isProviderError, ProviderError } from '../llm/errors';
import type { Chunk, ProviderErrorKind } from '../llm/types';

/**
 * The one retry policy (the client packages' own retries are off: theirs ignore the abort signal and cap nothing). Chat
 * retries rate limits, server errors, scale-from-zero 503s and connection errors with
 * exponential backoff and jitter, honouring retry-after up to a cap; inline completions
 * never wait in a retry (a newer keystroke makes them stale anyway).
 */
export interface RetryPolicy {
  /** Total tries including the first. */
  maxAttempts: number;
  baseDelayMs: number;
  /** The longest single wait; a server asking for longer is not waited for (fallback instead). */
  maxDelayMs: number;
  /** 0..1: the random share of each backoff delay. */
  jitter: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 1000, maxDelayMs: 20_000, jitter: 0.3 };

const RETRIABLE: readonly ProviderErrorKind[] = ['rateLimited', 'unavailable', 'network'];

export function isRetriable(kind: ProviderErrorKind): boolean {
  return RETRIABLE.includes(kind);
}

/** Milliseconds to wait before try `attempt + 1`, or undefined to give up now. */
export function retryDelay(feature: Feature, err: ProviderError, attempt: number, policy: RetryPolicy, random: () => number = Math.random): number | undefined {
  if (feature === 'inline') return undefined;
  if (!isRetriable(err.kind) || attempt >= policy.maxAttempts) return undefined;
  if (err.retryAfterMs !== undefined) return err.retryAfterMs <= policy.maxDelayMs ? err.retryAfterMs : undefined;
  const backoff = policy.baseDelayMs * 2 ** (attempt - 1);
  const jittered = backoff * (1 - policy.jitter + 2 * policy.jitter * random());
  return Math.min(policy.maxDelayMs, Math.round(jittered));
}

/** A wait that ends at once when the signal aborts (openai's own retry wait ignores it). */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new DOMException('aborted', 'AbortError'));
    const onAbort = () => {
      clearTimeout(t);
      reject(new DOMException('aborted', 'AbortError'));
    };
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export interface RetryHooks {
  /** Called for every failed try, before deciding (for usage records and health). */
  onAttemptFailed?(err: ProviderError, attempt: number, retryInMs: number | undefined): void;
}

/**
 * Runs `attempt(n)` and re-runs it while the policy says so. A try that already yielded
 * text is never retried (the caller has shown it); its error goes to the caller.
 */
export async function* streamWithRetry(feature: Feature, attempt: (n: number) => AsyncIterable<Chunk>, policy: RetryPolicy, signal: AbortSignal, hooks: RetryHooks = {}): AsyncGenerator<Chunk> {
  for (let n = 1; ; n++) {
    let sawText = false;
    try {
      for await (const c of attempt(n)) {
        if (c.type === 'text') sawText = true;
        yield c;
      }
      return;
    } catch (e) {
      if (!isProviderError(e)) throw e;
      const wait = sawText || signal.aborted ? undefined : retryDelay(feature, e, n, policy);
      hooks.onAttemptFailed?.(e, n, wait);
      if (wait === undefined) throw e;
      try {
        await abortableSleep(wait, signal);
      } catch {
        throw new ProviderError({ kind: 'cancelled', provider: e.provider, message: 'The request was cancelled.' });
      }
    }
  }
}
