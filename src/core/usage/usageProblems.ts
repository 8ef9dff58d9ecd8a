import type { BudgetState } from './dailyBudget';
import type { BacklogState } from './writeQueue';

/** A problem the status bar shows: a few words, and what to do about it. */
export interface UsageProblem {
  summary: string;
  fix: string;
}

/** What the usage records make the status bar say: a spent budget (OpenAI), an unsaved ledger (both providers). */
export interface UsageProblems {
  budget?: UsageProblem;
  ledger?: UsageProblem;
}

/** The status bar's problem while today's OpenAI budget is spent; none below the cap. */
export function budgetProblem(b: BudgetState): UsageProblem | undefined {
  if (b.level !== 'spent') return undefined;
  return {
    summary: 'daily budget spent',
    fix: `Today's OpenAI spend ($${b.spentUsd.toFixed(2)}) reached tandem.budget.dailyUsd ($${b.limitUsd.toFixed(2)}); cloud requests resume at midnight. Raise the budget or use the private endpoint.`,
  };
}

/** "usage not saved: <why>" until every line the disk refused is written; none once it took them all. */
export function backlogProblem(state: BacklogState, dir: string): UsageProblem | undefined {
  if (state.queued === 0) return undefined;
  const lost = state.dropped ? ` ${state.dropped} older one(s) were dropped to bound memory.` : '';
  return {
    summary: `usage not saved: ${state.reason ?? 'write failed'}`,
    fix: `${state.queued} usage record(s) wait in memory and are written as soon as ${dir} can be written again (free disk space or fix its permissions); they are lost if VS Code closes first.${lost}`,
  };
}
