import type { SplitRecommendation } from './recommend';
import type { ProviderId } from '../config';
import type { BudgetState } from './dailyBudget';

/** The data the usage webview draws: computed in the extension, plain JSON to the browser. */
export type UsageRange = 'today' | '7d' | '30d' | 'all';
export const USAGE_RANGES: readonly UsageRange[] = ['today', '7d', '30d', 'all'];

export interface Totals {
  requests: number;
  costUsd: number;
  /** Requests whose price was unknown (their cost is not in costUsd). */
  unpriced: number;
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  /** Requests whose token counts were estimated locally. */
  estimated: number;
}

export interface Breakdown extends Totals {
  key: string;
  provider?: ProviderId;
}

export interface LatencyStats {
  provider: ProviderId;
  requests: number;
  okRequests: number;
  latencyP50Ms?: number;
  latencyP95Ms?: number;
  firstTokenP50Ms?: number;
  firstTokenP95Ms?: number;
  errorRate: number;
  cancelRate: number;
}

/** One bucket of the time charts (an hour for "today", else a local day). */
export interface TimePoint {
  /** `YYYY-MM-DD` or `YYYY-MM-DDTHH`. */
  bucket: string;
  label: string;
  costUsd: Record<ProviderId, number>;
  requests: number;
  latencyP50Ms: Partial<Record<ProviderId, number>>;
  /** The same medians for inline completions and for explain/refactor apart (their scales differ tenfold). */
  latencyP50ByFeature: Record<'inline' | 'chat', Partial<Record<ProviderId, number>>>;
}

export interface InlineStats {
  requests: number;
  shown: number;
  accepted: number;
  acceptanceRate?: number;
  /** Spend on inline requests (all of them) per accepted completion. */
  costPerAcceptedUsd?: number;
  /** Some inline requests had no known price. */
  partlyUnpriced: boolean;
}

/** "Platform fit": the two providers side by side on the user's own measured work. */
export interface PlatformFit {
  provider: ProviderId;
  requests: number;
  latencyP50Ms?: number;
  latencyP95Ms?: number;
  costPer1000Usd?: number;
  errorRate?: number;
  acceptanceRate?: number;
  /** Private only: the same tokens on the configured OpenAI models, per 1,000 requests. */
  openaiEquivalentPer1000Usd?: number;
}

export interface PrivateSavings {
  /** What the private endpoint cost (hourly rate × compute time); undefined without a rate. */
  privateCostUsd?: number;
  /** What the same tokens would have cost on the configured OpenAI models. */
  openaiEquivalentUsd: number;
  savedUsd?: number;
  chatModel: string;
  completionModel: string;
}

export interface UsageView {
  range: UsageRange;
  /** ISO time the view was computed. */
  generatedAt: string;
  /** Start of the range (ISO, local midnight), absent for "all". */
  from?: string;
  totals: Totals;
  byProvider: Breakdown[];
  byModel: Breakdown[];
  byFeature: Breakdown[];
  series: TimePoint[];
  latency: LatencyStats[];
  inline: InlineStats;
  platformFit: PlatformFit[];
  /** Which provider for which feature, from the measured work of this range (none without enough data). */
  recommendation?: SplitRecommendation;
  savings?: PrivateSavings;
  budget: BudgetState;
  /** Every record in the ledger (all ranges), to tell "no data yet" from "nothing in this range". */
  ledgerRecords: number;
  /** Torn or corrupt ledger lines that were skipped. */
  skippedLines: number;
  pricesAsOf: string;
  hourlyCostUsd: number;
}
