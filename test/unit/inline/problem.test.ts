import assert from 'node:assert/strict';
import { InlineTimeoutError } from '../../../src/core/inline/completer';
import { inlineProblem } from '../../../src/core/inline/problem';

describe('inline status problems', () => {
  it('names the retry time of a rate limit', () => {
    const until = new Date(2026, 0, 1, 14, 5).getTime();
    assert.equal(inlineProblem({ kind: 'rateLimited', until }, 'openai')?.summary, 'rate-limited until 14:05');
  });
  it('says what to do about a rejected key, per provider', () => {
    assert.match(inlineProblem({ kind: 'auth' }, 'openai')?.fix ?? '', /Set OpenAI API Key/);
    assert.match(inlineProblem({ kind: 'auth' }, 'huggingface')?.fix ?? '', /Set Hugging Face Token/);
  });
  it('reports an endpoint that is down and a timeout, but not our own abort', () => {
    assert.equal(inlineProblem({ kind: 'unavailable' }, 'huggingface')?.summary, 'endpoint down');
    assert.equal(inlineProblem(new InlineTimeoutError(5000), 'huggingface')?.summary, 'completions time out');
    assert.equal(inlineProblem({ kind: 'cancelled' }, 'openai'), undefined);
  });
});
