import assert from 'node:assert/strict';
import type { TandemConfig } from '../../../src/core/config';
import { DEFAULT_CONFIG } from '../../../src/core/config';
import type { LedgerEvent } from '../../../src/core/usage/record';
import { UsageState } from '../../../src/core/usage/usageState';
import { rec } from './fixtures/records';

/** $1 per 1M input and output tokens: 1M tokens cost $1. */
const config: TandemConfig = { ...DEFAULT_CONFIG, budget: { dailyUsd: 2 }, pricing: { 'test-model': { input: 1, output: 1 } } };

function event(over: Partial<LedgerEvent> = {}): LedgerEvent {
  return {
    time: new Date(2026, 2, 10, 23, 30).toISOString(),
    provider: 'openai',
    model: 'test-model',
    feature: 'inline',
    inputTokens: 1_000_000,
    cachedInputTokens: 0,
    outputTokens: 0,
    estimated: false,
    latencyMs: 100,
    outcome: 'ok',
    ...over,
  };
}

describe('usage state in memory', () => {
  it('counts a record towards the budget at once, and no longer once the local day changed', () => {
    const state = new UsageState();
    const before = new Date(2026, 2, 10, 23, 45);
    assert.equal(state.budget(config, before).level, 'ok');
    state.record(event(), config, 'a');
    assert.deepEqual(state.budget(config, before), { spentUsd: 1, limitUsd: 2, level: 'ok', unpricedToday: 0 });
    state.record(event({ time: new Date(2026, 2, 10, 23, 40).toISOString() }), config, 'b');
    assert.equal(state.budget(config, before).level, 'spent');
    const afterMidnight = new Date(2026, 2, 11, 0, 15);
    assert.deepEqual(state.budget(config, afterMidnight), { spentUsd: 0, limitUsd: 2, level: 'ok', unpricedToday: 0 });
  });

  it('keeps the event id when the engine gave one, else the id it was given', () => {
    const state = new UsageState();
    assert.equal(state.record(event({ id: 'engine-id' }), config, 'fresh').id, 'engine-id');
    assert.equal(state.record(event(), config, 'fresh').id, 'fresh');
    assert.deepEqual(state.list().map((r) => r.id), ['engine-id', 'fresh']);
  });

  it('marks a completion shown, then accepted; an unknown id changes nothing', () => {
    const state = new UsageState();
    state.record(event(), config, 'a');
    state.markShown('a');
    assert.equal(state.list()[0].accepted, false);
    state.markAccepted('a');
    assert.equal(state.list()[0].accepted, true);
    state.markAccepted('nope');
    assert.equal(state.list().length, 1);
  });

  it('knows the cost of its records, and says unknown for an unpriced model or an unknown id', () => {
    const state = new UsageState();
    state.record(event(), config, 'priced');
    state.record(event({ model: 'no-such-model' }), config, 'unpriced');
    assert.equal(state.costOf('priced'), 1);
    assert.equal(state.costOf('unpriced'), undefined);
    assert.equal(state.costOf('missing'), undefined);
  });

  it('a read from disk keeps the records not written yet, and changes nothing when the disk did not', () => {
    const state = new UsageState();
    state.record(event(), config, 'pending');
    state.record(event(), config, 'done');
    state.written('done');
    const disk = [rec({ id: 'other-window' }), rec({ id: 'done' })];
    assert.deepEqual(state.load({ version: 'v1', records: disk, skippedLines: 2 }), { changed: true, moreSkipped: true });
    assert.deepEqual(state.list().map((r) => r.id), ['other-window', 'done', 'pending']);
    assert.equal(state.skippedLines(), 2);
    assert.deepEqual(state.load({ version: 'v1', records: [], skippedLines: 2 }), { changed: false });
    assert.equal(state.list().length, 3);
    assert.deepEqual(state.load({ version: 'v2', records: disk, skippedLines: 2 }), { changed: true, moreSkipped: false });
  });

  it('keeps a record the disk refused until the ledger says its queue is empty', () => {
    const state = new UsageState();
    state.record(event(), config, 'refused');
    state.refused('refused');
    state.backlogChanged({ queued: 1, dropped: 0, reason: 'disk full' });
    state.load({ version: 'v1', records: [], skippedLines: 0 });
    assert.deepEqual(state.list().map((r) => r.id), ['refused'], 'still queued: kept in memory across a read');
    state.backlogChanged({ queued: 0, dropped: 0 });
    // Now on disk: the next read brings it back from there, not twice.
    state.load({ version: 'v2', records: [rec({ id: 'refused' })], skippedLines: 0 });
    assert.deepEqual(state.list().map((r) => r.id), ['refused']);
  });
});
