import assert from 'node:assert/strict';
import { promptBudget, refactorMaxTokens } from '../../../src/core/prompts/promptBudget';

describe('prompt budgets', () => {
  it('gives OpenAI a generous fixed budget, whatever a private server says', () => {
    assert.equal(promptBudget('openai', { maxInputTokens: 1000, maxTotalTokens: 2000 }, 1200).maxInputTokens, 12000);
  });

  it('keeps a cautious default for a private endpoint whose limits are not known yet', () => {
    assert.equal(promptBudget('huggingface').maxInputTokens, 2500);
  });

  it('fits the /info limits of a private endpoint, leaving room for the answer', () => {
    // TGI defaults: max_input_tokens 4095, max_total_tokens 4096: the answer's share decides.
    assert.equal(promptBudget('huggingface', { maxInputTokens: 4095, maxTotalTokens: 4096 }, 1200).maxInputTokens, 4096 - 1200 - 64);
    // A big window: max_input_tokens decides.
    assert.equal(promptBudget('huggingface', { maxInputTokens: 30000, maxTotalTokens: 32768 }, 1200).maxInputTokens, 30000 - 64);
    // Never below a usable floor.
    assert.equal(promptBudget('huggingface', { maxTotalTokens: 1024 }, 1500).maxInputTokens, 256);
  });

  it('gives a refactor room for the whole replacement, capped per provider', () => {
    assert.equal(refactorMaxTokens('x', 'openai'), 512);
    assert.equal(refactorMaxTokens('x'.repeat(40000), 'huggingface'), 1500);
  });
});
