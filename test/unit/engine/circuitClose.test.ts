import assert from 'node:assert/strict';
import { CircuitBreaker, HealthRegistry } from '../../../src/core/engine/circuit';
import type { CloseCause } from '../../../src/core/engine/circuit';
import { ProviderError } from '../../../src/core/llm/errors';
import type { ProviderId } from '../../../src/core/config';

const err = (kind: ProviderError['kind'], extra: Partial<{ until: number }> = {}) => new ProviderError({ kind, provider: 'huggingface', message: `${kind} failure`, ...extra });

describe('closing a circuit by hand', () => {
  it('lets the next request through at once after three failures, without waiting out the pause', () => {
    const now = 1000;
    const b = new CircuitBreaker({ failureThreshold: 3, coolDownMs: 30_000, now: () => now });
    for (let i = 0; i < 3; i++) b.recordFailure(err('network'));
    assert.equal(b.tryAcquire(), false, 'open: refused until the pause ends');
    assert.equal(b.closeNow(), true, 'it was holding requests back');
    assert.deepEqual(b.snapshot(), { state: 'closed', consecutiveFailures: 0 });
    assert.equal(b.tryAcquire(), true);
  });

  it('drops a rate-limit hint too (a new 429 sets it again) and reports nothing held when healthy', () => {
    const b = new CircuitBreaker({ failureThreshold: 3, coolDownMs: 10, now: () => 0 });
    assert.equal(b.closeNow(), false);
    b.recordFailure(err('rateLimited', { until: 60_000 }));
    assert.equal(b.snapshot().rateLimitedUntil, 60_000);
    assert.equal(b.closeNow(), true);
    assert.equal(b.snapshot().rateLimitedUntil, undefined);
  });

  it('tells the registry listeners which provider closed and why, only when something was held', () => {
    const reg = new HealthRegistry({ failureThreshold: 1, coolDownMs: 30_000, now: () => 0 });
    const closed: [ProviderId, CloseCause][] = [];
    const states: string[] = [];
    reg.onDidClose((p, c) => closed.push([p, c]));
    reg.onDidChange((p, s) => states.push(`${p}:${s.state}`));
    assert.equal(reg.closeCircuit('openai', 'retry'), false);
    reg.breaker('huggingface').recordFailure(err('unavailable'));
    assert.equal(reg.snapshot().huggingface.state, 'open');
    assert.equal(reg.closeCircuit('huggingface', 'verified'), true);
    assert.equal(reg.snapshot().huggingface.state, 'closed');
    assert.deepEqual(closed, [['huggingface', 'verified']]);
    assert.deepEqual(states, ['huggingface:open', 'huggingface:closed'], 'the status bar hears the close');
  });
});
