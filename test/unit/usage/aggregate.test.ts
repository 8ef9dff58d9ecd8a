import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../../../src/core/config';
import type { TandemConfig } from '../../../src/core/config';
import { aggregate } from '../../../src/core/usage/aggregate';
import { percentile, percentiles } from '../../../src/core/usage/percentile';
import { rec } from './fixtures/records';

const config: TandemConfig = { ...DEFAULT_CONFIG, huggingface: { ...DEFAULT_CONFIG.huggingface, hourlyCostUsd: 3.6 } };
// Local times, so the tests hold in any time zone.
const at = (day: number, hour: number, minute = 0) => new Date(2026, 2, day, hour, minute).toISOString();
const now = new Date(2026, 2, 10, 15, 30);

describe('percentiles (nearest rank)', () => {
  it('is undefined for no values', () => {
    assert.equal(percentile([], 0.5), undefined);
  });
  it('takes the nearest rank', () => {
    const v = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5];
    assert.deepEqual(percentiles(v, [0.5, 0.95, 1, 0]), [5, 10, 10, 1]);
    assert.equal(percentile([42], 0.95), 42);
    assert.equal(percentile(Array.from({ length: 100 }, (_, i) => i + 1), 0.95), 95);
  });
  it('does not reorder the input', () => {
    const v = [3, 1, 2];
    percentile(v, 0.5);
    assert.deepEqual(v, [3, 1, 2]);
  });
});

