import assert from 'node:assert/strict';
import { budgetLevel, budgetState } from '../../../src/core/usage/dailyBudget';
import { rec } from './fixtures/records';

describe('budgetState', () => {
  const now = new Date(2026, 2, 10, 15, 0);
  const today = (h: number) => new Date(2026, 2, 10, h).toISOString();
  const yesterday = new Date(2026, 2, 9, 23, 59).toISOString();
  const cfg = (dailyUsd: number) => ({ budget: { dailyUsd } });

  it('is off without a cap', () => {
    assert.equal(budgetState([rec({ time: today(9), costUsd: 5 })], cfg(0), now).level, 'off');
  });

  it('sums only OpenAI spend since local midnight', () => {
    const records = [
      rec({ time: yesterday, costUsd: 100 }),
      rec({ time: today(0), costUsd: 1 }),
      rec({ time: today(9), provider: 'huggingface', costUsd: 50 }),
      rec({ time: today(14), costUsd: 2, priceKnown: undefined }),
      rec({ time: today(14), costUsd: 0, priceKnown: false, model: 'x' }),
    ];
    const s = budgetState(records, cfg(10), now);
    assert.equal(s.spentUsd, 3);
    assert.equal(s.limitUsd, 10);
    assert.equal(s.level, 'ok');
    assert.equal(s.unpricedToday, 1);
  });

  it('tolerates a few out-of-order records from another window', () => {
    const records = [rec({ time: today(9), costUsd: 1 }), rec({ time: yesterday, costUsd: 100 }), rec({ time: today(8), costUsd: 1 })];
    assert.equal(budgetState(records, cfg(10), now).spentUsd, 2);
  });

  it('warns at 80% and is spent at 100%', () => {
    assert.equal(budgetLevel(7.99, 10), 'ok');
    assert.equal(budgetLevel(8, 10), 'warn');
    assert.equal(budgetLevel(9.99, 10), 'warn');
    assert.equal(budgetLevel(10, 10), 'spent');
    assert.equal(budgetLevel(12, 10), 'spent');
  });
});
