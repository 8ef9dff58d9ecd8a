import * as vscode from 'vscode';
import type { ProviderId } from '../core/config';
import type { Engine } from '../core/engine/engine';
import type { UsageRecord } from '../core/llm/types';
import { problemFromHealth } from '../core/status/healthProblem';
import type { StatusReporter } from './services';

/**
 * Shows each provider's health (rate limit, open circuit, rejected key, endpoint down)
 * in the status bar, and looks again when a rate limit or pause ends by itself.
 */
export function watchHealth(engine: Engine, status: StatusReporter, requests?: vscode.Event<UsageRecord>): vscode.Disposable {
  const timers = new Map<ProviderId, ReturnType<typeof setTimeout>>();
  const update = (provider: ProviderId) => {
    clearTimeout(timers.get(provider));
    const now = Date.now();
    const snapshot = engine.healthSnapshot()[provider];
    const { problem, expires } = problemFromHealth(provider, snapshot, now);
    status.setProblem(provider, problem, 'health');
    // A request that went through outdates what an earlier connection test found.
    if (snapshot.consecutiveFailures === 0 && !snapshot.lastError) status.setProblem(provider, undefined, 'connection');
    if (expires !== undefined) timers.set(provider, setTimeout(() => update(provider), Math.max(0, expires - now) + 50));
    status.refresh();
  };
  const off = engine.onHealthChange((provider) => update(provider));
  // A request that succeeded outdates a failure an earlier connection test found, even when
  // the provider's health did not change (the test's probes bypass the engine).
  const served = requests?.((r) => {
    if (r.outcome === 'ok') status.setProblem(r.provider, undefined, 'connection');
  });
  return new vscode.Disposable(() => {
    off();
    served?.dispose();
    for (const t of timers.values()) clearTimeout(t);
  });
}
