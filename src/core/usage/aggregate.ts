import type { ProviderId, TandemConfig } from '../config';
import type { UsageRecord } from '../llm/types';
import { PROVIDER_IDS } from '../providers';
import { budgetState } from './dailyBudget';
import { localDayKey, startOfLocalDay } from './localDay';
import { percentiles } from './percentile';
import { PRICES_AS_OF } from './prices';
import { recommendSplit } from './recommend';
import { lookupPrice, tokenCostUsd } from './pricing';
import type { Breakdown, LatencyStats, PlatformFit, PrivateSavings, TimePoint, Totals, UsageRange, UsageView } from './view';

const RANGE_DAYS: Record<Exclude<UsageRange, 'all'>, number> = { today: 0, '7d': 6, '30d': 29 };

export interface AggregateOptions {
  range: UsageRange;
  now?: Date;
  config: Pick<TandemConfig, 'pricing' | 'openai' | 'huggingface' | 'budget'>;
  skippedLines?: number;
  /** The provider each feature uses now (after settings, before privacy), for the split recommendation. */
  currentSplit?: { inline: ProviderId; chat: ProviderId };
  /** The active workspace is private, so the recommendation speaks of the person's other workspaces. */
  privateWorkspace?: boolean;
}

/**
 * Everything the usage view shows for one range, in one pass over the records (oldest first)
 * plus one sort per latency series. Pure: the same records and `now` give the same view.
 */
