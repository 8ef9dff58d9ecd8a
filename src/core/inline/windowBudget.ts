import type { ProviderId } from '../config';
import type { WindowBudget } from './window';

/**
 * How much code around the cursor goes into a completion prompt.
 *
 * A bigger window is not free: it costs tokens on OpenAI and prefill latency on a
 * private GPU, and a TGI server rejects (422) a prompt over `max_input_tokens`. So the
 * budget is the smaller of what the server allows and what keeps completions fast.
 */
export interface ServerLimits {
  /** TGI `/info` `max_input_tokens`. */
  maxInputTokens?: number;
  /** TGI `/info` `max_total_tokens` (input + generated). */
  maxTotalTokens?: number;
}

/**
 * Characters per token, on the low side for code: underestimating the window is
 * harmless, overestimating it gets a 422 from TGI.
 */
export const CHARS_PER_TOKEN = 3;
/** Room for the FIM markers, the file path line and tokenizer disagreement. */
const SAFETY_TOKENS = 64;
/** Above this, prefill latency grows and completions rarely get better. */
const MAX_PROMPT_TOKENS = 4096;
/** When the private endpoint tells us nothing (vLLM, llama.cpp, Ollama): TGI's smallest common default. */
const UNKNOWN_SERVER_TOKENS = 1536;

/** Prompt tokens for OpenAI inline completions, per model family: cheap models get a generous window. */
const OPENAI_PROMPT_TOKENS: readonly [RegExp, number][] = [
  [/nano|mini/i, 3072],
  [/gpt-4o|gpt-4\.1|gpt-5/i, 2048],
];
const OPENAI_DEFAULT_TOKENS = 2048;

export function promptTokenBudget(provider: ProviderId, model: string, maxTokens: number, limits?: ServerLimits): number {
  if (provider === 'openai') {
    for (const [pattern, tokens] of OPENAI_PROMPT_TOKENS) if (pattern.test(model)) return tokens;
    return OPENAI_DEFAULT_TOKENS;
  }
  let allowed = UNKNOWN_SERVER_TOKENS;
  if (limits?.maxInputTokens !== undefined || limits?.maxTotalTokens !== undefined) {
    const byInput = limits.maxInputTokens ?? Number.POSITIVE_INFINITY;
    const byTotal = limits.maxTotalTokens !== undefined ? limits.maxTotalTokens - maxTokens : Number.POSITIVE_INFINITY;
    allowed = Math.min(byInput, byTotal);
  }
  return Math.max(0, Math.min(MAX_PROMPT_TOKENS, allowed - SAFETY_TOKENS));
}

/** Three quarters before the cursor (what is being written), one quarter after (what it must fit). */
export function windowBudget(promptTokens: number, charsPerToken = CHARS_PER_TOKEN): WindowBudget {
  const chars = Math.floor(promptTokens * charsPerToken);
  const prefixChars = Math.floor(chars * 0.75);
  return { prefixChars, suffixChars: chars - prefixChars };
}
