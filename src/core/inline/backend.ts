import type { ProviderId, TandemConfig } from '../config';
import type { Chunk, FimRequest } from '../llm/types';
import type { ServerLimits } from './windowBudget';
import { promptTokenBudget } from './windowBudget';
import type { InlineBackend } from './completerTypes';
import type { TokenSet } from './postprocess';

export interface BackendParts {
  providerId: ProviderId;
  model: string;
  config: TandemConfig;
  /** The private model's FIM template tokens (ignored for OpenAI). */
  tokens?: TokenSet;
  /** The private endpoint's `/info` limits, when known. */
  limits?: ServerLimits;
  stream(req: FimRequest, signal: AbortSignal, requestId: string): AsyncIterable<Chunk>;
}

/**
 * The completer's backend for the routed provider: window budget from the model and
 * the server limits, template tokens for the private model. The answer is used as the
 * provider returns it: the OpenAI provider already turns a chat answer into the
 * insertion (llm/inlinePrompt.ts), so `chat` stays false here.
 */
export function inlineBackend(parts: BackendParts): InlineBackend {
  const hf = parts.providerId === 'huggingface';
  return {
    providerId: parts.providerId,
    model: parts.model,
    chat: false,
    promptTokens: promptTokenBudget(parts.providerId, parts.model, parts.config.inline.maxTokens, hf ? parts.limits : undefined),
    ...(hf && parts.tokens ? { tokens: parts.tokens } : {}),
    stream: parts.stream,
  };
}
