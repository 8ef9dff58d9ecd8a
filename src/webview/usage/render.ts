import type { ProviderId } from '../../core/config';
import { isProviderId, PROVIDER_IDS, PROVIDERS } from '../../core/providers';
import type { ExportFormat } from '../../core/usage/usageProtocol';
import type { Breakdown, PlatformFit, UsageRange, UsageView } from '../../core/usage/view';
import { latencyChart, spendChart } from './charts';
import { h } from './dom';
import { count, ms, pct, usd } from './format';

export interface Actions {
  range(range: UsageRange): void;
  exportAs(format: ExportFormat): void;
  clear(): void;
  openSettings(query: string): void;
  applySplit(inline: ProviderId, chat: ProviderId): void;
}

const RANGE_LABELS: Record<UsageRange, string> = { today: 'Today', '7d': '7 days', '30d': '30 days', all: 'All' };
/** A breakdown key that is a provider id shows as the provider's title. */
const providerTitle = (key: string): string => (isProviderId(key) ? PROVIDERS[key].title : key);

/** The whole dashboard for one view; re-rendered on every data message (it is small). */
export function render(view: UsageView, actions: Actions): HTMLElement {
  const root = h('main', { class: 'usage' });
  root.append(header(view, actions));
  if (view.ledgerRecords === 0) {
    root.append(emptyState(view, actions));
    return root;
  }
  if (view.budget.level !== 'off') root.append(budgetBanner(view));
  if (view.totals.requests === 0) {
    root.append(h('section', { class: 'empty' }, h('p', {}, `No requests in this range (${RANGE_LABELS[view.range].toLowerCase()}). `, link('Show all', () => actions.range('all')))));
    root.append(footer(view, actions));
    return root;
  }
  root.append(kpis(view, actions));
  root.append(h('section', { class: 'charts' },
    chartCard('Spend over time', spendChart(view.series), true),
    chartCard('Median latency: inline completions', latencyChart(view.series, 'inline'), false),
    chartCard('Median latency: explain and refactor', latencyChart(view.series, 'chat'), false)));
  root.append(platformFit(view, actions));
  root.append(h('section', { class: 'tables' },
    breakdownTable('By provider', view.byProvider.map((b) => ({ ...b, key: providerTitle(b.key) }))),
    breakdownTable('By model', view.byModel),
    breakdownTable('By feature', view.byFeature)));
  root.append(footer(view, actions));
  return root;
}

function header(view: UsageView, actions: Actions): HTMLElement {
  const tabs = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Range' });
  for (const r of Object.keys(RANGE_LABELS)) {
    if (r !== 'today' && r !== '7d' && r !== '30d' && r !== 'all') continue;
    const b = h('button', { role: 'tab', 'aria-selected': String(r === view.range), class: r === view.range ? 'tab active' : 'tab' }, RANGE_LABELS[r]);
    b.addEventListener('click', () => actions.range(r));
    tabs.append(b);
  }
  const tools = h('div', { class: 'tools' },
    button('Export CSV', () => actions.exportAs('csv'), 'secondary'),
    button('Export JSON', () => actions.exportAs('json'), 'secondary'),
    button('Clear history…', () => actions.clear(), 'secondary danger'));
  if (view.ledgerRecords === 0) tools.querySelectorAll('button').forEach((b) => b.setAttribute('disabled', ''));
  return h('header', {}, h('h1', {}, 'Usage and cost'), tabs, tools);
}

function emptyState(view: UsageView, actions: Actions): HTMLElement {
  return h('section', { class: 'empty' },
    h('h2', {}, 'No usage recorded yet'),
    h('p', {}, 'Tandem records every request it sends — inline completions, Explain and Refactor — with its tokens, cost, latency and outcome. The records stay on this machine, in the extension\'s storage.'),
    h('ol', {},
      h('li', {}, 'Set a key with "Tandem: Set OpenAI API Key", or a private endpoint in ', link('tandem.huggingface.endpointUrl', () => actions.openSettings('tandem.huggingface')), '.'),
      h('li', {}, 'Select some code and run "Tandem: Explain Selection", or type in an editor to get inline completions.'),
      h('li', {}, 'Come back here: this view updates live as requests finish.')),
    view.skippedLines ? h('p', { class: 'note' }, `${view.skippedLines} damaged ledger line(s) were skipped.`) : undefined,
    h('p', { class: 'note' }, 'To compare providers on cost, set ', link('tandem.huggingface.hourlyCostUsd', () => actions.openSettings('tandem.huggingface.hourlyCostUsd')),
      ' and, for a daily cap, ', link('tandem.budget.dailyUsd', () => actions.openSettings('tandem.budget.dailyUsd')), '.'));
}

