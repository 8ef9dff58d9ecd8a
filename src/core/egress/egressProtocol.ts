import type { EgressRecord } from './egressLog';

/**
 * The typed messages between the extension and the egress webview, imported by both sides.
 * The webview posts `ready` once its script runs; the extension answers with `records` and
 * pushes them again whenever a request is sent or ends. Filters live in the webview (they
 * change nothing the extension keeps); `filter` reports them so the log and tests can see them.
 */
export type ToEgressWebview = { type: 'records'; records: EgressRecord[]; file: string };

export interface EgressFilter {
  /** '' = every host. */
  host: string;
  /** '' = every feature; `probe` = the connection test's probes. */
  feature: string;
}

export type FromEgressWebview = { type: 'ready' } | { type: 'filter'; filter: EgressFilter };

export function isFromEgressWebview(v: unknown): v is FromEgressWebview {
  if (typeof v !== 'object' || v === null || !('type' in v)) return false;
  if (v.type === 'ready') return true;
  if (v.type !== 'filter' || !('filter' in v)) return false;
  const f = v.filter;
  return typeof f === 'object' && f !== null && 'host' in f && typeof f.host === 'string' && 'feature' in f && typeof f.feature === 'string';
}

export function isToEgressWebview(v: unknown): v is ToEgressWebview {
  return typeof v === 'object' && v !== null && 'type' in v && v.type === 'records' && 'records' in v && Array.isArray(v.records) && 'file' in v && typeof v.file === 'string';
}
