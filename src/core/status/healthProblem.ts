import type { ProviderId } from '../config';
import { clockTime } from '../llm/errors';
import { keyCommandName, PROVIDERS } from '../providers';
import type { HealthSnapshot, ProviderErrorKind } from '../llm/types';
import type { ProblemKind, ProviderProblem } from './problem';

/**
 * A provider's health as the status bar's error state (no key, unreachable, rate-limited
 * until HH:MM, paused after repeated failures), or undefined when healthy now.
 * `expires` says when to look again (a rate limit or an open circuit ends by itself).
 */
export function problemFromHealth(provider: ProviderId, h: HealthSnapshot, now: number): { problem?: ProviderProblem; expires?: number } {
  const facts = PROVIDERS[provider];
  // Only the cloud falls back (to your own server).
  const fallbackHint = facts.cloud ? ' With tandem.fallbackToPrivate on and an endpoint set, the private endpoint answers meanwhile.' : '';
  if (h.rateLimitedUntil !== undefined && h.rateLimitedUntil > now) {
    const until = clockTime(h.rateLimitedUntil, false);
    return {
      problem: { kind: 'rateLimited', until: h.rateLimitedUntil, summary: `rate-limited until ${until}`, fix: `${facts.label} asked Tandem to wait (429) until ${until}; requests resume by themselves.${fallbackHint}` },
      expires: h.rateLimitedUntil,
    };
  }
  if (h.state === 'open' && h.openUntil !== undefined && h.openUntil > now) {
    const last = h.lastError ? ` Last error: ${h.lastError.message}` : '';
    // The label says what failed (unreachable, unavailable); the pause is in the tooltip.
    const what = h.lastError ? failureWords(h.lastError.kind) : undefined;
    return {
      problem: {
        kind: what?.kind ?? 'paused',
        until: h.openUntil,
        summary: what?.summary ?? `paused until ${clockTime(h.openUntil, false)}`,
        fix: `${facts.label} failed ${h.consecutiveFailures} times in a row; Tandem pauses it until ${clockTime(h.openUntil, false)}, then tries again.${last}${fallbackHint}`,
      },
      expires: h.openUntil,
    };
  }
  if (h.lastError && h.lastError.kind === 'auth') {
    const cmd = keyCommandName(provider);
    // The error's own message often names the command already; say it once.
    const fix = h.lastError.message.includes(cmd) ? h.lastError.message : `${h.lastError.message} Run "${cmd}".`;
    return { problem: { kind: 'keyRejected', summary: `${facts.keyNoun} rejected`, fix } };
  }
  const what = h.lastError ? failureWords(h.lastError.kind) : undefined;
  if (h.lastError && what) {
    return { problem: { kind: what.kind, summary: what.summary, fix: `${h.lastError.message} Run "Tandem: Test Connection" to check it.` } };
  }
  return {};
}

function failureWords(kind: ProviderErrorKind): { kind: ProblemKind; summary: string } | undefined {
  if (kind === 'network' || kind === 'timeout') return { kind: 'unreachable', summary: 'unreachable' };
  if (kind === 'unavailable') return { kind: 'unavailable', summary: 'unavailable' };
  return undefined;
}
