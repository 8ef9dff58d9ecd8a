import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../../../src/core/config';
import type { TandemConfig } from '../../../src/core/config';
import { hourlyCostUsd, lookupPrice, stripDateSuffix, tokenCostUsd } from '../../../src/core/usage/pricing';
import { BUILTIN_PRICES } from '../../../src/core/usage/prices';
import { openAIEquivalentUsd, toUsageRecord } from '../../../src/core/usage/record';

function config(over: Partial<TandemConfig> = {}): TandemConfig {
  return { ...DEFAULT_CONFIG, ...over };
}

describe('usage pricing', () => {
  it('has the figures of the dated price table', () => {
    assert.deepEqual(BUILTIN_PRICES['gpt-4.1-mini'], { input: 0.4, cachedInput: 0.1, output: 1.6 });
    assert.deepEqual(BUILTIN_PRICES['gpt-4.1-nano'], { input: 0.1, cachedInput: 0.025, output: 0.4 });
    assert.deepEqual(BUILTIN_PRICES['gpt-5'], { input: 1.25, cachedInput: 0.125, output: 10 });
    assert.equal(Object.keys(BUILTIN_PRICES).length, 8);
  });

  it('strips only a trailing YYYY-MM-DD', () => {
    assert.equal(stripDateSuffix('gpt-4.1-mini-2025-04-14'), 'gpt-4.1-mini');
    assert.equal(stripDateSuffix('gpt-4.1-mini'), 'gpt-4.1-mini');
    assert.equal(stripDateSuffix('gpt-4o-2024-08-06-ft'), 'gpt-4o-2024-08-06-ft');
  });

  it('matches exactly first, then with the date stripped', () => {
    assert.equal(lookupPrice('gpt-4.1-mini-2025-04-14', {})?.input, 0.4);
    const overrides = { 'gpt-4o-2024-05-13': { input: 5, output: 15 } };
    assert.equal(lookupPrice('gpt-4o-2024-05-13', overrides)?.input, 5);
    assert.equal(lookupPrice('gpt-4o-2024-08-06', overrides)?.input, 2.5);
  });

  it('lets tandem.pricing override a built-in model, also under a dated name', () => {
    const overrides = { 'gpt-4.1-mini': { input: 1, cachedInput: 0.5, output: 2 } };
    assert.deepEqual(lookupPrice('gpt-4.1-mini', overrides), overrides['gpt-4.1-mini']);
    assert.deepEqual(lookupPrice('gpt-4.1-mini-2025-04-14', overrides), overrides['gpt-4.1-mini']);
  });

  it('knows no price for an unknown model (and no prototype keys)', () => {
    assert.equal(lookupPrice('my-finetune', {}), undefined);
    assert.equal(lookupPrice('constructor', {}), undefined);
    assert.equal(lookupPrice('toString', {}), undefined);
  });

  it('prices cached input separately: (input - cached) x input + cached x cachedInput + output x output', () => {
    const price = { input: 0.4, cachedInput: 0.1, output: 1.6 };
    const cost = tokenCostUsd({ inputTokens: 10_000, cachedInputTokens: 4_000, outputTokens: 500 }, price);
    assert.ok(Math.abs(cost - (6_000 * 0.4 + 4_000 * 0.1 + 500 * 1.6) / 1e6) < 1e-15);
  });

  it('charges cached tokens at the input rate when a price has no cached rate', () => {
    const cost = tokenCostUsd({ inputTokens: 1_000_000, cachedInputTokens: 500_000, outputTokens: 0 }, { input: 3, output: 6 });
    assert.equal(cost, 3);
  });

  it('never lets cached exceed input', () => {
    const cost = tokenCostUsd({ inputTokens: 100, cachedInputTokens: 500, outputTokens: 0 }, { input: 1, cachedInput: 0, output: 0 });
    assert.equal(cost, 0);
  });

  it('charges the private endpoint by the hour of compute time', () => {
    assert.equal(hourlyCostUsd(3.6, 1000), 0.001);
    assert.equal(hourlyCostUsd(0, 1000), 0);
  });
});