function budgetBanner(view: UsageView): HTMLElement {
  const b = view.budget;
  const ratio = b.limitUsd > 0 ? Math.min(1, b.spentUsd / b.limitUsd) : 0;
  // Through the CSSOM: the CSP (no 'unsafe-inline') blocks style attributes.
  const fill = h('div', { class: 'fill' });
  fill.style.width = `${(ratio * 100).toFixed(1)}%`;
  const text = b.level === 'spent'
    ? 'Daily OpenAI budget spent: cloud requests are stopped until midnight (private endpoint used when allowed).'
    : b.level === 'warn' ? 'Over 80% of the daily OpenAI budget.' : 'Daily OpenAI budget';
  return h('section', { class: `budget ${b.level}`, role: b.level === 'ok' ? undefined : 'status' },
    h('div', { class: 'budget-text' }, h('strong', {}, text), h('span', {}, ` ${usd(b.spentUsd)} of ${usd(b.limitUsd)} today (${pct(b.spentUsd / b.limitUsd)})`),
      b.unpricedToday ? h('span', { class: 'note' }, ` · ${b.unpricedToday} request(s) with unknown price not counted`) : undefined),
    h('div', { class: 'meter', role: 'meter', 'aria-valuemin': 0, 'aria-valuemax': b.limitUsd, 'aria-valuenow': b.spentUsd.toFixed(4) }, fill));
}

function kpis(view: UsageView, actions: Actions): HTMLElement {
  const t = view.totals;
  const spendNote = t.unpriced ? `${t.unpriced} request(s): price unknown` : `${count(t.requests)} requests`;
  const cards = [
    card('Spend', usd(t.costUsd), spendNote, t.unpriced ? 'warn' : undefined),
    card('Tokens', `${count(t.inputTokens + t.outputTokens)}`, `${count(t.inputTokens)} in (${count(t.cachedInputTokens)} cached) · ${count(t.outputTokens)} out${t.estimated ? ` · ${t.estimated} estimated` : ''}`),
    card('Inline acceptance', pct(view.inline.acceptanceRate), `${count(view.inline.accepted)} accepted of ${count(view.inline.shown)} shown`),
    card('Cost per accepted completion', view.inline.costPerAcceptedUsd === undefined ? '—' : usd(view.inline.costPerAcceptedUsd),
      view.inline.partlyUnpriced ? 'some inline requests have no known price' : `${count(view.inline.requests)} inline requests`),
  ];
  const sv = view.savings;
  if (sv) {
    if (sv.savedUsd !== undefined) {
      const sub = `same tokens on ${sv.completionModel} / ${sv.chatModel}: ${usd(sv.openaiEquivalentUsd)}; endpoint ${usd(sv.privateCostUsd)}`;
      cards.push(sv.savedUsd >= 0
        ? card('Saved by running privately', usd(sv.savedUsd), sub, 'good')
        : card('Private cost more than OpenAI would', usd(-sv.savedUsd), sub, 'warn'));
    } else {
      const c = card('Private work on OpenAI would cost', usd(sv.openaiEquivalentUsd), 'set the endpoint\'s hourly cost to compare: ');
      c.querySelector('.sub')?.append(link('hourlyCostUsd', () => actions.openSettings('tandem.huggingface.hourlyCostUsd')));
      cards.push(c);
    }
  }
  return h('section', { class: 'kpis' }, ...cards);
}

function platformFit(view: UsageView, actions: Actions): HTMLElement {
  const fit = view.platformFit;
  const lat = new Map(view.latency.map((l) => [l.provider, l]));
  const row = (label: string, cell: (f: PlatformFit) => string, best?: 'low' | 'high', value?: (f: PlatformFit) => number | undefined) => {
    const values = value ? fit.map(value) : [];
    const known = values.filter((v): v is number => v !== undefined);
    const bestValue = best && known.length === 2 ? (best === 'low' ? Math.min(...known) : Math.max(...known)) : undefined;
    return h('tr', {}, h('th', { scope: 'row' }, label),
      ...fit.map((f, i) => h('td', { class: bestValue !== undefined && values[i] === bestValue && known[0] !== known[1] ? 'best' : undefined }, cell(f))));
  };
  const table = h('table', { class: 'fit' },
    h('thead', {}, h('tr', {}, h('th', {}, ''), ...fit.map((f) => h('th', { scope: 'col', class: f.provider }, PROVIDERS[f.provider].title)))),
    h('tbody', {},
      row('Requests', (f) => count(f.requests)),
      row('Latency p50 / p95', (f) => `${ms(f.latencyP50Ms)} / ${ms(f.latencyP95Ms)}`, 'low', (f) => f.latencyP50Ms),
      row('Time to first token p50 / p95', (f) => `${ms(lat.get(f.provider)?.firstTokenP50Ms)} / ${ms(lat.get(f.provider)?.firstTokenP95Ms)}`, 'low', (f) => lat.get(f.provider)?.firstTokenP50Ms),
      row('Cost per 1,000 requests', (f) => (f.costPer1000Usd === undefined ? 'price unknown' : usd(f.costPer1000Usd)), 'low', (f) => f.costPer1000Usd),
      row('Error rate', (f) => pct(f.errorRate), 'low', (f) => f.errorRate),
      row('Cancelled', (f) => pct(lat.get(f.provider)?.cancelRate), undefined),
      row('Inline acceptance', (f) => pct(f.acceptanceRate), 'high', (f) => f.acceptanceRate),
      ...(fit.some((f) => f.openaiEquivalentPer1000Usd !== undefined)
        ? [row('Same tokens on OpenAI, per 1,000', (f) => (f.openaiEquivalentPer1000Usd === undefined ? '' : usd(f.openaiEquivalentPer1000Usd)))]
        : [])));
  const lead = fit.length < 2
    ? `Only ${PROVIDERS[fit[0]?.provider ?? 'openai'].title} has been used in this range: use both to compare them on your own work.`
    : 'Both providers on your own measured work in this range. The better value of each row is marked.';
  return h('section', { class: 'card wide' }, h('h2', {}, 'Platform fit'), h('p', { class: 'note' }, lead), table, recommendation(view, actions));
}

