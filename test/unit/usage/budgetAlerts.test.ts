import assert from 'node:assert/strict';
import type { BudgetState } from '../../../src/core/usage/dailyBudget';
import { budgetLevel } from '../../../src/core/usage/dailyBudget';
import { BudgetAlerts } from '../../../src/core/usage/budgetAlerts';

function budget(spentUsd: number, limitUsd = 10): BudgetState {
  return { spentUsd, limitUsd, level: budgetLevel(spentUsd, limitUsd), unpricedToday: 0 };
}

describe('budget alerts', () => {
  it('stays quiet about the level found at start-up', () => {
    const alerts = new BudgetAlerts();
    assert.equal(alerts.next(budget(10)), undefined);
    assert.equal(alerts.next(budget(11)), undefined);
  });

  it('warns once at 80%, once when spent, and not again until the level fell', () => {
    const alerts = new BudgetAlerts();
    assert.equal(alerts.next(budget(1)), undefined);
    assert.equal(alerts.next(budget(8.2)), "Tandem: 82% of today's OpenAI budget ($10.00) is spent.");
    assert.equal(alerts.next(budget(9)), undefined);
    assert.equal(alerts.next(budget(10)), "Tandem: today's OpenAI budget ($10.00) is spent. Cloud requests stop until midnight.");
    assert.equal(alerts.next(budget(8.5, 10)), undefined, 'from spent down to warn (a raised budget) says nothing');
    assert.equal(alerts.next(budget(0)), undefined);
    assert.equal(alerts.next(budget(10)), "Tandem: today's OpenAI budget ($10.00) is spent. Cloud requests stop until midnight.");
  });
});
