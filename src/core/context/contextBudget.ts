/**
 * How the completion prompt's token budget (inline/windowBudget.ts, already within the
 * endpoint's `/info` limits) is shared between the file window and context from other
 * files. The two parts add up to the budget, so context never pushes a prompt over the
 * server's limit; what context leaves unused is not handed back to the window, because
 * a window that changes size with the context would change the prompt on every keystroke
 * and defeat the server's prompt cache.
 */
export interface PromptSplit {
  windowTokens: number;
  contextTokens: number;
}

/** A third of the prompt is enough for two or three definitions; more mostly adds prefill time. */
export const CONTEXT_SHARE = 0.35;
/** Above this, context costs latency on a private GPU and tokens on OpenAI without helping more. */
export const MAX_CONTEXT_TOKENS = 1200;
/** Below this the window itself is too small to share. */
const MIN_SPLIT_TOKENS = 256;

export function splitPromptBudget(promptTokens: number, contextOn: boolean): PromptSplit {
  const total = Math.max(0, Math.floor(promptTokens));
  if (!contextOn || total < MIN_SPLIT_TOKENS) return { windowTokens: total, contextTokens: 0 };
  const contextTokens = Math.min(MAX_CONTEXT_TOKENS, Math.floor(total * CONTEXT_SHARE));
  return { windowTokens: total - contextTokens, contextTokens };
}
