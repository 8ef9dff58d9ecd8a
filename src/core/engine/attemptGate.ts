import type { ProviderId } from '../config';
import { ProviderError } from '../llm/errors';
import type { PrivacyDecision } from '../privacy/workspacePrivacy';
import { PROVIDERS } from '../providers';

/**
 * The privacy check every attempt of a request passes (first try, each retry after a
 * back-off, each fallback hop): privacy decided once per request would let a retry reach
 * the cloud after the folder was marked private during the wait.
 */

/** What `StreamOptions.recheck` reports. */
export interface PrivacyNow {
  privacy: PrivacyDecision;
  /** The `tandem.exclude` pattern the file matches now, if any. */
  excludedBy?: string;
}

/** A request in flight, so a privacy change can stop it. */
export interface InFlight {
  provider?: ProviderId;
  recheck(): PrivacyNow;
  controller: AbortController;
  /** Set when a privacy change stopped the request: what the caller gets instead of "cancelled". */
  stoppedBy?: ProviderError;
}

/**
 * Why a request may not send anything more to `provider` now, or undefined: an excluded
 * file goes nowhere, a private one never to the cloud.
 */
export function privacyBlock(provider: ProviderId, now: PrivacyNow): ProviderError | undefined {
  if (now.excludedBy !== undefined) {
    return new ProviderError({ kind: 'refused', provider, actions: ['openSettings'], message: `This file matches "${now.excludedBy}" in tandem.exclude, so it is never sent to any model. Nothing more was sent.` });
  }
  if (PROVIDERS[provider].cloud && now.privacy.private) {
    return new ProviderError({
      kind: 'refused', provider, actions: ['retry', 'openSettings'],
      message: `This workspace is private (${now.privacy.reason}): nothing more was sent to OpenAI. Run the command again to use the private endpoint.`,
    });
  }
  return undefined;
}

/** Aborts a request in flight that may no longer send to its provider; returns why, once. */
export function stopIfBlocked(flight: InFlight): ProviderError | undefined {
  if (flight.stoppedBy || !flight.provider) return undefined;
  const blocked = privacyBlock(flight.provider, flight.recheck());
  if (!blocked) return undefined;
  flight.stoppedBy = blocked;
  flight.controller.abort();
  return blocked;
}
