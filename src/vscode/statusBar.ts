import * as vscode from 'vscode';
import type { ProviderId } from '../core/config';
import { PROVIDER_IDS, PROVIDERS } from '../core/providers';
import { TRUSTED_COMMANDS } from '../core/status/links';
import { pickProblem } from '../core/status/problem';
import type { KeyState, ProviderProblem } from '../core/status/problem';
import { statusView } from '../core/status/statusModel';
import type { KeyStore, PrivacyService, ProblemSource, Services, SettingsStore, StatusProblem, StatusReporter } from './services';

type RouteFn = Services['route'];

// Sources not listed (added later) still show, after these.
const PROBLEM_ORDER: readonly ProblemSource[] = ['budget', 'health', 'connection', 'inline', 'ledger'];

/**
 * The status bar item of the contract. Its text and tooltip are computed by the
 * pure `statusView`; this class only gathers the inputs and listens for changes.
 */
export class StatusBar implements StatusReporter, vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  // Per provider, per source: sources never overwrite each other. The problems keep their
  // optional kind and end time (ProviderProblem) even though reporters type them as StatusProblem.
  private readonly problems: Record<ProviderId, Map<ProblemSource, ProviderProblem>> = { openai: new Map(), huggingface: new Map() };
  private readonly keyState: Record<ProviderId, KeyState> = { openai: { present: true, required: false }, huggingface: { present: true, required: false } };
  private endpoints: Record<ProviderId, string> = { openai: '', huggingface: '' };
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
    this.item.command = 'tandem.menu';
    this.endpoints = endpointsOf(settings);
    this.subscriptions.push(
      settings.onDidChange(() => {
        // What a connection test or a completion found about an endpoint says nothing about a new one.
        const now = endpointsOf(settings);
        for (const p of PROVIDER_IDS) if (now[p] !== this.endpoints[p]) this.forget(p);
        this.endpoints = now;
        this.refresh();
        void this.checkKeys();
      }),
      keys.onDidChange((p) => {
        this.forget(p);
        void this.checkKeys();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
    );
    this.refresh();
    this.item.show();
    void this.checkKeys();
  }

  /** Drops the findings about a provider's previous endpoint or key (health is reset by the engine itself). */
  private forget(provider: ProviderId): void {
    this.problems[provider].delete('connection');
    this.problems[provider].delete('inline');
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
    if (problem) this.problems[provider].set(source, problem);
    else this.problems[provider].delete(source);
    this.refresh();
  }

  refresh(): void {
    const config = this.settings.current();
    const uri = vscode.window.activeTextEditor?.document.uri;
    const problems: Partial<Record<ProviderId, ProviderProblem>> = {};
    for (const provider of PROVIDER_IDS) {
      const mine = this.problems[provider];
      const order = [...PROBLEM_ORDER, ...[...mine.keys()].filter((k) => !PROBLEM_ORDER.includes(k))];
      const sources = order.map((source) => mine.get(source));
      const problem = pickProblem(provider, sources, this.keyState[provider]);
      if (problem) problems[provider] = problem;
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
    // The tooltip's links run Tandem's own argument-less commands, and nothing else.
    tooltip.isTrusted = { enabledCommands: TRUSTED_COMMANDS };
    this.item.tooltip = tooltip;
    this.item.backgroundColor = view.warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.accessibilityInformation = { label: `Tandem: ${view.text.replace(/\$\([^)]*\)\s*/g, '')}. Click for the Tandem menu.` };
  }

  /**
   * Whether each provider has a key. A missing one is an error at once only for OpenAI's own
   * API (OpenAI-compatible local servers need none); elsewhere it turns a 401 into "no key".
   */
  private async checkKeys(): Promise<void> {
    for (const p of PROVIDER_IDS) {
      const present = Boolean(await this.keys.get(p));
      this.keyState[p] = { present, required: PROVIDERS[p].keyRequired(PROVIDERS[p].baseUrl(this.settings.current())) };
    }
    this.refresh();
  }

  /** What the item shows now (for integration tests through the test hooks). */
  snapshot(): { text: string; tooltip: string; command?: string; trusted?: readonly string[]; warning: boolean } {
    const t = this.item.tooltip;
    const trust = typeof t === 'string' ? undefined : t?.isTrusted;
    return {
      text: this.item.text,
      tooltip: typeof t === 'string' ? t : t?.value ?? '',
      command: typeof this.item.command === 'string' ? this.item.command : this.item.command?.command,
      ...(typeof trust === 'object' ? { trusted: trust.enabledCommands } : {}),
      warning: this.item.backgroundColor !== undefined,
    };
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }
}

function endpointsOf(settings: SettingsStore): Record<ProviderId, string> {
  const c = settings.current();
  return { openai: PROVIDERS.openai.baseUrl(c), huggingface: PROVIDERS.huggingface.baseUrl(c) };
}
