import type { Feature, ProviderId, TandemConfig } from './config';
import type { PrivacyDecision } from './privacy/workspacePrivacy';

/**
 * The one place that decides which provider serves a request (ARCHITECTURE.md):
 * a pure function of the feature, the settings and the privacy of the file.
 * The status bar, `api.activeProvider(feature)` and every feature ask it.
 */
export interface RouteInput {
  feature: Feature;
  config: TandemConfig;
  privacy: PrivacyDecision;
}

export type RouteDecision =
  | { ok: true; provider: ProviderId; model: string; why: string }
  | { ok: false; provider: ProviderId; why: string };

/** What the settings ask for this feature, before privacy applies. */
export function requestedProvider(feature: Feature, config: TandemConfig): { provider: ProviderId; why: string } {
  const perFeature = feature === 'inline' ? config.inline.provider : config.chat.provider;
  const key = feature === 'inline' ? 'tandem.inline.provider' : 'tandem.chat.provider';
  if (perFeature !== 'default') return { provider: perFeature, why: `${key} is "${perFeature}"` };
  return { provider: config.provider, why: `tandem.provider is "${config.provider}"` };
}

export function modelFor(provider: ProviderId, feature: Feature, config: TandemConfig): string {
  if (provider === 'huggingface') return config.huggingface.model;
  return feature === 'inline' ? config.openai.completionModel : config.openai.chatModel;
}

export function route(input: RouteInput): RouteDecision {
  const { feature, config, privacy } = input;
  if (privacy.private) {
    // Private means private: only the private endpoint, whatever the provider settings say.
    if (!config.huggingface.endpointUrl) {
      return { ok: false, provider: 'huggingface', why: `This workspace is private (${privacy.reason}) and no private endpoint is set: set tandem.huggingface.endpointUrl in your user settings. Nothing was sent.` };
    }
    return { ok: true, provider: 'huggingface', model: modelFor('huggingface', feature, config), why: `private workspace: ${privacy.reason}` };
  }
  const req = requestedProvider(feature, config);
  if (req.provider === 'huggingface' && !config.huggingface.endpointUrl) {
    return { ok: false, provider: 'huggingface', why: 'No private endpoint is set: set tandem.huggingface.endpointUrl in your user settings.' };
  }
  return { ok: true, provider: req.provider, model: modelFor(req.provider, feature, config), why: req.why };
}
