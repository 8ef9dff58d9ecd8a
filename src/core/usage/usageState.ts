import type { TandemConfig } from '../config';
import type { UsageRecord } from '../llm/types';
import type { BudgetState } from './dailyBudget';
import { budgetState } from './dailyBudget';
import type { LedgerContents } from './ledger';
import type { LedgerEvent } from './record';
import { toUsageRecord } from './record';
import type { BacklogState } from './writeQueue';

/** How a ledger read changed the records in memory. */
export type LoadResult = { changed: false } | { changed: true; moreSkipped: boolean };

/**
 * This window's view of the usage records, in memory: what the ledger last read plus what
 * this window recorded since and the disk has not taken yet. Kept apart from VS Code so the
 * router's budget check, cost look-ups and acceptance marks are plain synchronous reads.
 */
export class UsageState {
  private records: UsageRecord[] = [];
  private version = '';
  private skipped = 0;
  /** Records created while a read was under way: not on disk yet, kept in memory across it. */
  private readonly unwritten = new Map<string, UsageRecord>();
  /** Ids of records the disk refused: the ledger keeps their lines queued until it takes them. */
  private readonly queuedIds = new Set<string>();

  /** Prices one upstream request and keeps its record at once (the budget counts it synchronously). */
  record(event: LedgerEvent, config: Pick<TandemConfig, 'pricing' | 'huggingface'>, id: string): UsageRecord {
    const record = toUsageRecord(event, config, event.id ?? id);
    this.records.push(record);
    this.unwritten.set(record.id ?? '', record);
    return record;
  }

  /** The ledger wrote the record: the next read brings it back from disk. */
  written(id: string): void {
    this.unwritten.delete(id);
  }

  /** The disk refused the record: it stays in memory until the ledger's queue is empty again. */
  refused(id: string): void {
    this.queuedIds.add(id);
  }

  /** The ledger's queue of refused lines changed; once empty, every refused record is on disk. */
  backlogChanged(state: BacklogState): void {
    if (state.queued !== 0) return;
    for (const id of this.queuedIds) this.unwritten.delete(id);
    this.queuedIds.clear();
  }

  /** An inline completion was shown to the person (counts towards the acceptance rate). */
  markShown(id: string): void {
    this.mark(id, false);
  }

  /** A shown inline completion was accepted. */
  markAccepted(id: string): void {
    this.mark(id, true);
  }

  /** The cost of this window's record with that id; undefined when unknown (no price for the model). */
  costOf(id: string): number | undefined {
    for (let i = this.records.length - 1; i >= 0; i--) {
      const r = this.records[i];
      if (r.id === id) return r.priceKnown === false ? undefined : r.costUsd;
    }
    return undefined;
  }

  /** Today's OpenAI spend against `tandem.budget.dailyUsd`. */
  budget(config: Pick<TandemConfig, 'budget'>, now: Date = new Date()): BudgetState {
    return budgetState(this.records, config, now);
  }

  /** Every record, oldest first. */
  list(): readonly UsageRecord[] {
    return this.records;
  }

  /** Damaged ledger lines the last read skipped. */
  skippedLines(): number {
    return this.skipped;
  }

  /** Takes what the ledger read, keeping the records not on disk yet; nothing changes when the disk did not. */
  load(contents: LedgerContents): LoadResult {
    if (contents.version === this.version) return { changed: false };
    this.version = contents.version;
    this.records = [...contents.records, ...this.unwritten.values()];
    const moreSkipped = contents.skippedLines > this.skipped;
    this.skipped = contents.skippedLines;
    return { changed: true, moreSkipped };
  }

  private mark(id: string, accepted: boolean): void {
    const i = this.records.findIndex((r) => r.id === id);
    if (i >= 0) this.records[i] = { ...this.records[i], accepted };
  }
}