export function aggregate(records: readonly UsageRecord[], opts: AggregateOptions): UsageView {
  const now = opts.now ?? new Date();
  const { config } = opts;
  const from = opts.range === 'all' ? undefined : startOfLocalDay(now, RANGE_DAYS[opts.range]);
  const fromIso = from ? from.toISOString() : '';
  const hourly = opts.range === 'today';

  const totals = emptyTotals();
  const byProvider = new Map<string, Breakdown>();
  const byModel = new Map<ProviderId, Map<string, Breakdown>>(PROVIDER_IDS.map((p) => [p, new Map()]));
  const byFeature = new Map<string, Breakdown>();
  const perProvider = new Map<ProviderId, ProviderAcc>(PROVIDER_IDS.map((p) => [p, emptyProviderAcc()]));
  const series = new Map<string, SeriesAcc>();
  const inline = { requests: 0, shown: 0, accepted: 0, costUsd: 0, unpriced: 0 };
  let privateCost = 0;
  let privateUnpriced = 0;
  let openaiEquivalent = 0;

  // The same OpenAI prices for every private record: look them up once.
  const equivalent = {
    inline: lookupPrice(config.openai.completionModel, config.pricing),
    chat: lookupPrice(config.openai.chatModel, config.pricing),
  };

  // Local bucket keys change rarely along a sorted ledger: recompute only at a boundary.
  // Record times are canonical ISO strings (UTC), so they compare correctly as strings.
  let bucketStart = '\uffff';
  let bucketEnd = '';
  let bucketKey = '';

  for (let i = firstIndexAtOrAfter(records, fromIso); i < records.length; i++) {
    const r = records[i];
    if (r.time < fromIso) continue;
    const priced = r.priceKnown !== false;
    add(totals, r, priced);
    add(group(byProvider, r.provider, r.provider), r, priced);
    const models = byModel.get(r.provider);
    if (models) add(group(models, r.model, r.model, r.provider), r, priced);
    add(group(byFeature, r.feature, r.feature), r, priced);

    const acc = perProvider.get(r.provider);
    if (acc) {
      acc.requests++;
      if (priced) acc.costUsd += r.costUsd;
      else acc.unpriced++;
      if (r.outcome === 'ok') acc.latencies.push(r.latencyMs);
      else if (r.outcome === 'error') acc.errors++;
      else acc.cancelled++;
      if (r.firstTokenMs !== undefined && r.outcome !== 'error') acc.firstTokens.push(r.firstTokenMs);
      if (r.feature === 'inline' && r.accepted !== undefined) {
        acc.shown++;
        if (r.accepted) acc.accepted++;
      }
    }

    if (r.feature === 'inline') {
      inline.requests++;
      if (priced) inline.costUsd += r.costUsd;
      else inline.unpriced++;
      if (r.accepted !== undefined) {
        inline.shown++;
        if (r.accepted) inline.accepted++;
      }
    }

    if (r.provider === 'huggingface') {
      if (priced) privateCost += r.costUsd;
      else privateUnpriced++;
      const price = r.feature === 'inline' ? equivalent.inline : equivalent.chat;
      if (price) openaiEquivalent += tokenCostUsd(r, price);
    }

    if (r.time < bucketStart || r.time >= bucketEnd) {
      const d = new Date(Date.parse(r.time));
      if (hourly) {
        const s = new Date(d.getFullYear(), d.getMonth(), d.getDate(), d.getHours());
        bucketStart = s.toISOString();
        bucketEnd = new Date(d.getFullYear(), d.getMonth(), d.getDate(), d.getHours() + 1).toISOString();
        bucketKey = `${localDayKey(s)}T${pad2(s.getHours())}`;
      } else {
        const s = startOfLocalDay(d);
        bucketStart = s.toISOString();
        bucketEnd = new Date(s.getFullYear(), s.getMonth(), s.getDate() + 1).toISOString();
        bucketKey = localDayKey(s);
      }
    }
    let point = series.get(bucketKey);
    if (!point) {
      point = { cost: { openai: 0, huggingface: 0 }, requests: 0, latencies: { openai: [], huggingface: [] }, byFeature: { inline: { openai: [], huggingface: [] }, chat: { openai: [], huggingface: [] } } };
      series.set(bucketKey, point);
    }
    point.requests++;
    if (priced) point.cost[r.provider] += r.costUsd;
    if (r.outcome === 'ok') {
      point.latencies[r.provider].push(r.latencyMs);
      // Inline answers in a few hundred ms, explanations in seconds: one line per kind of work.
      const kind = r.feature === 'inline' ? 'inline' : r.feature === 'explain' || r.feature === 'refactor' ? 'chat' : undefined;
      if (kind) point.byFeature[kind][r.provider].push(r.latencyMs);
    }
  }

  const latency: LatencyStats[] = [];
  const platformFit: PlatformFit[] = [];
  const hfAcc = perProvider.get('huggingface');
  for (const provider of PROVIDER_IDS) {
    const acc = perProvider.get(provider);
    if (!acc || acc.requests === 0) continue;
    const [p50, p95] = percentiles(acc.latencies, [0.5, 0.95]);
    const [f50, f95] = percentiles(acc.firstTokens, [0.5, 0.95]);
    latency.push({
      provider, requests: acc.requests, okRequests: acc.latencies.length,
      latencyP50Ms: p50, latencyP95Ms: p95, firstTokenP50Ms: f50, firstTokenP95Ms: f95,
      errorRate: acc.errors / acc.requests, cancelRate: acc.cancelled / acc.requests,
    });
    const fit: PlatformFit = {
      provider, requests: acc.requests, latencyP50Ms: p50, latencyP95Ms: p95,
      errorRate: acc.errors / acc.requests,
      acceptanceRate: acc.shown ? acc.accepted / acc.shown : undefined,
      costPer1000Usd: acc.unpriced === acc.requests ? undefined : (acc.costUsd / (acc.requests - acc.unpriced)) * 1000,
    };
    if (provider === 'huggingface' && hfAcc && hfAcc.requests) fit.openaiEquivalentPer1000Usd = (openaiEquivalent / hfAcc.requests) * 1000;
    platformFit.push(fit);
  }

  let savings: PrivateSavings | undefined;
  if (hfAcc && hfAcc.requests > 0) {
    const privateCostUsd = privateUnpriced === hfAcc.requests ? undefined : privateCost;
    savings = {
      privateCostUsd,
      openaiEquivalentUsd: openaiEquivalent,
      savedUsd: privateCostUsd === undefined || privateUnpriced > 0 ? undefined : openaiEquivalent - privateCostUsd,
      chatModel: config.openai.chatModel,
      completionModel: config.openai.completionModel,
    };
  }

  return {
    range: opts.range,
    generatedAt: now.toISOString(),
    from: from?.toISOString(),
    totals,
    byProvider: sortByCost(byProvider),
    byModel: sortByCost(new Map([...byModel.values()].flatMap((m) => [...m.values()].map((b): [string, Breakdown] => [`${b.provider}/${b.key}`, b])))),
    byFeature: sortByCost(byFeature),
    series: buildSeries(series, opts.range, now, records),
    latency,
    inline: {
      requests: inline.requests,
      shown: inline.shown,
      accepted: inline.accepted,
      acceptanceRate: inline.shown ? inline.accepted / inline.shown : undefined,
      costPerAcceptedUsd: inline.accepted && inline.unpriced < inline.requests ? inline.costUsd / inline.accepted : undefined,
      partlyUnpriced: inline.unpriced > 0,
    },
    platformFit,
    ...(opts.currentSplit ? { recommendation: recommendSplit(records.slice(firstIndexAtOrAfter(records, fromIso)).filter((r) => r.time >= fromIso), opts.currentSplit, { privateWorkspace: opts.privateWorkspace }) } : {}),
    savings,
    budget: budgetState(records, config, now),
    ledgerRecords: records.length,
    skippedLines: opts.skippedLines ?? 0,
    pricesAsOf: PRICES_AS_OF,
    hourlyCostUsd: config.huggingface.hourlyCostUsd,
  };
}

