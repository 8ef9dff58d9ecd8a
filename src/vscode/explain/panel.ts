import * as vscode from 'vscode';
import { webviewHtml } from '../webviewHtml';
import type { PanelAction, PanelButton, ToPanel } from '../../core/prompts/panelProtocol';
import { isFromPanel } from '../../core/prompts/panelProtocol';

/**
 * The Tandem explanation panel: one webview, reused by every explain. It
 * keeps the current explanation's messages so a panel that was hidden (its
 * page discarded) or reloaded replays them after its `ready` handshake.
 */
export class ExplainPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private replay: ToPanel[] = [];
  private stopHandler: (() => void) | undefined;
  private actionHandler: ((action: PanelAction) => void) | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly extensionUri: vscode.Uri) {}

  /** Reveals (or creates) the panel for a new explanation; `onStop` runs when its Stop button is pressed. */
  begin(start: Extract<ToPanel, { type: 'start' }>, onStop: () => void): void {
    this.stopHandler = onStop;
    this.actionHandler = undefined;
    this.replay = [start];
    if (!this.panel) this.create();
    else this.panel.reveal(undefined, true);
    this.post(start);
  }

  /** The text so far replaces the previous one (see ToPanel 'text'). */
  update(message: ToPanel): void {
    if (message.type === 'text') this.replay = this.replay.filter((m) => m.type !== 'text');
    this.replay.push(message);
    this.post(message);
  }

  /** Shows the failure and its fixes in place of the placeholder; `onAction` runs the button pressed. */
  fail(message: string, buttons: PanelButton[], onAction: (action: PanelAction) => void): void {
    this.actionHandler = onAction;
    this.replay = this.replay.filter((m) => m.type !== 'failure');
    this.update({ type: 'failure', message, actions: buttons });
  }

  /** What a button of the error view does (test hook: a webview's buttons cannot be clicked from the extension host). */
  press(action: PanelAction): boolean {
    if (!this.actionHandler) return false;
    this.actionHandler(action);
    return true;
  }

  /** The stop handler of the current explanation ends with it. */
  end(): void {
    this.stopHandler = undefined;
  }

  private onRendered: ((html: string) => void) | undefined;

  /** The HTML the panel's page shows now (test hook); undefined without a panel or an answer in 5 s. */
  rendered(): Promise<string | undefined> {
    const panel = this.panel;
    if (!panel) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const timer = setTimeout(() => finish(undefined), 5000);
      const finish = (html: string | undefined) => {
        clearTimeout(timer);
        this.onRendered = undefined;
        resolve(html);
      };
      this.onRendered = finish;
      void panel.webview.postMessage({ type: 'inspect' } satisfies ToPanel);
    });
  }

  /** What the panel was sent for the current explanation (for tests and the log). */
  messages(): ToPanel[] {
    return [...this.replay];
  }

  private post(message: ToPanel): void {
    void this.panel?.webview.postMessage(message);
  }

  private create(): void {
    const distRoot = vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
    const mediaRoot = vscode.Uri.joinPath(this.extensionUri, 'media', 'explain');
    const panel = vscode.window.createWebviewPanel('tandem.explain', 'Tandem: Explanation', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [distRoot, mediaRoot],
    });
    panel.webview.html = this.html(panel.webview, distRoot, mediaRoot);
    panel.webview.onDidReceiveMessage((m: unknown) => {
      if (!isFromPanel(m)) return;
      if (m.type === 'ready') for (const r of this.replay) this.post(r);
      else if (m.type === 'stop') this.stopHandler?.();
      else if (m.type === 'rendered') this.onRendered?.(m.html);
      else if (m.type === 'action') this.actionHandler?.(m.action);
      else void vscode.env.clipboard.writeText(m.text);
    }, undefined, this.disposables);
    panel.onDidDispose(() => {
      // Closing the panel stops a running explanation: nobody is reading it.
      this.stopHandler?.();
      this.panel = undefined;
    }, undefined, this.disposables);
    this.panel = panel;
  }

  private html(webview: vscode.Webview, distRoot: vscode.Uri, mediaRoot: vscode.Uri): string {
    return webviewHtml({
      webview,
      title: 'Tandem: Explanation',
      script: vscode.Uri.joinPath(distRoot, 'explain.js'),
      style: vscode.Uri.joinPath(mediaRoot, 'panel.css'),
      body: '<header><div class="titles"><div id="title">Tandem</div><div id="subtitle"></div></div><button id="stop" type="button" title="Stop the request">Stop</button></header>\n<main id="body"></main>\n<footer id="footer"></footer>',
    });
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
