import type * as vscode from 'vscode';
import type { Feature, ProviderId, TandemConfig } from '../core/config';
import type { Engine } from '../core/engine/engine';
import type { PrivacyNow } from '../core/engine/attemptGate';
import type { ExcludeMatch } from '../core/privacy/exclude';
import type { PrivacyDecision } from '../core/privacy/workspacePrivacy';
import type { RouteDecision } from '../core/engine/router';

/**
 * What every feature module gets from activate(): plain objects built once in
 * extension.ts. A feature registers its commands/providers in a
 * `register<Feature>(services)` function and pushes its disposables itself.
 */
export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly log: Log;
  readonly settings: SettingsStore;
  readonly keys: KeyStore;
  readonly privacy: PrivacyService;
  readonly status: StatusReporter;
  /** Every model request goes through it: route, key, provider, retry, fallback, usage events. */
  readonly engine: Engine;
  /** The router, as every feature and the status bar ask it. */
  route(feature: Feature, uri?: vscode.Uri): RouteDecision;
}

export interface Log {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** Code and prompts only ever go here (off at the default level). */
  debug(message: string): void;
  show(): void;
}

export interface SettingsStore {
  /** The typed settings, re-read on every configuration change. */
  current(): TandemConfig;
  readonly onDidChange: vscode.Event<TandemConfig>;
}

export interface KeyStore {
  /** The stored key, else the environment fallback (OPENAI_API_KEY / HF_TOKEN), else undefined. */
  get(provider: ProviderId): Promise<string | undefined>;
  readonly onDidChange: vscode.Event<ProviderId>;
}

export interface PrivacyService {
  /** Privacy of the folder holding `uri` (no uri: the active editor's file, else the strictest open folder). */
  decisionFor(uri?: vscode.Uri): PrivacyDecision;
  /** The `tandem.exclude` pattern matching `uri`, if any. */
  excluded(uri: vscode.Uri): ExcludeMatch | undefined;
  /** The strictest decision over every open folder and the active file (workspace-wide actions such as Test Connection). */
  strictest(): PrivacyDecision;
  /** Both of the above now, for the engine's check before every attempt of a request. */
  recheck(uri?: vscode.Uri): PrivacyNow;
}

export interface StatusReporter {
  /** Show the spinner until the returned disposable is disposed. */
  busy(): vscode.Disposable;
  /**
   * An error state for a provider from one source (undefined clears that source's): shown as
   * $(warning) with the reason and the fix in the tooltip. Sources do not overwrite each other;
   * the spent budget shows before the provider's health, which shows before an inline failure.
   */
  setProblem(provider: ProviderId, problem: StatusProblem | undefined, source: ProblemSource): void;
  /** Recompute text and tooltip (after a setting, privacy or health change). */
  refresh(): void;
  /** How many other files the last inline completion request used as context (tooltip line). */
  inlineContext?(files: number): void;
}

export type ProblemSource = 'budget' | 'health' | 'inline' | 'connection' | 'ledger';

export interface StatusProblem {
  /** Short words for the item ("rate-limited until 14:05"). */
  summary: string;
  /** What to do, for the tooltip. */
  fix: string;
}
