import type { Feature, ProviderId, TandemConfig } from '../config';
import type { EgressTracker } from '../egress/tracker';
import type { PrivacyNow } from './attemptGate';
import type { PrivacyDecision } from '../privacy/workspacePrivacy';
import type { EgressEvent, ProviderTimeouts } from '../llm/base';
import type { FetchLike } from '../net/fetchLike';
import type { CircuitOptions } from './circuit';
import type { RetryPolicy } from './retry';
import type { RouteDecision } from './router';
import type { ChatMessage, FinishReason, ProviderErrorKind, Usage } from '../llm/types';

/**
 * What the features hand the engine and get back from it: the request, the streamed chunks,
 * the usage event per upstream request, the per-call options and the engine's dependencies.
 * Apart from the class so that the privacy step, the adapters and the usage ledger can name
 * them without it.
 */

export type EngineRequest =
  | { kind: 'chat'; messages: ChatMessage[]; maxTokens?: number; temperature?: number; stop?: string[] }
  | { kind: 'fim'; prefix: string; suffix: string; maxTokens: number; filePath?: string; languageId?: string; snippets?: { path: string; text: string }[] };

/** A decision that found a provider: what a stream is served by. */
export type RoutedDecision = Extract<RouteDecision, { ok: true }>;

export type EngineChunk =
  /**
   * Who serves the request and why: the first event of every stream, and again when a
   * fallback takes over (then with `fallbackFrom`). The status bar and the API ask
   * `Engine.route()` only for display; a request carries its own decision.
   */
  | { type: 'route'; decision: RoutedDecision }
  /** `restored`: the secrets put back into the answer so far (set by the privacy step, guard.ts). */
  | { type: 'text'; text: string; restored?: readonly string[] }
  | {
    type: 'done'; provider: ProviderId; model: string; usage: Usage; finishReason: FinishReason;
    /** Why this provider ("tandem.provider is ...", "private workspace: ...", a fallback reason). */
    why: string; fallbackFrom?: ProviderId; latencyMs?: number; firstTokenMs?: number;
  };

/** One upstream request, as the usage ledger needs it (the usage helper prices it). */
export interface UsageEvent {
  time: string;
  provider: ProviderId;
  model: string;
  feature: Feature;
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  estimated: boolean;
  latencyMs: number;
  firstTokenMs?: number;
  /** Server compute time (TGI x-compute-time) for the hourly cost model. */
  computeMs?: number;
  outcome: 'ok' | 'error' | 'cancelled';
  errorKind?: ProviderErrorKind;
  /** Set when this request served a cloud request on the private endpoint. */
  fallbackFrom?: ProviderId;
  /** The caller's id for the record of the request that answered (inline acceptance marks find it). */
  id?: string;
}

export interface StreamOptions {
  privacy: PrivacyDecision;
  /**
   * The decision the caller already made for this request (it sized the prompt for that
   * provider's model): the engine then does not route again. Without it the engine routes.
   */
  route?: RoutedDecision;
  /** For the log and future per-file rules; exclusion is checked by the caller. */
  filePath?: string;
  signal: AbortSignal;
  /** Id for the usage record of the request that answers (failed attempts get their own). */
  usageId?: string;
  /** The file's privacy and exclusion now: asked before every attempt and on `privacyChanged()`. */
  recheck?(): PrivacyNow;
}

export interface EngineDeps {
  config(): TandemConfig;
  /** The stored key, else the environment fallback, else undefined. */
  getKey(provider: ProviderId): Promise<string | undefined>;
  onUsage(e: UsageEvent): void;
  onEgress?(e: EgressEvent): void;
  /** Attributes each stream's requests to its feature and file in the egress log (guard.ts). */
  tracker?: EgressTracker;
  /** Today's OpenAI spend reached tandem.budget.dailyUsd (the usage helper knows). */
  budgetSpent?(): boolean;
  /** The fetch for a provider's base URL (proxy decisions, see net/proxy.ts); undefined = global fetch. */
  fetchFor?(provider: ProviderId, baseUrl: string): FetchLike | undefined;
  log?(level: 'info' | 'warn' | 'debug', message: string): void;
  timeouts?: Partial<ProviderTimeouts>;
  retry?: Partial<RetryPolicy>;
  circuit?: Partial<Omit<CircuitOptions, 'now'>>;
  now?(): number;
}
