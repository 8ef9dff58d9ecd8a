import type { BudgetLevel, BudgetState } from './dailyBudget';

/**
 * When to tell the person about the budget: once when today's spend crosses the warning share,
 * once when it reaches the cap. Not for the level found at start-up (every window would show it).
 */
export class BudgetAlerts {
  private lastLevel: BudgetLevel = 'off';
  private started = false;

  /** Takes the budget now; returns the warning to show, if the level just rose to warn or spent. */
  next(b: BudgetState): string | undefined {
    const level = b.level;
    const notify = this.started && level !== this.lastLevel && (level === 'warn' || level === 'spent') && this.lastLevel !== 'spent';
    this.started = true;
    this.lastLevel = level;
    if (!notify) return undefined;
    return level === 'spent'
      ? `Tandem: today's OpenAI budget ($${b.limitUsd.toFixed(2)}) is spent. Cloud requests stop until midnight.`
      : `Tandem: ${Math.round((b.spentUsd / b.limitUsd) * 100)}% of today's OpenAI budget ($${b.limitUsd.toFixed(2)}) is spent.`;
  }
}
