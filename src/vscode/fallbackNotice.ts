import * as vscode from 'vscode';
import type { ProviderId } from '../core/config';
import { cloudBackAt, FallbackEpisodes, fallbackNoticeText } from '../core/engine/fallback';
import type { HealthSnapshot, UsageRecord } from '../core/llm/types';
import type { Log } from './services';

export const DONT_FALL_BACK = "Don't fall back";

export interface FallbackNoticeDeps {
  /** Fires for every usage record (one per upstream request, whatever the feature). */
  onRecord: vscode.Event<UsageRecord>;
  health(): Record<ProviderId, HealthSnapshot>;
  budgetSpent(): boolean;
  log: Log;
}

/**
 * Says once per episode that the private endpoint is answering for OpenAI (inline, explain and
 * refactor alike: the usage records show every fallback), with a button that turns fallback off
 * in the user settings for someone who would rather wait than use the private model.
 */
export class FallbackNotice implements vscode.Disposable {
  private readonly episodes = new FallbackEpisodes();
  private readonly said: string[] = [];
  private readonly subscription: vscode.Disposable;

  constructor(private readonly deps: FallbackNoticeDeps) {
    this.subscription = deps.onRecord((r) => {
      if (r.outcome !== 'ok') return;
      if (this.episodes.answered(r.provider, r.fallbackFrom)) this.announce();
    });
  }

  /** What was announced, oldest first (test hook: a notification's text cannot be read back). */
  messages(): readonly string[] {
    return [...this.said];
  }

  private announce(): void {
    const text = fallbackNoticeText(cloudBackAt(this.deps.health().openai, Date.now()), this.deps.budgetSpent());
    this.said.push(text);
    this.deps.log.info(`Fallback: ${text}`);
    void vscode.window.showInformationMessage(`Tandem: ${text}`, DONT_FALL_BACK).then(async (picked) => {
      if (picked !== DONT_FALL_BACK) return;
      try {
        await vscode.workspace.getConfiguration('tandem').update('fallbackToPrivate', false, vscode.ConfigurationTarget.Global);
        this.episodes.end();
        this.deps.log.info('Fallback turned off in the user settings (tandem.fallbackToPrivate = false).');
      } catch (e) {
        void vscode.window.showErrorMessage(`Tandem: could not save tandem.fallbackToPrivate (${e instanceof Error ? e.message : String(e)}).`);
      }
    });
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
