import assert from 'node:assert/strict';
import type { HealthSnapshot } from '../../../src/core/llm/types';
import { problemFromHealth } from '../../../src/core/status/healthProblem';

const now = new Date(2026, 10, 23, 14, 0, 0).getTime();
const healthy: HealthSnapshot = { state: 'closed', consecutiveFailures: 0 };

describe('problemFromHealth', () => {
  it('says nothing for a healthy provider', () => {
    assert.deepEqual(problemFromHealth('openai', healthy, now), {});
  });

  it('shows a rate limit with its local end time, and when to look again', () => {
    const until = now + 5 * 60_000;
    const r = problemFromHealth('openai', { ...healthy, rateLimitedUntil: until }, now);
    assert.equal(r.problem?.summary, 'rate-limited until 14:05');
    assert.equal(r.problem?.kind, 'rateLimited');
    assert.match(r.problem?.fix ?? '', /429.*fallbackToPrivate/);
    assert.equal(r.expires, until);
  });

  it('shows an open circuit until it half-opens', () => {
    const r = problemFromHealth('huggingface', { state: 'open', openUntil: now + 30_000, consecutiveFailures: 3, lastError: { kind: 'unavailable', message: 'The private endpoint answered 503.', time: now } }, now);
    assert.equal(r.problem?.summary, 'unavailable', 'the label says what failed');
    assert.equal(r.problem?.until, now + 30_000);
    assert.match(r.problem?.fix ?? '', /failed 3 times in a row; Tandem pauses it until 14:00.*answered 503/);
    assert.ok(!/fallbackToPrivate/.test(r.problem?.fix ?? ''), 'nothing falls back from private');
  });

  it('ignores an expired rate limit', () => {
    assert.deepEqual(problemFromHealth('openai', { ...healthy, rateLimitedUntil: now - 1 }, now), {});
  });

  it('names the key command after an auth failure', () => {
    const r = problemFromHealth('openai', { ...healthy, lastError: { kind: 'auth', message: 'OpenAI rejected the API key.', time: now } }, now);
    assert.equal(r.problem?.summary, 'key rejected');
    assert.match(r.problem?.fix ?? '', /Set OpenAI API Key/);
  });

  it('calls a refused connection unreachable (not "no endpoint")', () => {
    const r = problemFromHealth('huggingface', { ...healthy, consecutiveFailures: 1, lastError: { kind: 'network', message: 'Cannot reach 127.0.0.1:9.', time: now } }, now);
    assert.equal(r.problem?.summary, 'unreachable');
    assert.equal(r.problem?.kind, 'unreachable');
  });

  it('says paused when the circuit opened without a known cause', () => {
    const r = problemFromHealth('openai', { state: 'open', openUntil: now + 60_000, consecutiveFailures: 3 }, now);
    assert.equal(r.problem?.summary, 'paused until 14:01');
  });

  it('names the key command once when the message already does', () => {
    const message = 'OpenAI rejected the API key (401). Set a valid one with "Tandem: Set OpenAI API Key".';
    const r = problemFromHealth('openai', { ...healthy, lastError: { kind: 'auth', message, time: now } }, now);
    assert.equal(r.problem?.fix, message);
  });
});
