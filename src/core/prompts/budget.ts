import type { ProviderId } from '../config';
import type { PromptBudget } from './explainPrompt';
import { estimateTokens } from './tokens';

/**
 * Prompt budgets per provider. OpenAI chat models take far more, but every
 * input token is paid for; private endpoints often serve 4k–8k windows (TGI's
 * default max_input_tokens is 4095), shared with the answer.
 */
export function promptBudget(provider: ProviderId): PromptBudget {
  return { maxInputTokens: provider === 'openai' ? 12000 : 2500 };
}

export const EXPLAIN_MAX_TOKENS = 1200;

/** Room for the whole replacement: a refactor cut at the limit is never applied, so be generous. */
export function refactorMaxTokens(code: string, provider: ProviderId): number {
  const want = estimateTokens(code) * 2 + 256;
  return Math.min(Math.max(want, 512), provider === 'openai' ? 8192 : 1500);
}
