import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { requestedProvider } from '../../core/engine/router';
import type { UsageRecord } from '../../core/llm/types';
import { aggregate } from '../../core/usage/aggregate';
import { BudgetAlerts } from '../../core/usage/budgetAlerts';
import type { BudgetState } from '../../core/usage/dailyBudget';
import { Ledger } from '../../core/usage/ledger';
import type { LedgerEvent } from '../../core/usage/record';
import type { UsageProblem, UsageProblems } from '../../core/usage/usageProblems';
import { backlogProblem, budgetProblem } from '../../core/usage/usageProblems';
import { UsageState } from '../../core/usage/usageState';
import type { UsageRange, UsageView } from '../../core/usage/view';
import type { BacklogState } from '../../core/usage/writeQueue';
import type { Log, SettingsStore } from '../services';

/**
 * The usage ledger as the rest of the extension sees it: the engine reports one event per
 * upstream request, the router asks for the budget, the API and the view read the records.
 * Keeps the records in memory (re-read incrementally from disk, so other windows' requests
 * count too) and tells the person when the daily budget is nearly or fully spent. It needs
 * nothing built after it, so the engine can report to it from the start; the status bar
 * follows `onDidChangeProblems`.
 */
export class UsageService implements vscode.Disposable {
  private readonly ledger: Ledger;
  private readonly state = new UsageState();
  private readonly alerts = new BudgetAlerts();
  private loading: Promise<void> | undefined;
  private current: UsageProblems = {};
  private readonly writes = new Set<Promise<void>>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly appended = new vscode.EventEmitter<UsageRecord>();
  private readonly problemsChanged = new vscode.EventEmitter<void>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly timer: ReturnType<typeof setInterval>;

  /** Fires after every record this window appends, once it is on disk. */
  readonly onDidAppend = this.appended.event;
  /** Fires whenever the records changed (appended here or in another window, accepted, cleared). */
  readonly onDidChange = this.changed.event;
  /** Fires when what the status bar should say about the budget or the ledger changed. */
  readonly onDidChangeProblems = this.problemsChanged.event;

  constructor(
    /** The ledger's folder (the extension's global storage). */
    dir: string,
    private readonly settings: SettingsStore,
    private readonly log: Log,
    /** Whether the active workspace is private, so the view's recommendation is worded for it. */
    private readonly isPrivate: () => boolean = () => false,
  ) {
    // Lines the disk refused stay queued in the ledger; the status bar says so until they are written.
    this.ledger = new Ledger(dir, undefined, { onBacklog: (s) => this.backlogChanged(s) });
    this.subscriptions.push(settings.onDidChange(() => this.checkBudget()));
    // The budget day ends at local midnight, and other windows spend too: look once a minute.
    this.timer = setInterval(() => void this.writeQueued().then(() => this.refresh()), 60_000);
    void this.refresh();
  }

  /**
   * Prices the record of one upstream request, keeps it in memory at once (so `budget()` sees
   * it synchronously, e.g. from the engine's `onUsage`) and appends it to the ledger in the
   * background. Returns the record with its id.
   */
  record(event: LedgerEvent): UsageRecord {
    const record = this.state.record(event, this.settings.current(), newId());
    const id = record.id ?? '';
    this.track(this.ledger.append(record).then(
      () => {
        this.state.written(id);
        this.appended.fire(record);
      },
      // A full disk must not break completions; the request itself succeeded. The ledger keeps the line queued.
      (e: unknown) => {
        this.state.refused(id);
        if (!this.current.ledger) this.log.error(`Usage ledger: could not append a record (${errorText(e)}); it is kept in memory and written once the disk takes it.`);
      },
    ));
    this.checkBudget();
    this.changed.fire();
    return record;
  }

  /** The cost of this window's record with that id; undefined when unknown (no price for the model). */
  costOf(id: string): number | undefined {
    return this.state.costOf(id);
  }

  /** An inline completion was shown to the person (counts towards the acceptance rate). */
  markShown(id: string): Promise<void> {
    this.state.markShown(id);
    return this.mark(id, false);
  }

  /** A shown inline completion was accepted. */
  markAccepted(id: string): Promise<void> {
    this.state.markAccepted(id);
    return this.mark(id, true);
  }

  /** What the status bar should say now about the budget and the ledger. */
  problems(): UsageProblems {
    return this.current;
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

  /** Every record, oldest first (TandemApi.usage()). */
  async all(): Promise<UsageRecord[]> {
    await this.refresh();
    return [...this.state.list()];
  }

  /** Today's OpenAI spend against `tandem.budget.dailyUsd`, from memory (the router asks before each cloud request). */
  budget(now: Date = new Date()): BudgetState {
    return this.state.budget(this.settings.current(), now);
  }

  async view(range: UsageRange, now: Date = new Date()): Promise<UsageView> {
    await this.refresh();
    const config = this.settings.current();
    const currentSplit = { inline: requestedProvider('inline', config).provider, chat: requestedProvider('explain', config).provider };
    return aggregate(this.state.list(), { range, now, config, skippedLines: this.state.skippedLines(), currentSplit, privateWorkspace: this.isPrivate() });
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
        const loaded = this.state.load(await this.ledger.readAll());
        if (!loaded.changed) return;
        if (loaded.moreSkipped) this.log.warn(`Usage ledger: skipped ${this.state.skippedLines()} damaged line(s) in ${this.ledger.dir}.`);
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

  private async mark(id: string, accepted: boolean): Promise<void> {
    this.changed.fire();
    await this.track(this.ledger.markAccepted(id, accepted).catch((e: unknown) => {
      if (!this.current.ledger) this.log.error(`Usage ledger: could not mark a completion (${errorText(e)}); the mark is kept in memory until the disk takes it.`);
    }));
  }

  private track(p: Promise<void>): Promise<void> {
    this.writes.add(p);
    void p.finally(() => this.writes.delete(p));
    return p;
  }

  /** The ledger's queue of refused lines changed. */
  private backlogChanged(s: BacklogState): void {
    this.state.backlogChanged(s);
    const ledger = backlogProblem(s, this.ledger.dir);
    if (!ledger && this.current.ledger) this.log.info('Usage ledger: every queued record is written now.');
    this.setProblems({ ...this.current, ledger });
  }

  private checkBudget(): void {
    const b = this.budget();
    this.setProblems({ ...this.current, budget: budgetProblem(b) });
    const text = this.alerts.next(b);
    if (!text) return;
    void vscode.window.showWarningMessage(text, 'Show Usage', 'Change Budget').then((choice) => {
      if (choice === 'Show Usage') void vscode.commands.executeCommand('tandem.showUsage');
      if (choice === 'Change Budget') void vscode.commands.executeCommand('workbench.action.openSettings', 'tandem.budget.dailyUsd');
    });
  }

  private setProblems(next: UsageProblems): void {
    if (sameProblem(next.budget, this.current.budget) && sameProblem(next.ledger, this.current.ledger)) return;
    this.current = next;
    this.problemsChanged.fire();
  }

  dispose(): void {
    clearInterval(this.timer);
    this.changed.dispose();
    this.appended.dispose();
    this.problemsChanged.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

function sameProblem(a: UsageProblem | undefined, b: UsageProblem | undefined): boolean {
  return a?.summary === b?.summary && a?.fix === b?.fix;
}

function newId(): string {
  return `${Date.now().toString(36)}-${randomBytes(5).toString('hex')}`;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
