import assert from 'node:assert/strict';
import type { UsageRecord } from '../../../src/core/llm/types';
import { recommendSplit } from '../../../src/core/usage/recommend';

const day = (d: number) => new Date(2026, 10, d, 12, 0, 0).toISOString();

function rec(over: Partial<UsageRecord>): UsageRecord {
  return {
    time: day(20), provider: 'openai', model: 'm', feature: 'inline', inputTokens: 100, cachedInputTokens: 0, outputTokens: 10,
    estimated: false, costUsd: 0, latencyMs: 100, outcome: 'ok', ...over,
  };
}
const many = (n: number, over: Partial<UsageRecord> | ((i: number) => Partial<UsageRecord>)) =>
  Array.from({ length: n }, (_, i) => rec(typeof over === 'function' ? over(i) : over));

const openaiEverywhere = { inline: 'openai', chat: 'openai' } as const;

describe('recommendSplit', () => {
  it('says nothing without enough measurements', () => {
    assert.equal(recommendSplit(many(4, { provider: 'huggingface' }), openaiEverywhere), undefined);
    assert.equal(recommendSplit([], openaiEverywhere), undefined);
  });

  it('sends completions to the faster private endpoint and keeps explanations on OpenAI, with the cost per day', () => {
    const records = [
      ...many(10, { provider: 'openai', latencyMs: 400, accepted: false }),
      ...many(10, (i) => ({ provider: 'huggingface', latencyMs: 200, accepted: i < 3 })),
      ...many(6, (i) => ({ provider: 'openai', feature: 'explain', costUsd: 0.1, time: day(20 + (i % 2)) })),
    ];
    const r = recommendSplit(records, openaiEverywhere);
    assert.ok(r);
    assert.deepEqual([r.inline, r.chat, r.differs], ['huggingface', 'openai', true]);
    assert.equal(r.reasons[0], 'The private endpoint answers completions 2× faster (p50 200 ms against 400 ms) at no marginal cost.');
    assert.equal(r.reasons[1], "OpenAI's explanations and refactors cost $0.30/day on your work.");
  });

  it('prefers the provider whose completions are accepted clearly more often', () => {
    const records = [
      ...many(10, (i) => ({ provider: 'openai', latencyMs: 300, accepted: i < 5 })),
      ...many(10, (i) => ({ provider: 'huggingface', latencyMs: 150, accepted: i < 1 })),
    ];
    const r = recommendSplit(records, { inline: 'huggingface', chat: 'openai' });
    assert.equal(r?.inline, 'openai');
    assert.match(r?.reasons[0] ?? '', /OpenAI completions are accepted more often \(50% against 10%\), though the private endpoint answers 2× faster/);
  });

  it('moves explain/refactor off a provider that fails much more often', () => {
    const records = [
      ...many(10, (i) => ({ provider: 'openai', feature: 'explain', outcome: i < 4 ? 'error' : 'ok' })),
      ...many(10, { provider: 'huggingface', feature: 'refactor' }),
    ];
    const r = recommendSplit(records, openaiEverywhere);
    assert.equal(r?.chat, 'huggingface');
    assert.match(r?.reasons[0] ?? '', /OpenAI failed 40% of explain\/refactor requests against 0%/);
  });

  it('reports no difference when the settings already follow it', () => {
    const records = [...many(6, { provider: 'openai', latencyMs: 100 }), ...many(6, { provider: 'huggingface', latencyMs: 300 })];
    assert.equal(recommendSplit(records, openaiEverywhere)?.differs, false);
  });
});
