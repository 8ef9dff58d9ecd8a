import type { ProviderId } from '../config';
import type { EngineChunk, EngineRequest } from '../engine/engineTypes';
import type { Usage } from '../llm/types';
import type { Clock } from './clock';
import type { AdaptiveDebounce } from './debounce';
import type { TokenSet } from './postprocess';
import type { ContextWindow, CursorPosition, LineSource } from './window';

/**
 * What the inline completer is given and gives back: the target a completion is for, the
 * call, its outcome, the record of each upstream request, the options and the counters.
 * Kept apart from the class: readAnswer.ts, which the completer calls, names RequestInfo
 * too, and the editor adapter and the benchmark need the types without the class.
 */

/** A completion request as the completer builds it and the engine takes it. */
export type InlineRequest = Extract<EngineRequest, { kind: 'fim' }>;

/**
 * Sends one completion request: the caller's closure over `Engine.stream('inline', ...)` with
 * the route the window was sized for. `requestId` names the request's usage record (the
 * ledger id that acceptance marks find).
 */
export type InlineStream = (req: InlineRequest, signal: AbortSignal, requestId: string) => AsyncIterable<EngineChunk>;

/** The routed model a completion is for (it sizes the window), and the stream that reaches it. */
export interface InlineTarget {
  readonly providerId: ProviderId;
  readonly model: string;
  /** Prompt tokens the window may use (windowBudget.ts `promptTokenBudget`). */
  readonly promptTokens: number;
  /** The private model's FIM template stop and special tokens; none for OpenAI. */
  readonly tokens?: TokenSet;
  readonly stream: InlineStream;
}

export interface CompletionInput {
  /** One per editor/document (the document URI). */
  documentId: string;
  doc: LineSource;
  position: CursorPosition;
  languageId?: string;
  filePath?: string;
  /** Invoked by the person (a command), not by typing: no debounce, no mid-word rule. */
  explicit: boolean;
}

export type CompletionSource = 'network' | 'cache' | 'typing' | 'inflight';

export type CompletionOutcome =
  /** `requestId`: the upstream request the text came from (also for cache and typing-through hits), for acceptance tracking. */
  | { kind: 'completion'; text: string; source: CompletionSource; window: ContextWindow; requestId: string; request?: RequestInfo }
  | { kind: 'none'; reason: 'midword' | 'typo' | 'superseded' | 'empty' | 'cancelled' | 'error'; source?: CompletionSource; error?: unknown; request?: RequestInfo };

/** One upstream request, for usage and acceptance tracking and the benchmark. */
export interface RequestInfo {
  id: string;
  providerId: ProviderId;
  model: string;
  usage?: Usage;
  /** Times on the completer's clock. */
  startedAt: number;
  /** Window cut, cache and typing-through checks before the debounce (the rest of our time is providerCalledAt - startedAt). */
  prepareMs: number;
  providerCalledAt: number;
  lastByteAt?: number;
  returnedAt?: number;
  /** Stopped by us once a one-line answer was complete. */
  stoppedEarly: boolean;
  /** Abandoned after `timeoutMs` (a failure, unlike an abort by a newer keystroke). */
  timedOut: boolean;
}

export interface CompleterOptions {
  /** The wait after a keystroke; with `debounce`, its upper bound. */
  debounceMs(): number;
  /** Learns the typist's rhythm and shortens the wait (none: always `debounceMs`). */
  debounce?: AdaptiveDebounce;
  maxTokens(): number;
  clock?: Clock;
  /** Inline requests are abandoned after this long (5 s, as the README promises). */
  timeoutMs?: number;
  cacheSize?: number;
  /** Request ids (unique across windows when they name ledger records). */
  newRequestId?(): string;
  /** Called when a request settles (ok, error or aborted), after post-processing. */
  onRequestDone?(info: RequestInfo, outcome: 'ok' | 'error' | 'cancelled'): void;
}

export interface CompleterStats {
  calls: number;
  upstream: number;
  aborted: number;
  cacheHits: number;
  typingHits: number;
  inflightReuses: number;
  /** Requests sent on the document change, before the editor asked (InlineCompleter.prefetch). */
  prefetches: number;
  midWord: number;
  /** Calls right after a letter that broke the suggestion mid-word (offerState.ts): no request. */
  typos: number;
  superseded: number;
  errors: number;
  empty: number;
}
