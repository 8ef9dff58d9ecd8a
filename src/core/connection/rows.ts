import type { ProviderId } from '../config';
import { PROVIDERS } from '../providers';
import { KIND_LABELS } from '../llm/serverKind';
import type { ErrorAction } from '../llm/types';
import type { ConnectionResult } from './probe';

/** A fix offered under a failed row: an error action, or storing the model the endpoint serves. */
export type RowFix = ErrorAction | 'useServedModel';

export interface ConnectionRow {
  provider: ProviderId;
  state: 'failed' | 'ok' | 'skipped';
  /** `$(error) Private endpoint` */
  label: string;
  /** Latency and model, short. */
  description: string;
  detail: string;
  /** The model the endpoint serves, when it said. */
  model?: string;
  fixes: RowFix[];
}

const ICON = { failed: '$(error)', ok: '$(pass)', skipped: '$(lock)' } as const;

/**
 * One row per endpoint, failures first (they are what the person came for), each with its
 * fixes; an endpoint a private workspace kept Tandem from contacting is no failure.
 */
export function connectionRows(results: readonly ConnectionResult[], opts: { privateWorkspace: boolean; configuredModel: string }): ConnectionRow[] {
  const rows = results.map((r): ConnectionRow => {
    const state = r.ok ? 'ok' : opts.privateWorkspace && PROVIDERS[r.provider].cloud && r.actions.length === 0 ? 'skipped' : 'failed';
    const parts = [state === 'skipped' ? 'not contacted' : r.ok ? 'ok' : 'failed'];
    if (r.latencyMs !== undefined) parts.push(`${r.latencyMs} ms`);
    if (r.model) parts.push(r.model);
    if (r.serverKind && r.serverKind !== 'unknown') parts.push(KIND_LABELS[r.serverKind]);
    const fixes: RowFix[] = [...new Set(r.actions)];
    if (r.provider === 'huggingface' && r.model && !opts.configuredModel) fixes.unshift('useServedModel');
    if (state === 'failed' && !fixes.includes('retry')) fixes.push('retry');
    return { provider: r.provider, state, label: `${ICON[state]} ${PROVIDERS[r.provider].title}`, description: parts.join(' · '), detail: r.detail, fixes, ...(r.model ? { model: r.model } : {}) };
  });
  const rank = { failed: 0, ok: 1, skipped: 2 } as const;
  return rows.map((row, i) => ({ row, i })).sort((a, b) => rank[a.row.state] - rank[b.row.state] || a.i - b.i).map((x) => x.row);
}

/** The title of the result list: what to look at first. */
export function connectionTitle(rows: readonly ConnectionRow[]): string {
  const failed = rows.filter((r) => r.state === 'failed').length;
  if (!failed) return 'Tandem: Test Connection: every endpoint answers';
  const tested = rows.filter((r) => r.state !== 'skipped').length;
  if (tested === 1) return 'Tandem: Test Connection: the endpoint fails';
  return `Tandem: Test Connection: ${failed} of ${tested} endpoints ${failed === 1 ? 'fails' : 'fail'}`;
}
