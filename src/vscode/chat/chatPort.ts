import type * as vscode from 'vscode';
import type { ProviderId } from '../../core/config';
import type { RoutedDecision } from '../../core/engine/engineTypes';
import type { ChatMessage, Chunk, ErrorAction } from '../../core/llm/types';
import { isProviderId } from '../../core/providers';

/**
 * What explain and refactor need from the engine: one routed, streamed,
 * ledger-recorded chat request. The engine (src/core/llm, the providers
 * work) implements it; the features never choose a provider or write usage
 * records themselves.
 */
export interface ChatPort {
  /**
   * Sends the request for `uri` on its route (with privacy, fallback and
   * budget rules), streams the answer, and reports the request as a usage record
   * with `feature` whatever the outcome. Throws a typed provider error.
   */
  stream(req: ChatPortRequest, signal: AbortSignal): AsyncIterable<ChatEvent>;
}

export interface ChatPortRequest {
  feature: 'explain' | 'refactor';
  uri: vscode.Uri;
  messages: ChatMessage[];
  maxTokens?: number;
  /** The router's decision the prompt was sized for: the request is not routed again. */
  route: RoutedDecision;
}

export type ChatEvent =
  /** Who serves the request; sent first, and again when a fallback takes over. */
  | { type: 'serving'; provider: ProviderId; model: string }
  /** `restored`: the secrets put back into the answer so far, kept out of the panel's links. */
  | (Exclude<Chunk, { type: 'done' }> & { restored?: readonly string[] })
  /** The last event: the model's done chunk, with the price once the ledger has it. */
  | (Extract<Chunk, { type: 'done' }> & { provider?: ProviderId; costUsd?: number });

/** A failure as the engine's typed errors carry it, checked structurally. */
export interface PortFailure {
  message: string;
  kind?: string;
  provider?: ProviderId;
  actions: ErrorAction[];
}

const ACTIONS: readonly ErrorAction[] = ['setOpenAIKey', 'setHuggingFaceToken', 'openSettings', 'switchProvider', 'retry', 'showLog'];

export function asPortFailure(e: unknown): PortFailure {
  if (e instanceof Error) {
    const kind = 'kind' in e && typeof e.kind === 'string' ? e.kind : undefined;
    const provider = 'provider' in e && isProviderId(e.provider) ? e.provider : undefined;
    const raw: unknown = 'actions' in e ? e.actions : [];
    const actions = Array.isArray(raw) ? ACTIONS.filter((a) => raw.includes(a)) : [];
    return { message: e.message, kind, provider, actions };
  }
  return { message: String(e), actions: ['showLog'] };
}

export function isCancellation(e: unknown, signal: AbortSignal): boolean {
  if (signal.aborted) return true;
  return e instanceof Error && (e.name === 'AbortError' || ('kind' in e && e.kind === 'cancelled'));
}
