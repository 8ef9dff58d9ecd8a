import * as vscode from 'vscode';
import type { ProviderId, TandemConfig } from '../../core/config';
import { isProviderId, PROVIDER_IDS, PROVIDERS } from '../../core/providers';
import { probeHuggingFace, probeOpenAI } from '../../core/connection/probe';
import type { ConnectionResult, FetchLike } from '../../core/connection/probe';
import { connectionRows } from '../../core/connection/rows';
import { chooseFimTemplate } from '../../core/fim/templates';
import { problemFromConnection } from '../../core/status/connectionProblem';
import type { Services } from '../services';
import { showConnectionRows } from './connectionResults';

/**
 * `tandem.testConnection`: `'openai' | 'huggingface'` or none (every provider this
 * workspace may use). Returns the contract's `{ provider, ok, model?, latencyMs?, detail }[]`
 * and shows one row per endpoint, failures first, with their fixes; what it finds updates the
 * status bar. From a private workspace OpenAI is never contacted.
 */
export async function testConnection(services: Services, fetchFor: (provider: ProviderId, url: string) => FetchLike, arg?: unknown): Promise<Omit<ConnectionResult, 'actions'>[] | undefined> {
  if (arg !== undefined && !isProviderId(arg)) {
    void vscode.window.showErrorMessage(`Tandem: unknown provider ${JSON.stringify(arg)}. Use "openai" or "huggingface".`);
    return undefined;
  }
  const config = services.settings.current();
  const privacy = services.privacy.strictest();
  const wanted: ProviderId[] = arg ? [arg] : providersInUse(services);
  const results: ConnectionResult[] = [];
  const stop = services.status.busy();
  try {
    for (const provider of wanted) {
      if (PROVIDERS[provider].cloud && privacy.private) {
        results.push({ provider, ok: false, actions: [], detail: `Not contacted: this workspace is private (${privacy.reason}); Tandem never sends anything to OpenAI from here.` });
        continue;
      }
      const key = await services.keys.get(provider);
      results.push(await PROBES[provider](config, key, fetchFor(provider, PROVIDERS[provider].baseUrl(config))));
    }
  } finally {
    stop.dispose();
  }
  for (const r of results) services.log.info(`Test connection, ${r.provider}: ${r.ok ? 'ok' : 'FAILED'}: ${r.detail}`);
  // An endpoint that just answered is back: requests go to it now, not after the pause.
  for (const r of results) if (r.ok) services.engine.health.closeCircuit(r.provider, 'verified');
  await reportToStatus(services, results);
  showConnectionRows(connectionRows(results, { privateWorkspace: privacy.private, configuredModel: config.huggingface.model }), {
    retry: () => void testConnection(services, fetchFor, arg),
    log: services.log,
    useModel: (model) => void vscode.workspace.getConfiguration('tandem').update('huggingface.model', model, vscode.ConfigurationTarget.Global),
  });
  return results.map(({ actions: _actions, ...r }) => r);
}

/** Each provider's probe: routes that cost no tokens (core/connection/probe.ts). */
const PROBES: Record<ProviderId, (config: TandemConfig, key: string | undefined, fetch: FetchLike) => Promise<ConnectionResult>> = {
  openai: (config, key, fetch) => probeOpenAI(config.openai, key, { fetch }),
  huggingface: (config, key, fetch) => {
    const choice = chooseFimTemplate(config.huggingface.fimTemplate, config.huggingface.model);
    const note = `the "${choice.template.id}" FIM template (${choice.note})`;
    return probeHuggingFace(config.huggingface, key, note, { fetch });
  },
};

/** A 401 found here shows in the status bar as a rejected key at once; a pass clears what an earlier test found. */
async function reportToStatus(services: Services, results: readonly ConnectionResult[]): Promise<void> {
  for (const r of results) {
    const hasKey = Boolean(await services.keys.get(r.provider));
    services.status.setProblem(r.provider, problemFromConnection(r, hasKey), 'connection');
  }
}

/** OpenAI unless private; the private endpoint when configured or chosen by a setting. */
function providersInUse(services: Services): ProviderId[] {
  const config = services.settings.current();
  const out = new Set<ProviderId>();
  for (const feature of ['explain', 'inline'] as const) out.add(services.route(feature).provider);
  for (const p of PROVIDER_IDS) if (!PROVIDERS[p].cloud && PROVIDERS[p].baseUrl(config)) out.add(p);
  if (services.privacy.strictest().private) for (const p of PROVIDER_IDS) if (PROVIDERS[p].cloud) out.delete(p);
  return [...out].sort();
}
