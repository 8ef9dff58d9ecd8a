import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { requestedProvider } from '../../core/router';
import type { TandemConfig } from '../../core/config';
import type { UsageRecord } from '../../core/llm/types';
import { aggregate } from '../../core/usage/aggregate';
import type { BudgetLevel, BudgetState } from '../../core/usage/dailyBudget';
import { budgetState } from '../../core/usage/dailyBudget';
import type { Ledger } from '../../core/usage/ledger';
import type { BacklogState } from '../../core/usage/writeQueue';
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
  private readonly writes = new Set<Promise<void>>();
  /** Records created while a read was under way: not on disk yet, kept in memory across it. */
  private readonly unwritten = new Map<string, UsageRecord>();
  /** Ids of records the disk refused: the ledger keeps their lines queued until it takes them. */
  private readonly queuedIds = new Set<string>();
  private backlogShown = false;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly appended = new vscode.EventEmitter<UsageRecord>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly timer: ReturnType<typeof setInterval>;

  /** Fires after every record this window appends, once it is on disk. */
  readonly onDidAppend = this.appended.event;
  /** Fires whenever the records changed (appended here or in another window, accepted, cleared). */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly ledger: Ledger,
    private readonly settings: SettingsStore,
    private readonly log: Log,
    private readonly status: Pick<StatusReporter, 'setProblem'>,
    /** Whether the active workspace is private, so the view's recommendation is worded for it. */
    private readonly isPrivate: () => boolean = () => false,
  ) {
    this.subscriptions.push(settings.onDidChange(() => this.checkBudget()));
    // The budget day ends at local midnight, and other windows spend too: look once a minute.
    this.timer = setInterval(() => void this.writeQueued().then(() => this.refresh()), 60_000);
    void this.refresh();
  }

  /**
   * Prices the record of one upstream request, keeps it in memory at once (so `budget()` and
   * `latest()` see it synchronously, e.g. from the engine's `onUsage`) and appends it to the
   * ledger in the background. Returns the record with its id.
   */
  record(event: UsageEvent): UsageRecord {
    const record = toUsageRecord(event, this.settings.current(), event.id ?? newId());
    this.records.push(record);
    this.unwritten.set(record.id ?? '', record);
    this.track(this.ledger.append(record).then(
      () => {
        this.unwritten.delete(record.id ?? '');
        this.appended.fire(record);
      },
      // A full disk must not break completions; the request itself succeeded. The ledger keeps the line queued.
      (e: unknown) => {
        this.queuedIds.add(record.id ?? '');
        if (!this.backlogShown) this.log.error(`Usage ledger: could not append a record (${errorText(e)}); it is kept in memory and written once the disk takes it.`);
      },
    ));
    this.checkBudget();
    this.changed.fire();
    return record;
  }

  /** The newest record of this window for a feature (the inline provider marks it shown/accepted). */
  latest(feature: string): UsageRecord | undefined {
    for (let i = this.records.length - 1; i >= 0; i--) if (this.records[i].feature === feature) return this.records[i];
    return undefined;
  }

  /** The cost of this window's record with that id; undefined when unknown (no price for the model). */
  costOf(id: string): number | undefined {
    for (let i = this.records.length - 1; i >= 0; i--) {
      const r = this.records[i];
      if (r.id === id) return r.priceKnown === false ? undefined : r.costUsd;
    }
    return undefined;
  }

  /** An inline completion was shown to the person (counts towards the acceptance rate). */
  markShown(id: string): Promise<void> {
    return this.mark(id, false);
  }

  /** A shown inline completion was accepted. */
  markAccepted(id: string): Promise<void> {
    return this.mark(id, true);
  }

  /**
   * The ledger's queue of refused lines changed: the status bar says "usage not saved: <why>"
   * until every one of them is on disk.
   */
  backlogChanged(state: BacklogState): void {
    if (state.queued === 0) {
      for (const id of this.queuedIds) this.unwritten.delete(id);
      this.queuedIds.clear();
      if (this.backlogShown) this.log.info('Usage ledger: every queued record is written now.');
      this.backlogShown = false;
      for (const p of ['openai', 'huggingface'] as const) this.status.setProblem(p, undefined, 'ledger');
      return;
    }
    const lost = state.dropped ? ` ${state.dropped} older one(s) were dropped to bound memory.` : '';
    const problem = {
      summary: `usage not saved: ${state.reason ?? 'write failed'}`,
      fix: `${state.queued} usage record(s) wait in memory and are written as soon as ${this.ledger.dir} can be written again (free disk space or fix its permissions); they are lost if VS Code closes first.${lost}`,
    };
    this.backlogShown = true;
    for (const p of ['openai', 'huggingface'] as const) this.status.setProblem(p, problem, 'ledger');
  }

  /** Tries once more to write what the disk refused (at deactivation, and once a minute). */
  async writeQueued(): Promise<void> {
    if (this.ledger.backlog().queued === 0) return;
    await this.ledger.flush().catch((e: unknown) => this.log.warn(`Usage ledger: the queued records are still not written (${errorText(e)}).`));
  }

  /** Resolves once every record and mark of this window is on disk. */
  async flush(): Promise<void> {
    while (this.writes.size) await Promise.all([...this.writes]);
  }

  private async mark(id: string, accepted: boolean): Promise<void> {
    const i = this.records.findIndex((r) => r.id === id);
    if (i >= 0) this.records[i] = { ...this.records[i], accepted };
    this.changed.fire();
    await this.track(this.ledger.markAccepted(id, accepted).catch((e: unknown) => {
      if (!this.backlogShown) this.log.error(`Usage ledger: could not mark a completion (${errorText(e)}); the mark is kept in memory until the disk takes it.`);
    }));
  }

  private track(p: Promise<void>): Promise<void> {
    this.writes.add(p);
    void p.finally(() => this.writes.delete(p));
    return p;
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
    const config = this.config();
    const currentSplit = { inline: requestedProvider('inline', config).provider, chat: requestedProvider('explain', config).provider };
    return aggregate(this.records, { range, now, config, skippedLines: this.skippedLines, currentSplit, privateWorkspace: this.isPrivate() });
  }

  async clear(): Promise<void> {
    await this.flush();
    await this.ledger.clear();
    await this.refresh();
  }

  /** Re-reads what changed on disk (cheap when nothing did); fires onDidChange if anything did. */
  async refresh(): Promise<void> {
    // Our own records first reach the disk, else a read would drop them from memory.
    await this.flush();
    // One read at a time: concurrent callers share it.
    while (this.loading) await this.loading;
    this.loading = (async () => {
      try {
        const contents = await this.ledger.readAll();
        if (contents.version === this.version) return;
        this.version = contents.version;
        this.records = contents.records;
        for (const r of this.unwritten.values()) this.records.push(r);
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
      }, 'budget');
      this.budgetProblemShown = true;
    } else if (this.budgetProblemShown) {
      this.status.setProblem('openai', undefined, 'budget');
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
