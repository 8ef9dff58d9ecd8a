import assert from 'node:assert/strict';
import type { BudgetState } from '../../../src/core/usage/dailyBudget';
import { budgetLevel } from '../../../src/core/usage/dailyBudget';
import { backlogProblem, budgetProblem } from '../../../src/core/usage/usageProblems';

function budget(spentUsd: number, limitUsd = 10): BudgetState {
  return { spentUsd, limitUsd, level: budgetLevel(spentUsd, limitUsd), unpricedToday: 0 };
}

describe('usage problems for the status bar', () => {
  it('shows a problem only while the budget is spent', () => {
    assert.equal(budgetProblem(budget(9)), undefined);
    assert.deepEqual(budgetProblem(budget(10.5)), {
      summary: 'daily budget spent',
      fix: "Today's OpenAI spend ($10.50) reached tandem.budget.dailyUsd ($10.00); cloud requests resume at midnight. Raise the budget or use the private endpoint.",
    });
  });

  it('says the ledger is not saved while lines are queued, and how many were dropped', () => {
    assert.equal(backlogProblem({ queued: 0, dropped: 0 }, '/store/usage'), undefined);
    const p = backlogProblem({ queued: 3, dropped: 2, reason: 'disk full' }, '/store/usage');
    assert.equal(p?.summary, 'usage not saved: disk full');
    assert.match(p?.fix ?? '', /^3 usage record\(s\) wait in memory .*\/store\/usage can be written again.* 2 older one\(s\) were dropped/);
    assert.equal(backlogProblem({ queued: 1, dropped: 0 }, '/d')?.summary, 'usage not saved: write failed');
  });
});
