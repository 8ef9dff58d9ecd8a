import type { Feature, ProviderId } from '../config';
import type { KeyAction } from '../providers';

/**
 * The provider interface (docs/ARCHITECTURE.md): one small streaming contract that the
 * OpenAI and Hugging Face providers translate to and from their wire formats.
 */

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ChatRequest {
  feature: Feature;
  model: string;
  messages: ChatMessage[];
  maxTokens?: number;
  /** Omit for the server default; never 0 (TGI rejects temperature 0: greedy = omit). */
  temperature?: number;
  stop?: string[];
}

export interface FimRequest {
  feature: Feature;
  model: string;
  /** Code before the cursor (already windowed). */
  prefix: string;
  /** Code after the cursor (already windowed). */
  suffix: string;
  /** Workspace-relative path and language, for chat-prompted completion (OpenAI). */
  filePath?: string;
  languageId?: string;
  maxTokens: number;
  /** Extra context snippets from other files (never excluded files). */
  snippets?: { path: string; text: string }[];
}

export interface Usage {
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  /** True when the server reported no counts and they were estimated locally. */
  estimated: boolean;
  /** Server-side compute time in ms (TGI `x-compute-time`), for the hourly cost model. */
  computeMs?: number;
}

export type Chunk =
  | { type: 'text'; text: string }
  /** Always the last chunk of a stream that did not throw. */
  | { type: 'done'; usage: Usage; finishReason: FinishReason; model: string; latencyMs?: number; firstTokenMs?: number };

export type FinishReason = 'stop' | 'length' | 'cancelled' | 'unknown';

export interface ModelProvider {
  readonly id: ProviderId;
  streamChat(req: ChatRequest, signal: AbortSignal): AsyncIterable<Chunk>;
  streamFim(req: FimRequest, signal: AbortSignal): AsyncIterable<Chunk>;
  /** Token limits the server told (TGI `/info`), once known; never fetched for this. */
  knownLimits?(): { maxInputTokens?: number; maxTotalTokens?: number } | undefined;
}

export type ProviderErrorKind = 'auth' | 'rateLimited' | 'unavailable' | 'badRequest' | 'notFound' | 'timeout' | 'cancelled' | 'network' | 'refused';

/** What a person can do about an error; the VS Code layer turns these into buttons. */
export type ErrorAction = KeyAction | 'openSettings' | 'switchProvider' | 'retry' | 'showLog';

/** Usage is known even for failed requests (tokens as far as reported or estimated). */
export interface UsageRecord {
  time: string;
  provider: ProviderId;
  model: string;
  feature: Feature | string;
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  estimated: boolean;
  costUsd: number;
  latencyMs: number;
  firstTokenMs?: number;
  outcome: 'ok' | 'error' | 'cancelled';
  /** Inline completions: false once shown, true once accepted; absent when never shown. */
  accepted?: boolean;
  // Optional fields beyond the contract (the usage ledger's own):
  /** Unique per record, so a later line can mark an inline completion accepted. */
  id?: string;
  /** false when no price was known for the model (costUsd is then 0 and shown as "price unknown"). */
  priceKnown?: boolean;
  /** Server compute time (TGI `x-compute-time`), when reported; the hourly cost model used it. */
  computeMs?: number;
  /** The kind of failure when outcome is 'error'. */
  errorKind?: ProviderErrorKind;
  /** Set when the private endpoint served a request meant for the cloud (fallback). */
  fallbackFrom?: ProviderId;
}

/** A provider's health as the router and the status bar see it. */
export interface HealthSnapshot {
  /** closed = healthy; open = failing fast until `openUntil`; halfOpen = one probe allowed. */
  state: 'closed' | 'open' | 'halfOpen';
  openUntil?: number;
  /** The server asked us to wait until this time (ms since epoch). */
  rateLimitedUntil?: number;
  lastError?: { kind: ProviderErrorKind; message: string; time: number };
  consecutiveFailures: number;
}
