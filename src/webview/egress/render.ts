import type { EgressRecord } from '../../core/egress/egressLog';
import type { EgressFilter } from '../../core/egress/egressProtocol';
import { egressRows, filterChoices, hostTotals } from '../../core/egress/egressRows';
import { h } from '../usage/dom';

const COLUMNS = ['Time', 'Provider', 'Host', 'Feature', 'File', 'Sent', 'Secrets redacted', 'Outcome'];

/** The egress view for the current records and filter; re-rendered on every update (it holds at most 1,000 rows). */
export function render(records: readonly EgressRecord[], file: string, filter: EgressFilter, onFilter: (f: EgressFilter) => void): HTMLElement {
  const root = h('main', { class: 'egress' });
  root.append(h('header', {}, h('h1', {}, 'What left this machine'),
    h('p', { class: 'note' }, 'One row per request Tandem sent, newest first: where to, for which feature and file, how many bytes, which secrets were replaced. Never the code, prompts or answers.')));
  if (records.length === 0) {
    root.append(h('p', { class: 'empty' }, 'Nothing has been sent to any model since this window started.'));
    root.append(footer(file));
    return root;
  }
  const choices = filterChoices(records);
  root.append(h('section', { class: 'summary' }, ...hostTotals(records).map((t) => h('span', { class: 'host-total' }, `${t.host}: ${t.requests} request${t.requests === 1 ? '' : 's'}, ${t.bytes}`))));
  root.append(h('section', { class: 'filters' },
    select('Host', 'host', filter.host, [['', 'All hosts'], ...choices.hosts.map((x): [string, string] => [x, x])], (host) => onFilter({ ...filter, host })),
    select('Feature', 'feature', filter.feature, [['', 'All features'], ...choices.features.map((x): [string, string] => [x, x === 'probe' ? 'Probes (Test Connection)' : x])], (feature) => onFilter({ ...filter, feature }))));
  const rows = egressRows(records, filter, localTime);
  const table = h('table', { class: 'requests' },
    h('thead', {}, h('tr', {}, ...COLUMNS.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, ...rows.map((r) => h('tr', { class: r.probe ? 'probe' : undefined, 'data-id': r.id },
      h('td', { class: 'time' }, r.time),
      h('td', {}, r.provider),
      h('td', { class: 'host' }, r.host),
      h('td', {}, r.probe ? h('span', { class: 'badge' }, r.feature) : r.feature),
      h('td', { class: 'file', title: r.file || undefined }, r.file || '—'),
      h('td', { class: 'num' }, r.sent),
      h('td', {}, r.redacted || '—'),
      h('td', { class: `outcome ${r.outcome}` }, r.outcome)))));
  root.append(rows.length ? table : h('p', { class: 'empty' }, 'No request matches these filters.'));
  root.append(footer(file));
  return root;
}

function select(label: string, name: string, value: string, options: [string, string][], onChange: (v: string) => void): HTMLElement {
  const el = h('select', { name, 'aria-label': label });
  for (const [v, text] of options) {
    const o = h('option', { value: v }, text);
    if (v === value) o.selected = true;
    el.append(o);
  }
  el.addEventListener('change', () => onChange(el.value));
  return h('label', {}, `${label} `, el);
}

function footer(file: string): HTMLElement {
  return h('footer', { class: 'note' }, `Kept in memory for this window (the last 1,000) and on disk in ${file}.`);
}

function localTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (x: number) => String(x).padStart(2, '0');
  return `${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
