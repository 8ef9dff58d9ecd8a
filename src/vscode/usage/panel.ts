import * as vscode from 'vscode';
import type { ProviderId } from '../../core/config';
import { PROVIDERS } from '../../core/providers';
import { webviewHtml } from '../webviewHtml';
import type { ToUsageWebview } from '../../core/usage/usageProtocol';
import { isFromUsageWebview } from '../../core/usage/usageProtocol';
import type { UsageRange } from '../../core/usage/view';
import type { Log } from '../services';
import type { UsageService } from './usageService';

/**
 * The usage dashboard: one webview panel, revealed if already open. Its own browser bundle
 * (dist/webview/usage.js), a CSP of `default-src 'none'` with a per-load script nonce, and
 * resources only from dist/webview and media. The webview asks with `ready`; the panel then
 * pushes fresh data on every ledger change while it is visible.
 */
export class UsagePanel implements vscode.Disposable {
  static readonly viewType = 'tandem.usage';
  private static current: UsagePanel | undefined;

  private range: UsageRange = '7d';
  private ready = false;
  private pending: ReturnType<typeof setTimeout> | undefined;
  private readonly poll: ReturnType<typeof setInterval>;
  private readonly subscriptions: vscode.Disposable[] = [];

  static show(extensionUri: vscode.Uri, usage: UsageService, log: Log, actions: PanelActions): UsagePanel {
    if (UsagePanel.current) {
      UsagePanel.current.panel.reveal();
      return UsagePanel.current;
    }
    const panel = vscode.window.createWebviewPanel(UsagePanel.viewType, 'Tandem: Usage and Cost', vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
    });
    UsagePanel.current = new UsagePanel(panel, extensionUri, usage, log, actions);
    return UsagePanel.current;
  }

  /** The open panel, if any (tests and the export command use it). */
  static get open(): UsagePanel | undefined {
    return UsagePanel.current;
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly usage: UsageService,
    private readonly log: Log,
    private readonly actions: PanelActions,
  ) {
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'usage', 'icon.svg');
    panel.webview.html = html(panel.webview, extensionUri);
    this.subscriptions.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: unknown) => void this.onMessage(m)),
      // Hidden webviews are torn down and send `ready` again when shown.
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.ready = false;
      }),
      usage.onDidChange(() => this.schedule()),
    );
    // Other windows append too: look for their records while the view is visible.
    this.poll = setInterval(() => {
      if (this.panel.visible) void this.usage.refresh();
    }, 5_000);
  }

  /** The last messages posted to the webview (for the integration tests' hook). */
  readonly sent: ToUsageWebview[] = [];

  /** What the integration tests may look at: did the webview's script say ready, and what did it get. */
  snapshot(): { ready: boolean; range: UsageRange; messages: ToUsageWebview[] } {
    return { ready: this.ready, range: this.range, messages: [...this.sent] };
  }

  private async onMessage(m: unknown): Promise<void> {
    if (!isFromUsageWebview(m)) {
      this.log.warn('Usage view: ignored an unexpected message from the webview.');
      return;
    }
    switch (m.type) {
      case 'ready':
        this.ready = true;
        this.range = m.range;
        await this.push();
        return;
      case 'range':
        this.range = m.range;
        await this.push();
        return;
      case 'export':
        await this.actions.exportUsage(m.format);
        return;
      case 'clear':
        await this.actions.clearUsage();
        return;
      case 'openSettings':
        await vscode.commands.executeCommand('workbench.action.openSettings', m.query);
        return;
      case 'applySplit':
        await this.applySplit(m.inline, m.chat);
        return;
    }
  }

  /**
   * The recommended per-feature split, written to the user settings (it comes from the user's
   * own work across workspaces); private workspaces keep overriding it.
   */
  private async applySplit(inline: ProviderId, chat: ProviderId): Promise<void> {
    try {
      const cfg = vscode.workspace.getConfiguration('tandem');
      await cfg.update('inline.provider', inline, vscode.ConfigurationTarget.Global);
      await cfg.update('chat.provider', chat, vscode.ConfigurationTarget.Global);
      this.log.info(`Usage view: applied the recommended split (inline: ${inline}, explain/refactor: ${chat}).`);
      void vscode.window.showInformationMessage(`Tandem: completions now use ${PROVIDERS[inline].labelMid}, explain and refactor ${PROVIDERS[chat].labelMid} (tandem.inline.provider, tandem.chat.provider).`);
    } catch (e) {
      this.log.error(`Usage view: could not apply the split (${e instanceof Error ? e.message : String(e)}).`);
      void vscode.window.showErrorMessage('Tandem: could not save tandem.inline.provider / tandem.chat.provider (is the settings file read-only or invalid?).');
    }
    await this.push();
  }

  /** Live updates: coalesce bursts of records into one redraw. */
  private schedule(): void {
    if (this.pending || !this.ready) return;
    this.pending = setTimeout(() => {
      this.pending = undefined;
      void this.push();
    }, 200);
  }

  private async push(): Promise<void> {
    if (!this.ready) return;
    let message: ToUsageWebview;
    try {
      message = { type: 'data', view: await this.usage.view(this.range) };
    } catch (e) {
      this.log.error(`Usage view: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      message = { type: 'error', message: 'Reading the usage ledger failed; see "Tandem: Show Log".' };
    }
    this.sent.push(message);
    if (this.sent.length > 20) this.sent.splice(0, this.sent.length - 20);
    await this.panel.webview.postMessage(message);
  }

  dispose(): void {
    if (UsagePanel.current === this) UsagePanel.current = undefined;
    clearInterval(this.poll);
    if (this.pending) clearTimeout(this.pending);
    for (const s of this.subscriptions) s.dispose();
    this.panel.dispose();
  }
}

export interface PanelActions {
  exportUsage(format: 'csv' | 'json'): Promise<unknown>;
  clearUsage(): Promise<unknown>;
}

function html(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  return webviewHtml({
    webview,
    title: 'Tandem: Usage and Cost',
    script: vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'usage.js'),
    style: vscode.Uri.joinPath(extensionUri, 'media', 'usage', 'usage.css'),
    body: '<div id="app"><p>Loading usage…</p></div>',
  });
}
