import * as vscode from 'vscode';
import type { ProviderId } from '../core/config';
import { statusView } from '../core/status/statusModel';
import type { ProviderProblem } from '../core/status/statusModel';
import type { KeyStore, PrivacyService, ProblemSource, Services, SettingsStore, StatusProblem, StatusReporter } from './services';

type RouteFn = Services['route'];

const PROBLEM_ORDER: readonly ProblemSource[] = ['budget', 'health', 'inline'];

/**
 * The status bar item of the contract. Its text and tooltip are computed by the
 * pure `statusView`; this class only gathers the inputs and listens for changes.
 */
export class StatusBar implements StatusReporter, vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly problems = new Map<`${ProviderId}:${ProblemSource}`, ProviderProblem>();
  private readonly missingKey: Partial<Record<ProviderId, boolean>> = {};
  private busyCount = 0;
  private contextFiles: number | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly settings: SettingsStore,
    private readonly privacy: PrivacyService,
    private readonly keys: KeyStore,
    private readonly route: RouteFn,
  ) {
    this.item = vscode.window.createStatusBarItem('tandem.status', vscode.StatusBarAlignment.Left, 100);
    this.item.name = 'Tandem';
    this.item.command = 'tandem.switchProvider';
    this.subscriptions.push(
      settings.onDidChange(() => {
        this.refresh();
        void this.checkKeys();
      }),
      keys.onDidChange(() => void this.checkKeys()),
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
    );
    this.refresh();
    this.item.show();
    void this.checkKeys();
  }

  busy(): vscode.Disposable {
    this.busyCount++;
    this.refresh();
    let done = false;
    return new vscode.Disposable(() => {
      if (done) return;
      done = true;
      this.busyCount--;
      this.refresh();
    });
  }

  inlineContext(files: number): void {
    if (files === this.contextFiles) return;
    this.contextFiles = files;
    this.refresh();
  }

  setProblem(provider: ProviderId, problem: StatusProblem | undefined, source: ProblemSource): void {
    if (problem) this.problems.set(`${provider}:${source}`, problem);
    else this.problems.delete(`${provider}:${source}`);
    this.refresh();
  }

  refresh(): void {
    const config = this.settings.current();
    const uri = vscode.window.activeTextEditor?.document.uri;
    const problems: Partial<Record<ProviderId, ProviderProblem>> = {};
    for (const provider of ['openai', 'huggingface'] as const) {
      const first = PROBLEM_ORDER.map((source) => this.problems.get(`${provider}:${source}`)).find((p) => p !== undefined);
      if (first) problems[provider] = first;
    }
    if (this.missingKey.openai && !problems.openai) {
      problems.openai = { summary: 'no API key', fix: 'Run "Tandem: Set OpenAI API Key" (or set OPENAI_API_KEY for VS Code).' };
    }
    // An excluded file gets no ghost text, silently: the tooltip says why (issue 7).
    const excluded = uri && uri.scheme !== 'untitled' ? this.privacy.excluded(uri) : undefined;
    const view = statusView({
      ...(excluded ? { inlineOffReason: `this file matches "${excluded.pattern}" in tandem.exclude` } : {}),
      chat: this.route('explain', uri),
      inline: this.route('inline', uri),
      privacy: this.privacy.decisionFor(uri),
      problems,
      busy: this.busyCount > 0,
      inlineEnabled: config.inline.enabled,
      ...(this.contextFiles !== undefined ? { inlineContextFiles: this.contextFiles } : {}),
    });
    this.item.text = view.text;
    const tooltip = new vscode.MarkdownString(view.tooltip, true);
    tooltip.isTrusted = false;
    this.item.tooltip = tooltip;
    this.item.backgroundColor = view.warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.accessibilityInformation = { label: `Tandem: ${view.text.replace(/\$\([^)]*\)\s*/g, '')}. Click to switch provider.` };
  }

  /** The no-key warning applies only to OpenAI's own API (OpenAI-compatible local servers need no key). */
  private async checkKeys(): Promise<void> {
    const baseUrl = this.settings.current().openai.baseUrl;
    const needsKey = /^https:\/\/api\.openai\.com(\/|$)/.test(baseUrl);
    this.missingKey.openai = needsKey && !(await this.keys.get('openai'));
    this.refresh();
  }

  /** What the item shows now (for integration tests through the test hooks). */
  snapshot(): { text: string; tooltip: string } {
    const t = this.item.tooltip;
    return { text: this.item.text, tooltip: typeof t === 'string' ? t : t?.value ?? '' };
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }
}
