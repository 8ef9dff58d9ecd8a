import type { EgressRecord } from './egressLog';

/**
 * The egress log as plain text for a read-only document: one line per request, newest
 * first, then a per-host summary. Nothing in it can be code (the records hold none).
 */
export function formatEgress(records: readonly EgressRecord[], title = 'What left this machine'): string {
  const lines = [`# ${title}`, ''];
  if (records.length === 0) {
    lines.push('Nothing has been sent to any model since this window started.');
    return lines.join('\n') + '\n';
  }
  const byHost = new Map<string, { requests: number; bytes: number; provider: string }>();
  for (const r of records) {
    const h = byHost.get(r.host) ?? { requests: 0, bytes: 0, provider: r.provider };
    h.requests++;
    h.bytes += r.bytes;
    byHost.set(r.host, h);
  }
  lines.push('## By destination', '');
  for (const [host, h] of byHost) lines.push(`- ${host} (${h.provider}): ${h.requests} request${h.requests === 1 ? '' : 's'}, ${formatBytes(h.bytes)}`);
  lines.push('', '## Requests (newest first)', '');
  const rows = [...records].reverse().map((r) => [
    localTime(r.time), r.provider, r.host, r.feature, (r.file ?? '-') + (r.contextFiles?.length ? ` + context: ${r.contextFiles.join(', ')}` : ''), formatBytes(r.bytes),
    r.redactions > 0 ? `${r.redactions} (${r.redactionKinds.join(', ')})` : '-', r.outcome,
  ]);
  lines.push(...table(['time', 'provider', 'host', 'feature', 'file', 'sent', 'secrets redacted', 'outcome'], rows));
  lines.push('', 'Only these facts are kept (in memory, and in egress.jsonl under the extension\'s global storage): never the code, prompts or answers.');
  return lines.join('\n') + '\n';
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function localTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (x: number) => String(x).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

function table(head: string[], rows: string[][]): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}
