import type { ProviderId, TandemConfig } from '../config';
import type { FetchLike } from '../net/fetchLike';
import { PROVIDERS } from '../providers';
import type { EgressEvent, ProviderTimeouts } from './base';
import { HuggingFaceProvider } from './huggingfaceProvider';
import type { EndpointTokenCounter } from './tokenCounter';
import { OpenAIProvider } from './openaiProvider';
import type { ModelProvider } from './types';

/** What every provider gets besides its own settings. */
export interface ProviderCommon {
  fetch?: FetchLike;
  timeouts?: Partial<ProviderTimeouts>;
  now?: () => number;
  onEgress?: (e: EgressEvent) => void;
  log?: (message: string) => void;
  /** The window's exact token counter for endpoints that offer TGI's /tokenize. */
  tokenCounter?: EndpointTokenCounter;
}

/** The one table of providers (a table, never an if-chain in features). */
export const PROVIDER_FACTORIES: Readonly<Record<ProviderId, (config: TandemConfig, key: string | undefined, common: ProviderCommon) => ModelProvider>> = {
  openai: (config, key, c) => new OpenAIProvider({ baseUrl: PROVIDERS.openai.baseUrl(config), key, fetch: c.fetch, timeouts: c.timeouts, now: c.now, onEgress: c.onEgress }),
  huggingface: (config, key, c) =>
    new HuggingFaceProvider({ baseUrl: PROVIDERS.huggingface.baseUrl(config), key, fimTemplate: config.huggingface.fimTemplate, serverKind: config.huggingface.serverKind, fetch: c.fetch, timeouts: c.timeouts, now: c.now, onEgress: c.onEgress, log: c.log, tokenCounter: c.tokenCounter }),
};
