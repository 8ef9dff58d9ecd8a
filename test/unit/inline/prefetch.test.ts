import assert from 'node:assert/strict';
import type { CompletionOutcome } from '../../../src/core/inline/completerTypes';
import { InlineCompleter } from '../../../src/core/inline/completer';
import { AdaptiveDebounce } from '../../../src/core/inline/debounce';
import { linesOf } from '../../../src/core/inline/window';
import { FakeClock, fakeBackend, flush } from './fakes';

function input(code: string) {
  const i = code.indexOf('|');
  const text = code.slice(0, i) + code.slice(i + 1);
  const before = code.slice(0, i).split('\n');
  return { documentId: 'file:///a.ts', doc: linesOf(text), position: { line: before.length - 1, character: before[before.length - 1].length }, explicit: false };
}

function text(o: CompletionOutcome): string | undefined {
  return o.kind === 'completion' ? o.text : undefined;
}

function setup() {
  const clock = new FakeClock();
  const completer = new InlineCompleter({ debounceMs: () => 150, debounce: new AdaptiveDebounce(), maxTokens: () => 64, clock });
  return { clock, completer };
}

describe('sending on the edit, before the editor asks', () => {
  it('sends at once at a pause point, and the editor\'s call takes that answer: one request', async () => {
    const { clock, completer } = setup();
    const { backend, calls } = fakeBackend();
    assert.equal(completer.prefetch(input('foo(|'), backend), true);
    await flush();
    assert.equal(calls.length, 1);
    assert.equal(calls[0].req.prefix, 'foo(');
    // The editor's own call for the same state comes later (its delay) and waits for that request.
    await clock.advance(50);
    const call = completer.complete(input('foo(|'), backend);
    calls[0].answer('a, b);');
    const out = await call;
    assert.equal(text(out), 'a, b);');
    assert.equal(out.kind === 'completion' && out.source, 'inflight');
    assert.equal(calls.length, 1);
    assert.equal(completer.stats.prefetches, 1);
  });

  it('sends nothing where the editor\'s call would wait, where memory answers, or where the request in flight may', async () => {
    const { clock, completer } = setup();
    const { backend, calls } = fakeBackend();
    assert.equal(completer.prefetch(input('const tot|'), backend), false, 'no pause point: the debounce decides');
    const first = completer.complete(input('const total = |'), backend);
    await flush();
    assert.equal(calls.length, 1);
    assert.equal(completer.prefetch(input('const total = items.|'), backend), false, 'typed into the request in flight');
    calls[0].answer('items.map((x) => x);');
    assert.equal(text(await first), 'items.map((x) => x);');
    assert.equal(completer.prefetch(input('const total = items.|'), backend), false, 'typing-through serves it');
    assert.equal(completer.prefetch(input('const total = |'), backend), false, 'the cache serves it');
    await clock.advance(1000);
    assert.equal(calls.length, 1);
  });

  it('a newer edit at a pause point replaces a request that no longer fits, and an older waiting call sends nothing', async () => {
    const { clock, completer } = setup();
    const { backend, calls } = fakeBackend();
    const waiting = completer.complete(input('let a|'), backend);
    assert.equal(completer.prefetch(input('let a =|'), backend), true);
    await clock.advance(150);
    const out = await waiting;
    assert.deepEqual(out, { kind: 'none', reason: 'superseded' });
    assert.equal(calls.length, 1);
    assert.equal(completer.prefetch(input('let b = {|'), backend), true);
    await flush();
    assert.equal(calls[0].signal.aborted, true);
    assert.equal(calls.length, 2);
  });
});
