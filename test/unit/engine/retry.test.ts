import assert from 'node:assert/strict';
import { CircuitBreaker } from '../../../src/core/engine/circuit';
import { ProviderError } from '../../../src/core/llm/errors';
import { OpenAIProvider } from '../../../src/core/llm/openaiProvider';
import { retryDelay, streamWithRetry } from '../../../src/core/engine/retry';
import type { HealthSnapshot } from '../../../src/core/llm/types';
import { startOpenAIEmulator } from '../../servers/openai';
import type { Emulator } from '../../servers/common';
import { collect } from '../llm/helpers';

const policy = { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 200, jitter: 0.3 };
const err = (kind: ProviderError['kind'], extra: Partial<{ retryAfterMs: number; until: number }> = {}) => new ProviderError({ kind, provider: 'openai', message: kind, ...extra });

describe('retry policy', () => {
  it('chat retries rate limits, server errors and connection errors; never user errors; inline never', () => {
    for (const k of ['rateLimited', 'unavailable', 'network'] as const) assert.notEqual(retryDelay('explain', err(k), 1, policy), undefined);
    for (const k of ['auth', 'badRequest', 'notFound', 'cancelled', 'refused', 'timeout'] as const) assert.equal(retryDelay('explain', err(k), 1, policy), undefined);
    assert.equal(retryDelay('inline', err('rateLimited'), 1, policy), undefined);
    assert.equal(retryDelay('explain', err('unavailable'), 3, policy), undefined, 'capped tries');
  });
  it('honours retry-after up to the cap, and gives up beyond it', () => {
    assert.equal(retryDelay('refactor', err('rateLimited', { retryAfterMs: 150 }), 1, policy), 150);
    assert.equal(retryDelay('refactor', err('rateLimited', { retryAfterMs: 5000 }), 1, policy), undefined);
  });
  it('backs off exponentially with jitter', () => {
    assert.equal(retryDelay('explain', err('unavailable'), 1, policy, () => 0.5), 5);
    assert.equal(retryDelay('explain', err('unavailable'), 2, policy, () => 0.5), 10);
    assert.equal(retryDelay('explain', err('unavailable'), 2, policy, () => 0), 7);
  });

  describe('against the emulator', () => {
    let emu: Emulator;
    let provider: OpenAIProvider;
    beforeEach(async () => {
      emu = await startOpenAIEmulator();
      provider = new OpenAIProvider({ baseUrl: `${emu.url}/v1`, timeouts: { firstByteChatMs: 300, firstByteInlineMs: 300, gapMs: 300 } });
    });
    afterEach(() => emu.close());
    const chat = { feature: 'explain' as const, model: 'm', messages: [{ role: 'user' as const, content: 'x' }] };

    it('chat: two 429s with retry-after-ms, then the answer', async () => {
      emu.setFault({ kind: 'status', status: 429, retryAfterMs: 20 }, 2);
      emu.setReply({ text: 'ok now' });
      const failures: number[] = [];
      const ac = new AbortController();
      const out = await collect(streamWithRetry('explain', () => provider.streamChat(chat, ac.signal), policy, ac.signal, { onAttemptFailed: (_e, n) => failures.push(n) }));
      assert.equal(out.text, 'ok now');
      assert.deepEqual(failures, [1, 2]);
      assert.equal(emu.requests.length, 3);
    });

    it('inline: a 429 fails at once', async () => {
      emu.setFault({ kind: 'status', status: 429, retryAfterMs: 20 }, 1);
      const ac = new AbortController();
      const fim = { feature: 'inline' as const, model: 'm', prefix: 'a', suffix: '', maxTokens: 8 };
      const out = await collect(streamWithRetry('inline', () => provider.streamFim(fim, ac.signal), policy, ac.signal));
      assert.equal(out.error?.kind, 'rateLimited');
      assert.equal(emu.requests.length, 1);
    });

    it('an abort during the backoff wait ends it at once as cancelled', async () => {
      emu.setFault({ kind: 'status', status: 503 });
      const ac = new AbortController();
      const slow = { ...policy, baseDelayMs: 60_000, maxDelayMs: 60_000 };
      const p = collect(streamWithRetry('explain', () => provider.streamChat(chat, ac.signal), slow, ac.signal, { onAttemptFailed: () => setTimeout(() => ac.abort(), 10) }));
      const out = await p;
      assert.equal(out.error?.kind, 'cancelled');
      assert.equal(emu.requests.length, 1);
    });

    it('a 401 is not retried', async () => {
      emu.setFault({ kind: 'status', status: 401 });
      const ac = new AbortController();
      const out = await collect(streamWithRetry('explain', () => provider.streamChat(chat, ac.signal), policy, ac.signal));
      assert.equal(out.error?.kind, 'auth');
      assert.equal(emu.requests.length, 1);
    });
  });
});

describe('circuit breaker', () => {
  it('opens after N infrastructure failures, half-opens after the cool-down, closes on success', () => {
    let now = 1000;
    const b = new CircuitBreaker({ failureThreshold: 2, coolDownMs: 100, now: () => now });
    const seen: HealthSnapshot['state'][] = [];
    b.onDidChange((s) => seen.push(s.state));
    b.recordFailure(err('auth'));
    b.recordFailure(err('badRequest'));
    assert.equal(b.snapshot().consecutiveFailures, 0, 'user errors do not count');
    b.recordFailure(err('unavailable'));
    assert.ok(b.tryAcquire());
    b.recordFailure(err('network'));
    assert.equal(b.snapshot().state, 'open');
    assert.equal(b.snapshot().openUntil, 1100);
    assert.equal(b.tryAcquire(), false);
    now = 1100;
    assert.equal(b.snapshot().state, 'halfOpen');
    assert.equal(b.tryAcquire(), true, 'one probe');
    assert.equal(b.tryAcquire(), false, 'only one');
    b.recordFailure(err('timeout'));
    assert.equal(b.snapshot().state, 'open', 'a failed probe reopens');
    now = 1200;
    assert.ok(b.tryAcquire());
    b.recordSuccess();
    assert.equal(b.snapshot().state, 'closed');
    assert.ok(seen.includes('open') && seen.at(-1) === 'closed');
  });
  it('remembers a rate limit until its time and keeps the circuit open at least that long', () => {
    const now = 0;
    const b = new CircuitBreaker({ failureThreshold: 1, coolDownMs: 10, now: () => now });
    b.recordFailure(err('rateLimited', { retryAfterMs: 500, until: 500 }));
    assert.deepEqual({ state: b.snapshot().state, openUntil: b.snapshot().openUntil, rl: b.snapshot().rateLimitedUntil }, { state: 'open', openUntil: 500, rl: 500 });
  });
});
