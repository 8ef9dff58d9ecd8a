import type { ProviderId } from '../config';
import { PROVIDERS } from '../providers';
import type { ErrorAction } from '../llm/types';

/**
 * The typed messages between the extension and the explanation panel's
 * browser bundle, imported by both sides. The panel posts `ready` once its
 * script runs; the extension then replays the current explanation, so a panel
 * restored or re-focused mid-stream shows the text so far.
 */
export interface ExplainFooter {
  provider: ProviderId;
  model: string;
  inputTokens: number;
  outputTokens: number;
  estimated: boolean;
  /** Unknown until the usage ledger prices the request. */
  costUsd?: number;
  latencyMs: number;
}

export type ToPanel =
  | { type: 'start'; title: string; subtitle: string; provider: ProviderId; model: string }
  /** The whole text so far (not a delta): idempotent, so a replay after `ready` or a dropped message cannot garble it. */
  /**
   * `restored`: the secrets put back into the answer in place of their placeholders; the
   * panel never makes a link or image of a URL holding one (an answer steered by a comment
   * in the code could otherwise carry a token to another host in a link).
   */
  | { type: 'text'; text: string; restored?: string[] }
  | { type: 'done'; footer: ExplainFooter }
  | { type: 'stopped'; footer?: ExplainFooter }
  | { type: 'error'; message: string }
  /**
   * The request failed: the panel replaces its waiting placeholder with the message and one
   * button per action (the same fixes the notification offers), posted back as `action`.
   * Sent again with `runAgain` first once a key or endpoint was set after the failure.
   */
  | { type: 'failure'; message: string; actions: PanelButton[] }
  /** Asks the panel for the HTML it shows (answered with `rendered`; the integration tests read the frame so). */
  | { type: 'inspect' };

/** A fix the panel offers; `runAgain` re-runs the same explanation once something was set. */
export type PanelAction = ErrorAction | 'runAgain';

export interface PanelButton {
  action: PanelAction;
  label: string;
}

export const PANEL_ACTIONS: readonly PanelAction[] = ['runAgain', 'setOpenAIKey', 'setHuggingFaceToken', 'openSettings', 'switchProvider', 'retry', 'showLog'];

export type FromPanel = { type: 'ready' } | { type: 'stop' } | { type: 'copy'; text: string } | { type: 'action'; action: PanelAction } | { type: 'rendered'; html: string };

export function isFromPanel(v: unknown): v is FromPanel {
  if (typeof v !== 'object' || v === null || !('type' in v)) return false;
  if (v.type === 'ready' || v.type === 'stop') return true;
  if (v.type === 'rendered') return 'html' in v && typeof v.html === 'string';
  if (v.type === 'action') return 'action' in v && PANEL_ACTIONS.some((a) => a === v.action);
  return v.type === 'copy' && 'text' in v && typeof v.text === 'string';
}

/** "gpt-4.1-mini on OpenAI · 812 in / 240 out tokens · $0.0007 · 2.4 s" */
export function footerText(f: ExplainFooter): string {
  const tokens = `${f.inputTokens} in / ${f.outputTokens} out tokens${f.estimated ? ' (estimated)' : ''}`;
  const cost = f.costUsd === undefined ? '' : ` · $${f.costUsd < 0.01 ? f.costUsd.toFixed(4) : f.costUsd.toFixed(2)}`;
  return `${f.model || 'model'} on ${PROVIDERS[f.provider].labelMid} · ${tokens}${cost} · ${(f.latencyMs / 1000).toFixed(1)} s`;
}
