import type { ProviderId } from '../config';
import type { PromptBudget } from './explainPrompt';
import { estimateTokens } from '../llm/estimate';

/** What a server told of its token limits (TGI `/info`), once known. */
export interface ServerTokenLimits {
  maxInputTokens?: number;
  maxTotalTokens?: number;
}

/** Room kept for the chat template's own tokens around our messages. */
const TEMPLATE_MARGIN = 64;

/**
 * Prompt budgets per provider. OpenAI chat models take far more, but every
 * input token is paid for; private endpoints often serve 4k–8k windows (TGI's
 * default max_input_tokens is 4095), shared with the answer: once the endpoint's
 * `/info` limits are known, the budget is what they leave after `answerTokens`.
 */
export function promptBudget(provider: ProviderId, limits?: ServerTokenLimits, answerTokens = 0): PromptBudget {
  if (provider === 'openai') return { maxInputTokens: 12000 };
  const caps = [limits?.maxInputTokens, limits?.maxTotalTokens !== undefined ? limits.maxTotalTokens - answerTokens : undefined]
    .filter((n): n is number => n !== undefined)
    .map((n) => n - TEMPLATE_MARGIN);
  if (!caps.length) return { maxInputTokens: 2500 };
  return { maxInputTokens: Math.max(256, Math.min(...caps)) };
}

export const EXPLAIN_MAX_TOKENS = 1200;

/** Room for the whole replacement: a refactor cut at the limit is never applied, so be generous. */
export function refactorMaxTokens(code: string, provider: ProviderId): number {
  const want = estimateTokens(code) * 2 + 256;
  return Math.min(Math.max(want, 512), provider === 'openai' ? 8192 : 1500);
}
