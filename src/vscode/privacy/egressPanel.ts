import * as vscode from 'vscode';
import type { EgressLog } from '../../core/egress/egressLog';
import type { EgressFilter, ToEgressWebview } from '../../core/egress/egressProtocol';
import { isFromEgressWebview } from '../../core/egress/egressProtocol';
import { webviewHtml } from '../webviewHtml';

/**
 * "What left this machine" as a webview: a real table that updates while requests are sent
 * and end, with filters by host and feature. One panel, revealed if already open; the page asks
 * with `ready` and is then pushed every change (at most every 200 ms during bursts).
 */
export class EgressPanel implements vscode.Disposable {
  private static current: EgressPanel | undefined;
  private ready = false;
  private pending: ReturnType<typeof setTimeout> | undefined;
  private filter: EgressFilter = { host: '', feature: '' };
  private readonly sent: ToEgressWebview[] = [];
  private readonly subscriptions: vscode.Disposable[] = [];

  static show(extensionUri: vscode.Uri, log: EgressLog, file: string): EgressPanel {
    if (EgressPanel.current) {
      EgressPanel.current.panel.reveal();
      return EgressPanel.current;
    }
    const panel = vscode.window.createWebviewPanel('tandem.egress', 'Tandem: What Left This Machine', vscode.ViewColumn.Active, {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media', 'egress')],
    });
    EgressPanel.current = new EgressPanel(panel, extensionUri, log, file);
    return EgressPanel.current;
  }

  static get open(): EgressPanel | undefined {
    return EgressPanel.current;
  }

  private constructor(readonly panel: vscode.WebviewPanel, extensionUri: vscode.Uri, private readonly log: EgressLog, private readonly file: string) {
    panel.webview.html = webviewHtml({
      webview: panel.webview,
      title: 'Tandem: What Left This Machine',
      script: vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'egress.js'),
      style: vscode.Uri.joinPath(extensionUri, 'media', 'egress', 'egress.css'),
      body: '<div id="app"></div>',
    });
    const off = log.onDidChange(() => this.schedule());
    this.subscriptions.push(
      new vscode.Disposable(off),
      panel.onDidDispose(() => this.dispose()),
      // A hidden webview's page is discarded; it sends `ready` again when shown.
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.ready = false;
      }),
      panel.webview.onDidReceiveMessage((m: unknown) => {
        if (!isFromEgressWebview(m)) return;
        if (m.type === 'ready') {
          this.ready = true;
          this.push();
        } else this.filter = m.filter;
      }),
    );
  }

  /** Whether the page said `ready`, the filter it shows, and the last message it was sent (test hook). */
  snapshot(): { ready: boolean; filter: EgressFilter; last?: ToEgressWebview } {
    return { ready: this.ready, filter: { ...this.filter }, last: this.sent.at(-1) };
  }

  private schedule(): void {
    if (!this.ready || this.pending) return;
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.push();
    }, 200);
  }

  private push(): void {
    const message: ToEgressWebview = { type: 'records', records: this.log.list(), file: this.file };
    this.sent.splice(0, this.sent.length, message);
    void this.panel.webview.postMessage(message);
  }

  dispose(): void {
    if (EgressPanel.current === this) EgressPanel.current = undefined;
    if (this.pending) clearTimeout(this.pending);
    for (const s of this.subscriptions.splice(0)) s.dispose();
    this.panel.dispose();
  }
}
