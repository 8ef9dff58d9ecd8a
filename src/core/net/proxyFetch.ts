import type { ProxyAgent } from 'undici';
import { sdk } from './sdkLoader';
import type { ProviderId } from '../config';
import { PROVIDERS } from '../providers';
import type { FetchLike } from './fetchLike';
import type { ProxySettings } from './proxy';
import { proxyFor } from './proxy';

/**
 * The fetch each provider uses (EngineDeps.fetchFor): the cloud through the proxy when one
 * applies, the private endpoint always direct (code for a private model must not cross a
 * corporate proxy). The undici dispatcher is passed through fetch's `dispatcher` option.
 */
export function createFetchFor(settings: () => ProxySettings, baseFetch: FetchLike = fetch): (provider: ProviderId, baseUrl: string) => FetchLike | undefined {
  const agents = new Map<string, ProxyAgent>();
  return (provider, baseUrl) => {
    if (!PROVIDERS[provider].cloud) return undefined;
    const proxy = proxyFor(baseUrl, settings());
    if (!proxy) return undefined;
    let agent = agents.get(proxy);
    if (!agent) {
      agent = new (sdk().ProxyAgent)(proxy);
      agents.set(proxy, agent);
    }
    const dispatcher = agent;
    return (input, init) => {
      // Node's fetch takes an undici dispatcher; RequestInit's type does not name it.
      const withProxy = Object.assign({}, init, { dispatcher });
      return baseFetch(input, withProxy);
    };
  };
}
