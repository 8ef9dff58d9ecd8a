import type { ModelPrice } from '../config';

/**
 * OpenAI list prices, USD per 1M tokens (input / cached input / output), as seen in public
 * price tables in 2025–2026. Prices change often: this is
 * the one place to update them, and `tandem.pricing` overrides any model per user.
 */
export const PRICES_AS_OF = '2026-05-01';

export const BUILTIN_PRICES: Readonly<Record<string, Readonly<ModelPrice>>> = {
  'gpt-4.1': { input: 2.0, cachedInput: 0.5, output: 8.0 },
  'gpt-4.1-mini': { input: 0.4, cachedInput: 0.1, output: 1.6 },
  'gpt-4.1-nano': { input: 0.1, cachedInput: 0.025, output: 0.4 },
  'gpt-4o': { input: 2.5, cachedInput: 1.25, output: 10.0 },
  'gpt-4o-mini': { input: 0.15, cachedInput: 0.075, output: 0.6 },
  'gpt-5': { input: 1.25, cachedInput: 0.125, output: 10.0 },
  'gpt-5-mini': { input: 0.25, cachedInput: 0.025, output: 2.0 },
  'gpt-5-nano': { input: 0.05, cachedInput: 0.005, output: 0.4 },
};
