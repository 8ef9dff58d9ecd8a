import type { Feature, ProviderId, TandemConfig } from '../config';
import { PROVIDERS } from '../providers';
import type { UsageEvent } from '../engine/engineTypes';
import type { Usage, UsageRecord } from '../llm/types';
import { hourlyCostUsd, lookupPrice, tokenCostUsd } from './pricing';

/**
 * What the engine reports once per upstream request (finished, failed or cancelled), as the
 * ledger takes it: the engine's own event, with the time optional (defaults to now) and
 * `accepted` for inline completions (false when shown; the ledger can mark it accepted later).
 */
export type LedgerEvent = Omit<UsageEvent, 'time' | 'feature'> & {
  time?: string;
  feature: Feature | string;
  accepted?: boolean;
};

export interface RecordCost {
  costUsd: number;
  priceKnown: boolean;
}

/**
 * The cost of one request: OpenAI from the pricing table (tokens × price); the private endpoint
 * from the hourly rate × compute time (TGI's `x-compute-time`, else the measured latency).
 * A private endpoint without an hourly rate has an unknown price, like an unknown model.
 */
export function costOf(
  provider: ProviderId,
  model: string,
  tokens: Pick<Usage, 'inputTokens' | 'cachedInputTokens' | 'outputTokens'>,
  computeMs: number,
  config: Pick<TandemConfig, 'pricing' | 'huggingface'>,
): RecordCost {
  if (!PROVIDERS[provider].cloud) {
    const rate = config.huggingface.hourlyCostUsd;
    return rate > 0 ? { costUsd: hourlyCostUsd(rate, computeMs), priceKnown: true } : { costUsd: 0, priceKnown: false };
  }
  const price = lookupPrice(model, config.pricing);
  return price ? { costUsd: tokenCostUsd(tokens, price), priceKnown: true } : { costUsd: 0, priceKnown: false };
}

/** Turns an engine event into a ledger record, priced with the settings in force now. */
export function toUsageRecord(event: LedgerEvent, config: Pick<TandemConfig, 'pricing' | 'huggingface'>, id?: string): UsageRecord {
  const computeMs = event.computeMs !== undefined && event.computeMs >= 0 ? event.computeMs : event.latencyMs;
  const { costUsd, priceKnown } = costOf(event.provider, event.model, event, computeMs, config);
  const parsed = event.time === undefined ? NaN : Date.parse(event.time);
  const record: UsageRecord = {
    time: new Date(Number.isNaN(parsed) ? Date.now() : parsed).toISOString(),
    provider: event.provider,
    model: event.model,
    feature: event.feature,
    inputTokens: nonNegativeInt(event.inputTokens),
    cachedInputTokens: nonNegativeInt(event.cachedInputTokens),
    outputTokens: nonNegativeInt(event.outputTokens),
    estimated: event.estimated,
    costUsd,
    latencyMs: Math.max(0, Math.round(event.latencyMs)),
    outcome: event.outcome,
  };
  if (event.firstTokenMs !== undefined) record.firstTokenMs = Math.max(0, Math.round(event.firstTokenMs));
  if (event.accepted !== undefined) record.accepted = event.accepted;
  if (id !== undefined) record.id = id;
  if (!priceKnown) record.priceKnown = false;
  if (event.computeMs !== undefined) record.computeMs = event.computeMs;
  if (event.errorKind !== undefined) record.errorKind = event.errorKind;
  if (event.fallbackFrom !== undefined) record.fallbackFrom = event.fallbackFrom;
  return record;
}

function nonNegativeInt(n: number): number {
  return Number.isFinite(n) && n > 0 ? Math.round(n) : 0;
}

/** What the same tokens would have cost on the configured OpenAI model ("saved by running privately"). */
export function openAIEquivalentUsd(
  record: Pick<UsageRecord, 'feature' | 'inputTokens' | 'cachedInputTokens' | 'outputTokens'>,
  config: Pick<TandemConfig, 'pricing' | 'openai'>,
): number | undefined {
  const model = record.feature === 'inline' ? config.openai.completionModel : config.openai.chatModel;
  const price = lookupPrice(model, config.pricing);
  return price ? tokenCostUsd(record, price) : undefined;
}
