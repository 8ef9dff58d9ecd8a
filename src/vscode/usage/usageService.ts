import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { TandemConfig } from '../../core/config';
import type { UsageRecord } from '../../core/llm/types';
import { aggregate } from '../../core/usage/aggregate';
import type { BudgetLevel, BudgetState } from '../../core/usage/budget';
import { budgetState } from '../../core/usage/budget';
import type { Ledger } from '../../core/usage/ledger';
import type { UsageEvent } from '../../core/usage/record';
import { toUsageRecord } from '../../core/usage/record';
import type { UsageRange, UsageView } from '../../core/usage/view';
import type { Log, SettingsStore, StatusReporter } from '../services';

/**
 * The usage ledger as the rest of the extension sees it: the engine reports one event per
 * upstream request, the router asks for the budget, the API and the view read the records.
 * Keeps the records in memory (re-read incrementally from disk, so other windows' requests
 * count too) and tells the person when the daily budget is nearly or fully spent.
 */
export class UsageService implements vscode.Disposable {
  private records: UsageRecord[] = [];
  private skippedLines = 0;
  private version = '';
  private loading: Promise<void> | undefined;
  private lastLevel: BudgetLevel = 'off';
  private budgetProblemShown = false;
  /** No notification for the level found at start-up (every window would show it): only for changes. */
  private started = false;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly appended = new vscode.EventEmitter<UsageRecord>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly timer: ReturnType<typeof setInterval>;

  /** Fires after every record this window appends. */
  readonly onDidAppend = this.appended.event;
  /** Fires whenever the records changed (appended here or in another window, accepted, cleared). */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly ledger: Ledger,
    private readonly settings: SettingsStore,
    private readonly log: Log,
    private readonly status: Pick<StatusReporter, 'setProblem'>,
  ) {
    this.subscriptions.push(settings.onDidChange(() => this.checkBudget()));
    // The budget day ends at local midnight, and other windows spend too: look once a minute.
    this.timer = setInterval(() => void this.refresh(), 60_000);
    void this.refresh();
  }

  /** Prices and appends the record of one upstream request; returns it (with its id). */
  async record(event: UsageEvent): Promise<UsageRecord> {
    const record = toUsageRecord(event, this.settings.current(), newId());
    try {
      await this.ledger.append(record);
    } catch (e) {
      // A full disk must not break completions; the request itself succeeded.
      this.log.error(`Usage ledger: could not append a record (${errorText(e)}).`);
    }
    await this.refresh();
    if (!this.records.some((r) => r.id === record.id)) this.records.push(record);
    this.appended.fire(record);
    return record;
  }

  /** An inline completion that was shown (record.accepted === false) has been accepted. */
  async markAccepted(id: string): Promise<void> {
    try {
      await this.ledger.markAccepted(id);
    } catch (e) {
      this.log.error(`Usage ledger: could not mark a completion accepted (${errorText(e)}).`);
    }
    await this.refresh();
  }

  /** Every record, oldest first (TandemApi.usage()). */
  async all(): Promise<UsageRecord[]> {
    await this.refresh();
    return [...this.records];
  }

  /** Today's OpenAI spend against `tandem.budget.dailyUsd`, from memory (the router asks before each cloud request). */
  budget(now: Date = new Date()): BudgetState {
    return budgetState(this.records, this.settings.current(), now);
  }

  async view(range: UsageRange, now: Date = new Date()): Promise<UsageView> {
    await this.refresh();
    return aggregate(this.records, { range, now, config: this.config(), skippedLines: this.skippedLines });
  }

  async clear(): Promise<void> {
    await this.ledger.clear();
    await this.refresh();
  }

  /** Re-reads what changed on disk (cheap when nothing did); fires onDidChange if anything did. */
  async refresh(): Promise<void> {
    // One read at a time: concurrent callers share it.
    while (this.loading) await this.loading;
    this.loading = (async () => {
      try {
        const contents = await this.ledger.readAll();
        if (contents.version === this.version) return;
        this.version = contents.version;
        this.records = contents.records;
        if (contents.skippedLines > this.skippedLines) this.log.warn(`Usage ledger: skipped ${contents.skippedLines} damaged line(s) in ${this.ledger.dir}.`);
        this.skippedLines = contents.skippedLines;
        this.changed.fire();
      } catch (e) {
        this.log.error(`Usage ledger: could not read ${this.ledger.dir} (${errorText(e)}).`);
      } finally {
        this.loading = undefined;
      }
    })();
    await this.loading;
    this.checkBudget();
  }

  private config(): TandemConfig {
    return this.settings.current();
  }

  private checkBudget(): void {
    const b = this.budget();
    const level = b.level;
    if (level === 'spent') {
      this.status.setProblem('openai', {
        summary: 'daily budget spent',
        fix: `Today's OpenAI spend ($${b.spentUsd.toFixed(2)}) reached tandem.budget.dailyUsd ($${b.limitUsd.toFixed(2)}); cloud requests resume at midnight. Raise the budget or use the private endpoint.`,
      });
      this.budgetProblemShown = true;
    } else if (this.budgetProblemShown) {
      this.status.setProblem('openai', undefined);
      this.budgetProblemShown = false;
    }
    const notify = this.started;
    this.started = true;
    if (notify && level !== this.lastLevel && (level === 'warn' || level === 'spent') && this.lastLevel !== 'spent') {
      const text = level === 'spent'
        ? `Tandem: today's OpenAI budget ($${b.limitUsd.toFixed(2)}) is spent. Cloud requests stop until midnight.`
        : `Tandem: ${Math.round((b.spentUsd / b.limitUsd) * 100)}% of today's OpenAI budget ($${b.limitUsd.toFixed(2)}) is spent.`;
      void vscode.window.showWarningMessage(text, 'Show Usage', 'Change Budget').then((choice) => {
        if (choice === 'Show Usage') void vscode.commands.executeCommand('tandem.showUsage');
        if (choice === 'Change Budget') void vscode.commands.executeCommand('workbench.action.openSettings', 'tandem.budget.dailyUsd');
      });
    }
    this.lastLevel = level;
  }

  dispose(): void {
    clearInterval(this.timer);
    this.changed.dispose();
    this.appended.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

function newId(): string {
  return `${Date.now().toString(36)}-${randomBytes(5).toString('hex')}`;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
