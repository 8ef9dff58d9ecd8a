import type { ModelPrice } from '../config';
import { BUILTIN_PRICES } from './prices';

export interface TokenCounts {
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
}

/** `gpt-4.1-mini-2025-04-14` -> `gpt-4.1-mini`; a name without a trailing date is returned unchanged. */
export function stripDateSuffix(model: string): string {
  return model.replace(/-\d{4}-\d{2}-\d{2}$/, '');
}

/**
 * The price of a model: the user's `tandem.pricing` entry wins over the built-in table; each is
 * matched by the exact name first, then by the name with a trailing date stripped.
 * Undefined means the price is unknown (shown as "price unknown", never as $0).
 */
export function lookupPrice(model: string, overrides: Readonly<Record<string, ModelPrice>>): ModelPrice | undefined {
  const base = stripDateSuffix(model);
  return own(overrides, model) ?? own(overrides, base) ?? own(BUILTIN_PRICES, model) ?? own(BUILTIN_PRICES, base);
}

function own(table: Readonly<Record<string, ModelPrice>>, key: string): ModelPrice | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

/**
 * (input − cached) × input + cached × cachedInput + output × output, per 1M tokens.
 * `inputTokens` includes the cached ones (OpenAI's `prompt_tokens`); a price without a cached
 * rate charges cached tokens at the full input rate.
 */
export function tokenCostUsd(t: TokenCounts, price: ModelPrice): number {
  const cached = Math.min(Math.max(t.cachedInputTokens, 0), Math.max(t.inputTokens, 0));
  const fresh = Math.max(t.inputTokens, 0) - cached;
  const cachedRate = price.cachedInput ?? price.input;
  return (fresh * price.input + cached * cachedRate + Math.max(t.outputTokens, 0) * price.output) / 1_000_000;
}

/** Private endpoint: the hourly rate charged for the compute time of one request. */
export function hourlyCostUsd(hourlyRateUsd: number, computeMs: number): number {
  if (!(hourlyRateUsd > 0) || !(computeMs > 0)) return 0;
  return (hourlyRateUsd * computeMs) / 3_600_000;
}
