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
      ...many(6, { provider: 'huggingface', feature: 'refactor' }),
    ];
    const r = recommendSplit(records, openaiEverywhere);
    assert.ok(r);
    assert.deepEqual([r.inline, r.chat, r.differs], ['huggingface', 'openai', true]);
    assert.equal(r.reasons[0], 'The private endpoint answers completions 2× faster (p50 200 ms against 400 ms) at no marginal cost.');
    assert.equal(r.reasons[1], "OpenAI's explanations and refactors cost $0.30/day on your work and fail no more often (0% against 0%).");
    assert.deepEqual(r.unmeasured, []);
  });

  it('recommends nothing for a feature measured on one provider only, and says what is missing', () => {
    // Seven days of private completions and OpenAI explanations: no comparison exists for either.
    const oneSided = [...many(20, { provider: 'huggingface', latencyMs: 150 }), ...many(8, { provider: 'openai', feature: 'explain' })];
    assert.equal(recommendSplit(oneSided, openaiEverywhere), undefined);

    const records = [...oneSided, ...many(6, { provider: 'openai', latencyMs: 400 })];
    const r = recommendSplit(records, openaiEverywhere);
    assert.ok(r);
    assert.equal(r.inline, 'huggingface');
    assert.equal(r.chat, undefined, 'explain/refactor only ran on OpenAI: nothing to recommend');
    assert.deepEqual(r.unmeasured, ['Explain and refactor: no requests on the private endpoint in this range, so there is nothing to compare yet.']);
    assert.deepEqual(r.current, openaiEverywhere);
    assert.equal(r.differs, true);
  });

  it('counts too few requests as missing, naming how many there were', () => {
    const records = [...many(6, { provider: 'openai', latencyMs: 100 }), ...many(6, { provider: 'huggingface', latencyMs: 300 }), ...many(3, { provider: 'huggingface', feature: 'explain' }), ...many(6, { provider: 'openai', feature: 'explain' })];
    const r = recommendSplit(records, openaiEverywhere);
    assert.deepEqual(r?.unmeasured, ['Explain and refactor: only 3 on the private endpoint (5 needed), so there is nothing to compare yet.']);
  });

  it('does not flip a feature with one-sided data when the range grows', () => {
    const week = [...many(10, { provider: 'openai', latencyMs: 300 }), ...many(10, { provider: 'huggingface', latencyMs: 100 })];
    const month = [...week, ...many(40, { provider: 'openai', feature: 'explain', time: day(2) })];
    const current = { inline: 'openai', chat: 'huggingface' } as const;
    assert.equal(recommendSplit(week, current)?.chat, undefined);
    assert.equal(recommendSplit(month, current)?.chat, undefined, 'OpenAI-only explain data must not recommend OpenAI');
    assert.equal(recommendSplit(month, current)?.inline, 'huggingface');
  });

  it('marks the recommendation as one for other workspaces when this one is private', () => {
    const records = [...many(6, { provider: 'openai', latencyMs: 100 }), ...many(6, { provider: 'huggingface', latencyMs: 300 })];
    assert.equal(recommendSplit(records, openaiEverywhere, { privateWorkspace: true })?.privateWorkspace, true);
    assert.equal(recommendSplit(records, openaiEverywhere)?.privateWorkspace, false);
  });

  it('prefers the provider whose completions are accepted clearly more often', () => {
    const records = [
      ...many(10, (i) => ({ provider: 'openai', latencyMs: 300, accepted: i < 5 })),
      ...many(10, (i) => ({ provider: 'huggingface', latencyMs: 150, accepted: i < 1 })),
    ];
    const r = recommendSplit(records, { inline: 'huggingface', chat: 'openai' });
    assert.equal(r?.inline, 'openai');
    assert.equal(r?.chat, undefined);
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