describe('aggregate', () => {
  const records = [
    rec({ time: at(1, 9), provider: 'openai', model: 'gpt-4.1-mini', feature: 'explain', costUsd: 0.01, latencyMs: 2000 }),
    rec({ time: at(9, 9), provider: 'openai', model: 'gpt-4.1-nano', feature: 'inline', costUsd: 0.001, latencyMs: 300, firstTokenMs: 100, accepted: true }),
    rec({ time: at(10, 8), provider: 'openai', model: 'gpt-4.1-nano', feature: 'inline', costUsd: 0.001, latencyMs: 400, firstTokenMs: 200, accepted: false }),
    rec({ time: at(10, 9), provider: 'openai', model: 'my-finetune', feature: 'explain', costUsd: 0, priceKnown: false, latencyMs: 900, outcome: 'error', errorKind: 'timeout' }),
    rec({ time: at(10, 10), provider: 'huggingface', model: 'starcoder2', feature: 'inline', inputTokens: 1_000_000, cachedInputTokens: 0, outputTokens: 1_000_000, costUsd: 0.002, latencyMs: 100, accepted: true }),
    rec({ time: at(10, 11), provider: 'huggingface', model: 'starcoder2', feature: 'inline', inputTokens: 0, outputTokens: 0, costUsd: 0.001, latencyMs: 50, outcome: 'cancelled' }),
  ];

  it('is empty but complete for no records', () => {
    const v = aggregate([], { range: '7d', now, config });
    assert.equal(v.totals.requests, 0);
    assert.equal(v.ledgerRecords, 0);
    assert.equal(v.series.length, 7);
    assert.deepEqual(v.latency, []);
    assert.equal(v.inline.acceptanceRate, undefined);
    assert.equal(v.savings, undefined);
    assert.equal(v.budget.level, 'off');
  });

  it('limits "today" to local midnight, and buckets it by hour', () => {
    const v = aggregate(records, { range: 'today', now, config });
    assert.equal(v.totals.requests, 4);
    assert.equal(v.series.length, 16);
    assert.equal(v.series[8].label, '08:00');
    assert.equal(v.series[8].costUsd.openai, 0.001);
    assert.equal(v.series[10].costUsd.huggingface, 0.002);
    assert.equal(v.from, new Date(2026, 2, 10).toISOString());
  });

  it('sums spend and tokens per provider, model and feature, keeping unknown prices apart', () => {
    const v = aggregate(records, { range: '7d', now, config });
    assert.equal(v.totals.requests, 5);
    assert.equal(v.totals.unpriced, 1);
    assert.ok(Math.abs(v.totals.costUsd - 0.005) < 1e-12);
    const openai = v.byProvider.find((b) => b.key === 'openai');
    assert.equal(openai?.requests, 3);
    assert.equal(openai?.unpriced, 1);
    assert.deepEqual(v.byModel.map((b) => [b.provider, b.key, b.requests]), [
      ['huggingface', 'starcoder2', 2], ['openai', 'gpt-4.1-nano', 2], ['openai', 'my-finetune', 1],
    ]);
    assert.deepEqual(v.byFeature.map((b) => [b.key, b.requests]), [['inline', 4], ['explain', 1]]);
    assert.equal(v.totals.outputTokens, 100 + 100 + 100 + 1_000_000 + 0);
  });

  it('counts "all" from the first record, with a day per point', () => {
    const v = aggregate(records, { range: 'all', now, config });
    assert.equal(v.totals.requests, 6);
    assert.equal(v.series.length, 10);
    assert.equal(v.series[0].bucket, '2026-03-01');
    assert.equal(v.series[0].latencyP50Ms.openai, 2000);
  });

  it('keeps inline latency apart from explain/refactor latency in the chart series', () => {
    const mixed = [
      rec({ time: at(10, 9), provider: 'openai', feature: 'explain', latencyMs: 3000 }),
      rec({ time: at(10, 9, 5), provider: 'openai', feature: 'inline', latencyMs: 200 }),
      rec({ time: at(10, 9, 10), provider: 'huggingface', feature: 'refactor', latencyMs: 5000 }),
    ];
    const v = aggregate(mixed, { range: 'today', now, config });
    const nine = v.series[9];
    assert.deepEqual(nine.latencyP50ByFeature, { inline: { openai: 200 }, chat: { openai: 3000, huggingface: 5000 } });
  });

  it('leaves records before the range out of the recommendation', () => {
    const before = Array.from({ length: 6 }, (_, i) => rec({ time: at(9, 23, 30 + i), provider: 'openai', feature: 'inline', latencyMs: 100 }));
    const today = [
      ...Array.from({ length: 6 }, (_, i) => rec({ time: at(10, 9, i), provider: 'huggingface', feature: 'inline', latencyMs: 300 })),
    ];
    const v = aggregate([...before, ...today], { range: 'today', now, config, currentSplit: { inline: 'openai', chat: 'openai' } });
    assert.equal(v.recommendation, undefined, 'only the private endpoint served completions today');
  });

  it('gives latency percentiles, time to first token, error and cancellation rates per provider', () => {
    const v = aggregate(records, { range: '7d', now, config });
    const openai = v.latency.find((l) => l.provider === 'openai');
    assert.deepEqual(openai, {
      provider: 'openai', requests: 3, okRequests: 2, latencyP50Ms: 300, latencyP95Ms: 400,
      firstTokenP50Ms: 100, firstTokenP95Ms: 200, errorRate: 1 / 3, cancelRate: 0,
    });
    const hf = v.latency.find((l) => l.provider === 'huggingface');
    assert.equal(hf?.cancelRate, 0.5);
    assert.equal(hf?.latencyP50Ms, 100);
  });

  it('counts inline completions shown and accepted, and the cost per accepted one', () => {
    const v = aggregate(records, { range: '7d', now, config });
    assert.equal(v.inline.requests, 4);
    assert.equal(v.inline.shown, 3);
    assert.equal(v.inline.accepted, 2);
    assert.equal(v.inline.acceptanceRate, 2 / 3);
    assert.ok(Math.abs((v.inline.costPerAcceptedUsd ?? 0) - 0.005 / 2) < 1e-12);
  });

  it('puts the providers side by side, with what private work would have cost on OpenAI', () => {
    const v = aggregate(records, { range: '7d', now, config });
    const [openai, hf] = v.platformFit;
    assert.equal(openai.provider, 'openai');
    assert.equal(openai.acceptanceRate, 0.5);
    assert.equal(openai.errorRate, 1 / 3);
    assert.ok(Math.abs((openai.costPer1000Usd ?? 0) - 1) < 1e-9); // $0.002 over 2 priced requests
    assert.equal(hf.provider, 'huggingface');
    assert.equal(hf.acceptanceRate, 1);
    assert.ok(Math.abs((hf.costPer1000Usd ?? 0) - 1.5) < 1e-9);
    // 1M in + 1M out on gpt-4.1-nano (the completion model) = $0.50, over 2 requests.
    assert.ok(Math.abs((hf.openaiEquivalentPer1000Usd ?? 0) - 250) < 1e-9);
    assert.ok(Math.abs((v.savings?.openaiEquivalentUsd ?? 0) - 0.5) < 1e-12);
    assert.ok(Math.abs((v.savings?.savedUsd ?? 0) - 0.497) < 1e-12);
  });

  it('does not claim savings when the private endpoint has no hourly rate', () => {
    const unpricedHf = records.map((r) => (r.provider === 'huggingface' ? { ...r, costUsd: 0, priceKnown: false } : r));
    const v = aggregate(unpricedHf, { range: '7d', now, config });
    assert.equal(v.savings?.privateCostUsd, undefined);
    assert.equal(v.savings?.savedUsd, undefined);
    assert.equal(v.platformFit[1].costPer1000Usd, undefined);
  });

  it('reports skipped ledger lines and the price table date', () => {
    const v = aggregate(records, { range: 'all', now, config, skippedLines: 3 });
    assert.equal(v.skippedLines, 3);
    assert.match(v.pricesAsOf, /^\d{4}-\d{2}-\d{2}$/);
  });
});
