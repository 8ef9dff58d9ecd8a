import assert from 'node:assert/strict';
import { AdaptiveDebounce, isPausePoint, percentile } from '../../../src/core/inline/debounce';
import { InlineCompleter } from '../../../src/core/inline/completer';
import { linesOf } from '../../../src/core/inline/window';
import { FakeClock, fakeBackend, flush } from './fakes';

function input(code: string) {
  const i = code.indexOf('|');
  const text = code.slice(0, i) + code.slice(i + 1);
  const before = code.slice(0, i).split('\n');
  return { documentId: 'file:///a.py', doc: linesOf(text), position: { line: before.length - 1, character: before[before.length - 1].length }, explicit: false };
}

/** Keystrokes `gap` ms apart in `doc`, starting at `t0`. */
function typeAt(d: AdaptiveDebounce, doc: string, gaps: number[], t0 = 0): number {
  let t = t0;
  d.keystroke(doc, t);
  for (const g of gaps) {
    t += g;
    d.keystroke(doc, t);
  }
  return t;
}

describe('adaptive debounce', () => {
  it('knows the points where people pause: a fresh line, after ( . = : { ;', () => {
    for (const p of ['', '    ', 'foo(', 'self.', 'x = ', 'def f(a):', 'if (x) {', 'let y = 2;']) assert.equal(isPausePoint(p), true, JSON.stringify(p));
    for (const p of ['retu', 'x = 1', 'foo(a, b', 'import os', 'arr[..']) assert.equal(isPausePoint(p), false, JSON.stringify(p));
  });

  it('takes the nearest-rank percentile', () => {
    assert.equal(percentile([], 0.9), 0);
    assert.equal(percentile([5, 1, 3, 2, 4, 6, 7, 8, 9, 10], 0.9), 9);
    assert.equal(percentile([42], 0.5), 42);
  });

  it('waits the upper bound until it has seen enough of the typist', () => {
    const d = new AdaptiveDebounce();
    typeAt(d, 'a', [60, 60, 60]);
    assert.equal(d.delay('a', 'retu', 150), 150);
  });

  it('learns a fast typist and waits a little over their usual gap', () => {
    const d = new AdaptiveDebounce();
    typeAt(d, 'a', [50, 60, 55, 70, 65, 60, 58, 62, 66, 80]);
    // p90 of the gaps is 70 ms; 15% over it.
    assert.equal(d.delay('a', 'retu', 150), 81);
  });

  it('never goes above the setting nor below the floor, and fires at once at a pause point', () => {
    const slow = new AdaptiveDebounce();
    typeAt(slow, 'a', Array.from({ length: 12 }, () => 400));
    assert.equal(slow.delay('a', 'retu', 150), 150);
    const fast = new AdaptiveDebounce({ minMs: 40 });
    typeAt(fast, 'a', Array.from({ length: 12 }, () => 10));
    assert.equal(fast.delay('a', 'retu', 150), 40);
    assert.equal(fast.delay('a', 'foo(', 150), 0);
    assert.equal(fast.delay('a', 'retu', 0), 0);
  });

  it('does not learn long pauses as rhythm, and keeps editors apart', () => {
    const d = new AdaptiveDebounce();
    const t = typeAt(d, 'a', [60, 60, 60, 60, 60, 60, 60, 60, 60]);
    d.keystroke('a', t + 5000);
    assert.equal(d.delay('a', 'retu', 150), 69);
    assert.equal(d.delay('b', 'retu', 150), 150);
    d.forget('a');
    assert.equal(d.delay('a', 'retu', 150), 150);
  });

  it('drives the completer: no wait at a pause point, the learned wait elsewhere', async () => {
    const clock = new FakeClock();
    const completer = new InlineCompleter({ debounceMs: () => 150, debounce: new AdaptiveDebounce(), maxTokens: () => 64, clock });
    const { backend, calls } = fakeBackend({ auto: () => 'x' });
    void completer.complete(input('foo(|'), backend);
    await flush();
    assert.equal(calls.length, 1, 'a pause point asks at once');
    // Learn a 50 ms rhythm on keys that are no pause points.
    let code = 'abc';
    for (let i = 0; i < 10; i++) {
      code += 'd';
      void completer.complete(input(`${code}|`), backend);
      await clock.advance(50);
    }
    const before = calls.length;
    void completer.complete(input('abcz|'), backend);
    // 15% over the 50 ms rhythm: 57 ms.
    await clock.advance(56);
    assert.equal(calls.length, before, 'still inside the learned wait');
    await clock.advance(1);
    assert.equal(calls.length, before + 1);
  });
});
