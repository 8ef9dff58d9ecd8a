import type { ProviderId } from '../config';
import { clockTime } from '../llm/errors';
import type { HealthSnapshot } from '../llm/types';
import type { ProviderProblem } from './statusModel';

const NAME: Record<ProviderId, string> = { openai: 'OpenAI', huggingface: 'the private endpoint' };

/**
 * A provider's health as the status bar's error state (CONTRACT.md: no key, endpoint
 * down, rate-limited until HH:MM, circuit open), or undefined when healthy now.
 * `expires` says when to look again (a rate limit or an open circuit ends by itself).
 */
export function problemFromHealth(provider: ProviderId, h: HealthSnapshot, now: number): { problem?: ProviderProblem; expires?: number } {
  const fallbackHint = provider === 'openai' ? ' With tandem.fallbackToPrivate on and an endpoint set, the private endpoint answers meanwhile.' : '';
  if (h.rateLimitedUntil !== undefined && h.rateLimitedUntil > now) {
    return {
      problem: { summary: `rate-limited until ${clockTime(h.rateLimitedUntil, false)}`, fix: `${cap(NAME[provider])} asked Tandem to wait; requests resume by themselves.${fallbackHint}` },
      expires: h.rateLimitedUntil,
    };
  }
  if (h.state === 'open' && h.openUntil !== undefined && h.openUntil > now) {
    const last = h.lastError ? ` Last error: ${h.lastError.message}` : '';
    return {
      problem: { summary: `paused until ${clockTime(h.openUntil, false)}`, fix: `${cap(NAME[provider])} failed ${h.consecutiveFailures} times in a row; Tandem tries again then.${last}${fallbackHint}` },
      expires: h.openUntil,
    };
  }
  if (h.lastError && h.lastError.kind === 'auth') {
    const cmd = provider === 'openai' ? 'Tandem: Set OpenAI API Key' : 'Tandem: Set Hugging Face Token';
    return { problem: { summary: provider === 'openai' ? 'key rejected' : 'token rejected', fix: `${h.lastError.message} Run "${cmd}".` } };
  }
  if (h.lastError && (h.lastError.kind === 'network' || h.lastError.kind === 'unavailable' || h.lastError.kind === 'timeout')) {
    return { problem: { summary: provider === 'openai' ? 'unreachable' : 'endpoint down', fix: `${h.lastError.message} Run "Tandem: Test Connection" to check it.` } };
  }
  return {};
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
