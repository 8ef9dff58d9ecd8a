import type { Feature, ProviderId, TandemConfig } from '../config';
import type { ProviderError } from '../llm/errors';
import { clockTime } from '../llm/errors';
import type { HealthSnapshot, ProviderErrorKind } from '../llm/types';
import type { PrivacyDecision } from '../privacy/workspacePrivacy';
import { PROVIDERS } from '../providers';

/**
 * The one place that decides which provider serves a request (docs/ARCHITECTURE.md): a pure
 * function of the feature, the settings, the privacy of the file, the providers' health
 * and the budget. The status bar, `api.activeProvider(feature)` and every feature ask it.
 * Private means private: nothing here ever routes a private request to the cloud, and
 * fallback only ever goes from the cloud to the private endpoint.
 */
export interface RouteInput {
  feature: Feature;
  config: TandemConfig;
  privacy: PrivacyDecision;
  /** Circuit/rate-limit state per provider; missing = healthy. */
  health?: Partial<Record<ProviderId, HealthSnapshot>>;
  /** The daily OpenAI budget (tandem.budget.dailyUsd) is spent. */
  budgetSpent?: boolean;
  /** For comparing with health times (ms since epoch). */
  now?: number;
}

export type RefusalReason = 'privateNoEndpoint' | 'noEndpoint' | 'budgetSpent' | 'circuitOpen' | 'rateLimited';

export type RouteDecision =
  | { ok: true; provider: ProviderId; model: string; why: string; fallbackFrom?: ProviderId }
  | { ok: false; provider: ProviderId; why: string; reason?: RefusalReason; retryAt?: number };

/** What the settings ask for this feature, before privacy applies. */
export function requestedProvider(feature: Feature, config: TandemConfig): { provider: ProviderId; why: string } {
  const perFeature = feature === 'inline' ? config.inline.provider : config.chat.provider;
  const key = feature === 'inline' ? 'tandem.inline.provider' : 'tandem.chat.provider';
  if (perFeature !== 'default') return { provider: perFeature, why: `${key} is "${perFeature}"` };
  return { provider: config.provider, why: `tandem.provider is "${config.provider}"` };
}

export function modelFor(provider: ProviderId, feature: Feature, config: TandemConfig): string {
  return PROVIDERS[provider].model(config, feature === 'inline' ? 'completion' : 'chat');
}

/** Why the cloud cannot take a request right now, if it cannot. */
function cloudBlocked(input: RouteInput): { reason: RefusalReason; why: string; retryAt?: number } | undefined {
  const now = input.now ?? Date.now();
  if (input.budgetSpent) return { reason: 'budgetSpent', why: `today's OpenAI budget (tandem.budget.dailyUsd = ${input.config.budget.dailyUsd} USD) is spent` };
  const h = input.health?.openai;
  if (h?.rateLimitedUntil !== undefined && h.rateLimitedUntil > now) {
    return { reason: 'rateLimited', why: `OpenAI is rate-limited until ${clockTime(h.rateLimitedUntil)}`, retryAt: h.rateLimitedUntil };
  }
  if (h?.state === 'open') {
    return { reason: 'circuitOpen', why: `OpenAI failed repeatedly${h.lastError ? ` (${h.lastError.kind})` : ''}; paused until ${clockTime(h.openUntil ?? now)}`, retryAt: h.openUntil };
  }
  return undefined;
}

function privateOpen(input: RouteInput): { why: string; retryAt?: number } | undefined {
  const h = input.health?.huggingface;
  if (h?.state !== 'open') return undefined;
  return { why: `the private endpoint failed repeatedly${h.lastError ? ` (${h.lastError.kind})` : ''}; Tandem tries it again at ${clockTime(h.openUntil ?? input.now ?? Date.now())}`, retryAt: h.openUntil };
}

function toPrivate(input: RouteInput, why: string, fallbackFrom?: ProviderId): RouteDecision {
  const down = privateOpen(input);
  if (down) return { ok: false, provider: 'huggingface', reason: 'circuitOpen', retryAt: down.retryAt, why: `Not sent: ${down.why}. Nothing was sent anywhere else.` };
  return { ok: true, provider: 'huggingface', model: modelFor('huggingface', input.feature, input.config), why, ...(fallbackFrom ? { fallbackFrom } : {}) };
}

function canFallBack(config: TandemConfig): boolean {
  return config.fallbackToPrivate && config.huggingface.endpointUrl !== '';
}

export function route(input: RouteInput): RouteDecision {
  const { feature, config, privacy } = input;
  if (privacy.private) {
    // Private means private: only the private endpoint, whatever the provider settings say.
    if (!config.huggingface.endpointUrl) {
      return { ok: false, provider: 'huggingface', reason: 'privateNoEndpoint', why: `This workspace is private (${privacy.reason}) and no private endpoint is set: set tandem.huggingface.endpointUrl in your user settings. Nothing was sent.` };
    }
    return toPrivate(input, `private workspace: ${privacy.reason}`);
  }
  const req = requestedProvider(feature, config);
  if (req.provider === 'huggingface') {
    if (!config.huggingface.endpointUrl) {
      return { ok: false, provider: 'huggingface', reason: 'noEndpoint', why: 'No private endpoint is set: set tandem.huggingface.endpointUrl in your user settings.' };
    }
    return toPrivate(input, req.why);
  }
  const blocked = cloudBlocked(input);
  if (!blocked) return { ok: true, provider: 'openai', model: modelFor('openai', feature, config), why: req.why };
  if (canFallBack(config)) {
    const d = toPrivate(input, `${blocked.why}; served by the private endpoint (tandem.fallbackToPrivate)`, 'openai');
    if (d.ok) return d;
  }
  const hint = blocked.reason === 'budgetSpent'
    ? ' Raise tandem.budget.dailyUsd, wait until tomorrow, or set a private endpoint with tandem.fallbackToPrivate.'
    : ' Try again later, or set a private endpoint with tandem.fallbackToPrivate.';
  return { ok: false, provider: 'openai', reason: blocked.reason, retryAt: blocked.retryAt, why: `Not sent: ${blocked.why}.${hint}` };
}

/** Failures that say the cloud is rate-limited or down (not the user's to fix). */
const FALLBACK_KINDS: readonly ProviderErrorKind[] = ['rateLimited', 'unavailable', 'network', 'timeout'];

/**
 * After a cloud request failed (after the chat retries; at once for inline): the private
 * endpoint that serves it instead, or undefined. Never on 400/401/403/404 and never from
 * private to cloud.
 */
export function fallbackAfterFailure(input: RouteInput, failed: RouteDecision, err: Pick<ProviderError, 'kind' | 'message'>): RouteDecision | undefined {
  if (!failed.ok || failed.provider !== 'openai' || input.privacy.private) return undefined;
  if (!FALLBACK_KINDS.includes(err.kind) || !canFallBack(input.config)) return undefined;
  const d = toPrivate(input, `OpenAI failed (${err.kind}); served by the private endpoint (tandem.fallbackToPrivate)`, 'openai');
  return d.ok ? d : undefined;
}
