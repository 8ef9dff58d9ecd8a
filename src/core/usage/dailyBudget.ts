import type { TandemConfig } from '../config';
import { PROVIDERS } from '../providers';
import type { UsageRecord } from '../llm/types';
import { startOfLocalDay } from './localDay';

export type BudgetLevel = 'off' | 'ok' | 'warn' | 'spent';

export interface BudgetState {
  /** OpenAI spend since local midnight. */
  spentUsd: number;
  /** `tandem.budget.dailyUsd`; 0 = no cap. */
  limitUsd: number;
  level: BudgetLevel;
  /** Requests today whose price was unknown (not in spentUsd; the view says so). */
  unpricedToday: number;
}

/** The share of the daily cap at which the person is warned. */
export const BUDGET_WARN_RATIO = 0.8;

/**
 * The daily OpenAI budget (the private endpoint is not capped: its cost accrues by the hour
 * whether used or not). The day is the local calendar day of the machine. The router asks
 * this before a cloud request: `spent` stops cloud requests (fallback to private if allowed).
 */
export function budgetState(records: readonly UsageRecord[], config: Pick<TandemConfig, 'budget'>, now: Date = new Date()): BudgetState {
  const limitUsd = config.budget.dailyUsd;
  const sinceMs = startOfLocalDay(now).getTime();
  // Record times are canonical ISO strings (UTC), so they compare correctly as strings.
  const since = new Date(sinceMs).toISOString();
  // Records are oldest first (two windows may interleave by a few seconds): walk back from
  // the newest and stop well before midnight, so the router's check stays cheap.
  const stopBefore = new Date(sinceMs - 3_600_000).toISOString();
  let spentUsd = 0;
  let unpricedToday = 0;
  for (let i = records.length - 1; i >= 0; i--) {
    const r = records[i];
    if (r.time < stopBefore) break;
    if (r.time < since) continue;
    if (!PROVIDERS[r.provider].cloud) continue;
    spentUsd += r.costUsd;
    if (r.priceKnown === false) unpricedToday++;
  }
  return { spentUsd, limitUsd, level: budgetLevel(spentUsd, limitUsd), unpricedToday };
}

export function budgetLevel(spentUsd: number, limitUsd: number): BudgetLevel {
  if (!(limitUsd > 0)) return 'off';
  if (spentUsd >= limitUsd) return 'spent';
  if (spentUsd >= BUDGET_WARN_RATIO * limitUsd) return 'warn';
  return 'ok';
}
