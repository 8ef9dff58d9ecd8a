import { clockTime, ProviderError } from '../llm/errors';
import type { HealthSnapshot } from '../llm/types';
import type { ProviderId } from '../config';
import { PROVIDERS } from '../providers';

/**
 * What a person is told about a fallback to the private endpoint: when it fails, both causes in
 * one message (the endpoint's error alone hides why the cloud was not used); when it works, one
 * notice per episode saying until when. Pure; the VS Code layer shows it.
 */

const FIRST = new WeakMap<object, ProviderError>();

/** The cloud failure a failed fallback hop followed, if any. */
export function firstFailureOf(e: unknown): ProviderError | undefined {
  return typeof e === 'object' && e !== null ? FIRST.get(e) : undefined;
}

/** Runs the fallback hop; an error it throws remembers the cloud failure that caused the hop. */
export async function* withFirstFailure<T>(hop: AsyncIterable<T>, first: ProviderError): AsyncGenerator<T> {
  try {
    yield* hop;
  } catch (e) {
    if (typeof e === 'object' && e !== null && !FIRST.has(e)) FIRST.set(e, first);
    throw e;
  }
}

/** "OpenAI is rate-limiting (429)", from the failure that made Tandem fall back. */
export function cloudCause(first: Pick<ProviderError, 'kind' | 'status' | 'until'>, now = Date.now()): string {
  const status = first.status !== undefined ? ` (${first.status})` : '';
  switch (first.kind) {
    case 'rateLimited':
      return `OpenAI is rate-limiting (${first.status ?? 429})${first.until !== undefined && first.until > now ? ` until ${clockTime(first.until, false)}` : ''}`;
    case 'unavailable':
      return `OpenAI is unavailable${status}`;
    case 'network':
      return 'OpenAI could not be reached';
    case 'timeout':
      return 'OpenAI did not answer in time';
    default:
      return `OpenAI failed${status}`;
  }
}

/** The router's reason for serving privately up front ("OpenAI is rate-limited until 14:05; served by ..."): its first clause. */
export function routedCause(why: string): string {
  const cause = why.split(';')[0].trim();
  return cause.charAt(0).toUpperCase() + cause.slice(1);
}

/** The fallback failed too: one error that names both causes, keeping the endpoint's kind and fixes. */
export function bothFailed(cause: string, endpointError: ProviderError): ProviderError {
  const detail = endpointError.message.charAt(0).toLowerCase() + endpointError.message.slice(1);
  return new ProviderError({
    kind: endpointError.kind, provider: endpointError.provider, status: endpointError.status, until: endpointError.until,
    actions: endpointError.actions.length ? endpointError.actions : ['retry', 'showLog'],
    message: `${cause} and your private endpoint failed: ${detail}`,
  });
}

/** When OpenAI should take requests again, if it said or the circuit knows. */
export function cloudBackAt(h: HealthSnapshot | undefined, now: number): number | undefined {
  const times = [h?.rateLimitedUntil, h?.openUntil].filter((t): t is number => t !== undefined && t > now);
  return times.length ? Math.max(...times) : undefined;
}

/** "Answering from your private endpoint until 14:05" (or "for now" when nobody knows until when). */
export function fallbackNoticeText(backAt: number | undefined, budgetSpent: boolean): string {
  if (budgetSpent) return "Today's OpenAI budget is spent: answering from your private endpoint until midnight.";
  return backAt !== undefined
    ? `OpenAI is unavailable: answering from your private endpoint until ${clockTime(backAt, false)}.`
    : 'OpenAI is unavailable: answering from your private endpoint for now.';
}

/**
 * One notice per fallback episode: the first request the private endpoint serves for the cloud
 * starts one; a request OpenAI answers again ends it (so the next fallback tells again).
 */
export class FallbackEpisodes {
  private active = false;

  /** A request was answered; true when this one should be announced. */
  answered(provider: ProviderId, fallbackFrom: string | undefined): boolean {
    if (PROVIDERS[provider].cloud) {
      this.active = false;
      return false;
    }
    if (fallbackFrom !== 'openai' || this.active) return false;
    this.active = true;
    return true;
  }

  /** The person turned fallback off (or settings changed): the next episode is a new one. */
  end(): void {
    this.active = false;
  }
}
