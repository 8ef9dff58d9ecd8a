import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExportFormat } from '../../core/usage/usageProtocol';
import { toCsv, toJson } from '../../core/usage/export';
import { localDayKey } from '../../core/usage/localDay';
import type { Log, PrivacyService, Services, SettingsStore } from '../services';
import { UsagePanel } from './panel';
import { UsageService } from './usageService';
import { showUsageProblems } from './usageStatus';

/**
 * The usage service: the ledger and the records in memory. Built before the engine, which
 * reports every request to it and asks it for the budget; disposed with the extension.
 */
export function createUsage(context: vscode.ExtensionContext, settings: SettingsStore, log: Log, privacy: PrivacyService): UsageService {
  const usage = new UsageService(path.join(context.globalStorageUri.fsPath, 'usage'), settings, log, () => privacy.decisionFor().private);
  context.subscriptions.push(usage);
  return usage;
}

/**
 * The usage feature around the service: its problems in the status bar, the
 * `tandem.showUsage` dashboard, and export / clear commands.
 * Disposables go to context.subscriptions here.
 */
export function registerUsage(services: Services, usage: UsageService): void {
  const { context, log } = services;

  const exportUsage = async (args?: unknown): Promise<string | undefined> => {
    try {
      return await exportCommand(usage, args);
    } catch (e) {
      log.error(`Export usage failed: ${e instanceof Error ? e.message : String(e)}`);
      void vscode.window.showErrorMessage(`Tandem: the usage export failed (${e instanceof Error ? e.message : String(e)}).`, 'Show Log')
        .then((c) => c && log.show());
      return undefined;
    }
  };
  const clearUsage = (args?: unknown) => clearCommand(usage, args);

  context.subscriptions.push(
    showUsageProblems(usage, services.status),
    vscode.commands.registerCommand('tandem.showUsage', () => {
      UsagePanel.show(context.extensionUri, usage, log, { exportUsage: (format) => exportUsage({ format }), clearUsage: () => clearUsage() });
    }),
    vscode.commands.registerCommand('tandem.exportUsage', exportUsage),
    vscode.commands.registerCommand('tandem.clearUsage', clearUsage),
    { dispose: () => UsagePanel.open?.dispose() },
  );
}

/**
 * `tandem.exportUsage`: `{ format?: 'csv' | 'json', path?: string }`. Without a format, asks;
 * without a path, asks with a save dialog. Returns the written file's path (undefined if cancelled).
 */
async function exportCommand(usage: UsageService, args: unknown): Promise<string | undefined> {
  const opts = isRecordLike(args) ? args : {};
  let format: ExportFormat | undefined = opts.format === 'csv' || opts.format === 'json' ? opts.format : undefined;
  if (!format) {
    const pick = await vscode.window.showQuickPick(
      [{ label: 'CSV', description: 'one row per request, for spreadsheets', format: 'csv' as const }, { label: 'JSON', description: 'the records as TandemApi.usage() returns them', format: 'json' as const }],
      { title: 'Export usage as' },
    );
    if (!pick) return undefined;
    format = pick.format;
  }
  let target: vscode.Uri | undefined = typeof opts.path === 'string' && opts.path ? vscode.Uri.file(opts.path) : undefined;
  if (!target) {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = `tandem-usage-${localDayKey(new Date())}.${format}`;
    target = await vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
      filters: format === 'csv' ? { CSV: ['csv'] } : { JSON: ['json'] },
      title: 'Export usage',
      saveLabel: 'Export',
    });
    if (!target) return undefined;
  }
  const records = await usage.all();
  const text = format === 'csv' ? toCsv(records) : toJson(records);
  await vscode.workspace.fs.writeFile(target, Buffer.from(text, 'utf8'));
  if (typeof opts.path !== 'string') {
    void vscode.window.showInformationMessage(`Tandem: exported ${records.length} usage records to ${target.fsPath}.`, 'Open').then((c) => {
      if (c === 'Open' && target) void vscode.window.showTextDocument(target);
    });
  }
  return target.fsPath;
}

/**
 * `tandem.clearUsage`: deletes the whole ledger after a modal confirmation. A script may pass
 * `{ confirmed: true }`. Returns true when the history was cleared.
 */
async function clearCommand(usage: UsageService, args?: unknown): Promise<boolean> {
  const confirmed = isRecordLike(args) && args.confirmed === true;
  if (!confirmed) {
    const n = (await usage.all()).length;
    const choice = await vscode.window.showWarningMessage(
      `Delete all ${n} usage records?`,
      { modal: true, detail: 'Spend, latency and acceptance history of every window will be gone; today\'s budget starts again from $0. Export first to keep a copy.' },
      'Delete History',
    );
    if (choice !== 'Delete History') return false;
  }
  await usage.clear();
  return true;
}

function isRecordLike(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