describe('toUsageRecord', () => {
  const usage = { inputTokens: 2000, cachedInputTokens: 1000, outputTokens: 300, estimated: false };

  it('prices an OpenAI request from the table', () => {
    const r = toUsageRecord({ time: '2026-03-10T10:00:00Z', provider: 'openai', model: 'gpt-4.1-mini-2025-04-14', feature: 'explain', ...usage, latencyMs: 812.4, firstTokenMs: 120.6, outcome: 'ok' }, config(), 'a1');
    assert.equal(r.costUsd, (1000 * 0.4 + 1000 * 0.1 + 300 * 1.6) / 1e6);
    assert.equal(r.priceKnown, undefined);
    assert.equal(r.time, '2026-03-10T10:00:00.000Z');
    assert.equal(r.latencyMs, 812);
    assert.equal(r.firstTokenMs, 121);
    assert.equal(r.id, 'a1');
  });

  it('marks an unknown model priceKnown: false with costUsd 0, never a silent $0', () => {
    const r = toUsageRecord({ provider: 'openai', model: 'my-finetune', feature: 'inline', ...usage, latencyMs: 100, outcome: 'ok' }, config());
    assert.equal(r.costUsd, 0);
    assert.equal(r.priceKnown, false);
  });

  it('keeps the estimated flag and the failure kind', () => {
    const r = toUsageRecord({ provider: 'openai', model: 'gpt-4.1-nano', feature: 'inline', ...usage, estimated: true, latencyMs: 100, outcome: 'error', errorKind: 'timeout' }, config());
    assert.equal(r.estimated, true);
    assert.equal(r.outcome, 'error');
    assert.equal(r.errorKind, 'timeout');
  });

  it('charges the private endpoint hourly x x-compute-time when reported', () => {
    const cfg = config({ huggingface: { ...DEFAULT_CONFIG.huggingface, hourlyCostUsd: 3.6 } });
    const r = toUsageRecord({ provider: 'huggingface', model: 'bigcode/starcoder2-15b', feature: 'inline', ...usage, computeMs: 250, latencyMs: 900, outcome: 'ok' }, cfg);
    assert.equal(r.costUsd, 3.6 * 250 / 3_600_000);
    assert.equal(r.computeMs, 250);
  });

  it('names a fallback and defaults the time to now', () => {
    const before = Date.now();
    const r = toUsageRecord({ provider: 'huggingface', model: 'm', feature: 'explain', ...usage, latencyMs: 10, outcome: 'ok', fallbackFrom: 'openai' }, config());
    assert.equal(r.fallbackFrom, 'openai');
    assert.ok(Date.parse(r.time) >= before - 1);
  });

  it('charges the private endpoint hourly x latency without x-compute-time', () => {
    const cfg = config({ huggingface: { ...DEFAULT_CONFIG.huggingface, hourlyCostUsd: 3.6 } });
    const r = toUsageRecord({ provider: 'huggingface', model: 'm', feature: 'inline', ...usage, latencyMs: 900, outcome: 'ok' }, cfg);
    assert.equal(r.costUsd, 3.6 * 900 / 3_600_000);
    assert.equal(r.computeMs, undefined);
  });

  it('has no known price for the private endpoint without an hourly rate', () => {
    const r = toUsageRecord({ provider: 'huggingface', model: 'm', feature: 'inline', ...usage, latencyMs: 900, outcome: 'ok' }, config());
    assert.equal(r.priceKnown, false);
  });

  it('prices the same tokens on the configured OpenAI model per feature', () => {
    const tokens = { inputTokens: 1_000_000, cachedInputTokens: 0, outputTokens: 1_000_000 };
    assert.equal(openAIEquivalentUsd({ ...tokens, feature: 'inline' }, config()), 0.1 + 0.4);
    assert.equal(openAIEquivalentUsd({ ...tokens, feature: 'explain' }, config()), 0.4 + 1.6);
    assert.equal(openAIEquivalentUsd({ ...tokens, feature: 'explain' }, config({ openai: { ...DEFAULT_CONFIG.openai, chatModel: 'unknown' } })), undefined);
  });
});
