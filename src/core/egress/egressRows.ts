import type { EgressRecord } from './egressLog';
import type { EgressFilter } from './egressProtocol';
import { formatBytes } from './format';
import { scrubUrlCredentials } from '../net/urlCredentials';
import { PROVIDERS } from '../providers';

/**
 * The egress table's rows, newest first, as the webview shows them: probes (the connection
 * test's requests, which carry no code) are labelled as probes, and a `user:password@` that
 * ever reached a host or file is shown as `***@`. Pure, shared by the webview and its tests.
 */
export interface EgressRow {
  id: number;
  time: string;
  host: string;
  /** The provider's title (providers.ts): "OpenAI", "Private endpoint". */
  provider: string;
  /** "inline", "explain", ..., or "probe (Test Connection)". */
  feature: string;
  probe: boolean;
  file: string;
  sent: string;
  redacted: string;
  outcome: EgressRecord['outcome'];
}

/** The features whose requests are probes: they test an endpoint and carry no code. */
const PROBES: Record<string, string> = { testConnection: 'probe (Test Connection)' };

export function isProbe(feature: string): boolean {
  return Object.hasOwn(PROBES, feature);
}

/**
 * `user:pw@` shown as `***@`: URLs through the one scrubber every message uses, plus a bare
 * authority (`user:pw@host`, as a host field would hold one) that has no scheme to anchor on.
 */
export function maskCredentials(text: string): string {
  return scrubUrlCredentials(text).replace(/^[^\s/@]+@/, '***@');
}

export function toRow(r: EgressRecord, localTime: (iso: string) => string): EgressRow {
  return {
    id: r.id,
    time: localTime(r.time),
    host: maskCredentials(r.host),
    provider: PROVIDERS[r.provider].title,
    feature: PROBES[r.feature] ?? r.feature,
    probe: isProbe(r.feature),
    // Files sent as completion context are named (never their content) after the edited one.
    file: maskCredentials((r.file ?? '') + (r.contextFiles?.length ? ` + context: ${r.contextFiles.join(', ')}` : '')),
    sent: formatBytes(r.bytes),
    redacted: r.redactions > 0 ? `${r.redactions} (${r.redactionKinds.join(', ')})` : '',
    outcome: r.outcome,
  };
}

/** Whether a record passes the filter (`probe` selects every probe). */
export function matches(r: EgressRecord, f: EgressFilter): boolean {
  if (f.host && maskCredentials(r.host) !== f.host) return false;
  if (!f.feature) return true;
  return f.feature === 'probe' ? isProbe(r.feature) : r.feature === f.feature;
}

/** The choices of the two filters, from the records there are. */
export function filterChoices(records: readonly EgressRecord[]): { hosts: string[]; features: string[] } {
  const hosts = new Set<string>();
  const features = new Set<string>();
  for (const r of records) {
    hosts.add(maskCredentials(r.host));
    features.add(isProbe(r.feature) ? 'probe' : r.feature);
  }
  return { hosts: [...hosts].sort(), features: [...features].sort() };
}

/** Newest first, filtered. */
export function egressRows(records: readonly EgressRecord[], f: EgressFilter, localTime: (iso: string) => string): EgressRow[] {
  const out: EgressRow[] = [];
  for (let i = records.length - 1; i >= 0; i--) if (matches(records[i], f)) out.push(toRow(records[i], localTime));
  return out;
}

/** Requests and bytes per host, for the summary line above the table. */
export function hostTotals(records: readonly EgressRecord[]): { host: string; requests: number; bytes: string }[] {
  const by = new Map<string, { requests: number; bytes: number }>();
  for (const r of records) {
    const host = maskCredentials(r.host);
    const t = by.get(host) ?? { requests: 0, bytes: 0 };
    t.requests++;
    t.bytes += r.bytes;
    by.set(host, t);
  }
  return [...by].map(([host, t]) => ({ host, requests: t.requests, bytes: formatBytes(t.bytes) }));
}