/**
 * The split the measured data recommends, with a button that applies it. Only the features
 * measured on both providers are recommended; the others keep their setting and say what is
 * missing. In a private workspace the split only reaches the person's other workspaces.
 */
function recommendation(view: UsageView, actions: Actions): HTMLElement | undefined {
  const r = view.recommendation;
  if (!r) return undefined;
  const name = (p: ProviderId) => PROVIDERS[p].labelMid;
  const parts: string[] = [];
  if (r.inline !== undefined && r.inline === r.chat) parts.push(`${name(r.inline)} for completions, explain and refactor`);
  else {
    if (r.inline !== undefined) parts.push(`${name(r.inline)} for completions`);
    if (r.chat !== undefined) parts.push(`${name(r.chat)} for explain and refactor`);
  }
  const split = parts.join(', ');
  const inline = r.inline ?? r.current.inline;
  const chat = r.chat ?? r.current.chat;
  const heading = r.privateWorkspace ? `For your other workspaces: ${split}` : `Recommended: ${split}`;
  return h('div', { class: 'recommendation' },
    h('h3', {}, heading),
    r.privateWorkspace
      ? h('p', { class: 'note' }, 'This workspace is private: here every feature stays on the private endpoint whatever the split says. The split applies where code may go to OpenAI.')
      : undefined,
    h('ul', {}, ...r.reasons.map((t) => h('li', {}, t)), ...r.unmeasured.map((t) => h('li', { class: 'note' }, t))),
    r.differs
      ? button(`Use ${split}`, () => actions.applySplit(inline, chat), 'primary')
      : h('p', { class: 'note' }, r.privateWorkspace ? 'Your settings already follow this.' : 'Your settings already follow this. A private workspace stays on the private endpoint whatever is set.'));
}

function breakdownTable(title: string, rows: readonly Breakdown[]): HTMLElement {
  return h('section', { class: 'card' }, h('h2', {}, title),
    h('table', {},
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, ''), h('th', { scope: 'col' }, 'Requests'), h('th', { scope: 'col' }, 'Tokens in / out'), h('th', { scope: 'col' }, 'Spend'))),
      h('tbody', {}, ...rows.slice(0, 12).map((b) => h('tr', {},
        h('th', { scope: 'row', title: b.key }, b.key),
        h('td', {}, count(b.requests)),
        h('td', {}, `${count(b.inputTokens)} / ${count(b.outputTokens)}`),
        h('td', { class: b.unpriced === b.requests ? 'unknown' : undefined }, b.unpriced === b.requests ? 'price unknown' : `${usd(b.costUsd)}${b.unpriced ? ` + ${b.unpriced} unknown` : ''}`))))));
}

function footer(view: UsageView, actions: Actions): HTMLElement {
  return h('footer', {},
    h('span', {}, `OpenAI prices as of ${view.pricesAsOf} (override with `), link('tandem.pricing', () => actions.openSettings('tandem.pricing')), h('span', {}, '). '),
    h('span', {}, view.hourlyCostUsd > 0 ? `Private endpoint at ${usd(view.hourlyCostUsd)}/hour of compute time. ` : 'Private endpoint cost not set. '),
    h('span', {}, `${count(view.ledgerRecords)} records in the ledger.`),
    view.skippedLines ? h('span', { class: 'warn' }, ` ${view.skippedLines} damaged line(s) skipped.`) : undefined);
}

function card(title: string, value: string, sub: string, tone?: 'good' | 'warn'): HTMLElement {
  return h('div', { class: `kpi${tone ? ` ${tone}` : ''}` }, h('div', { class: 'label' }, title), h('div', { class: 'value' }, value), h('div', { class: 'sub' }, sub));
}

function chartCard(title: string, chart: SVGSVGElement, spend: boolean): HTMLElement {
  const legend = h('div', { class: 'legend' },
    ...PROVIDER_IDS.flatMap((p) => [h('span', { class: `swatch ${p}` }), PROVIDERS[p].shortLabel]));
  return h('section', { class: 'card' }, h('h2', {}, title), chart, legend, spend ? undefined : h('p', { class: 'note' }, 'Successful requests, request start to last byte.'));
}

function button(text: string, onClick: () => void, cls: string): HTMLButtonElement {
  const b = h('button', { class: cls }, text);
  b.addEventListener('click', onClick);
  return b;
}

function link(text: string, onClick: () => void): HTMLAnchorElement {
  const a = h('a', { href: '#' }, text);
  a.addEventListener('click', (e) => {
    e.preventDefault();
    onClick();
  });
  return a;
}