interface ProviderAcc {
  requests: number;
  costUsd: number;
  unpriced: number;
  errors: number;
  cancelled: number;
  shown: number;
  accepted: number;
  latencies: number[];
  firstTokens: number[];
}

interface SeriesAcc {
  cost: Record<ProviderId, number>;
  requests: number;
  latencies: Record<ProviderId, number[]>;
  byFeature: Record<'inline' | 'chat', Record<ProviderId, number[]>>;
}

function emptyProviderAcc(): ProviderAcc {
  return { requests: 0, costUsd: 0, unpriced: 0, errors: 0, cancelled: 0, shown: 0, accepted: 0, latencies: [], firstTokens: [] };
}

function emptyTotals(): Totals {
  return { requests: 0, costUsd: 0, unpriced: 0, inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, estimated: 0 };
}

function group(map: Map<string, Breakdown>, id: string, key: string, provider?: ProviderId): Breakdown {
  let b = map.get(id);
  if (!b) {
    b = { key, ...emptyTotals(), ...(provider ? { provider } : {}) };
    map.set(id, b);
  }
  return b;
}

function add(t: Totals, r: UsageRecord, priced: boolean): void {
  t.requests++;
  if (priced) t.costUsd += r.costUsd;
  else t.unpriced++;
  t.inputTokens += r.inputTokens;
  t.cachedInputTokens += r.cachedInputTokens;
  t.outputTokens += r.outputTokens;
  if (r.estimated) t.estimated++;
}

function sortByCost(map: Map<string, Breakdown>): Breakdown[] {
  return [...map.values()].sort((a, b) => b.costUsd - a.costUsd || b.requests - a.requests || a.key.localeCompare(b.key));
}

/** Every bucket of the range, empty ones included, so the charts have an honest time axis. */
function buildSeries(acc: Map<string, SeriesAcc>, range: UsageRange, now: Date, records: readonly UsageRecord[]): TimePoint[] {
  const keys: { key: string; label: string }[] = [];
  if (range === 'today') {
    for (let h = 0; h <= now.getHours(); h++) keys.push({ key: `${localDayKey(now)}T${pad2(h)}`, label: `${pad2(h)}:00` });
  } else {
    const first = range === 'all'
      ? (records.length ? startOfLocalDay(new Date(Date.parse(records[0].time))) : startOfLocalDay(now))
      : startOfLocalDay(now, RANGE_DAYS[range]);
    const end = startOfLocalDay(now).getTime();
    // Cap "all" at the last two years of days; older spend still counts in the totals.
    let d = first.getTime() < end - 730 * 86_400_000 ? startOfLocalDay(now, 730) : first;
    while (d.getTime() <= end) {
      const key = localDayKey(d);
      keys.push({ key, label: key.slice(5) });
      d = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1);
    }
  }
  return keys.map(({ key, label }) => {
    const a = acc.get(key);
    const latencyP50Ms = medians(a?.latencies);
    const latencyP50ByFeature = { inline: medians(a?.byFeature.inline), chat: medians(a?.byFeature.chat) };
    return { bucket: key, label, costUsd: a ? { ...a.cost } : { openai: 0, huggingface: 0 }, requests: a?.requests ?? 0, latencyP50Ms, latencyP50ByFeature };
  });
}

function medians(latencies: Record<ProviderId, number[]> | undefined): Partial<Record<ProviderId, number>> {
  const out: Partial<Record<ProviderId, number>> = {};
  if (!latencies) return out;
  for (const p of PROVIDER_IDS) {
    const [m] = percentiles(latencies[p], [0.5]);
    if (m !== undefined) out[p] = m;
  }
  return out;
}

/**
 * The first index whose time is >= `iso` in oldest-first records (binary search). Windows that
 * interleave may leave a record a few seconds out of order: start an hour early to be safe.
 */
function firstIndexAtOrAfter(records: readonly UsageRecord[], iso: string): number {
  if (!iso) return 0;
  const early = new Date(Date.parse(iso) - 3_600_000).toISOString();
  let lo = 0;
  let hi = records.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (records[mid].time < early) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
