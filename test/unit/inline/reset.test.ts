import assert from 'node:assert/strict';
import { InlineCompleter } from '../../../src/core/inline/completer';
import { linesOf } from '../../../src/core/inline/window';
import { FakeClock, fakeBackend } from './fakes';

function input(code: string) {
  const i = code.indexOf('|');
  const text = code.slice(0, i) + code.slice(i + 1);
  const before = code.slice(0, i).split('\n');
  return { documentId: 'file:///a.ts', doc: linesOf(text), position: { line: before.length - 1, character: before[before.length - 1].length }, explicit: true };
}

describe('inline completer reset (a settings or key change)', () => {
  it('drops cached and typed-through suggestions: the same place asks the server again', async () => {
    const clock = new FakeClock();
    const completer = new InlineCompleter({ debounceMs: () => 0, maxTokens: () => 64, clock });
    const { backend, calls } = fakeBackend({ auto: () => 'items.length;' });
    await completer.complete(input('const total = |'), backend);
    const cached = await completer.complete(input('const total = |'), backend);
    assert.equal(cached.kind === 'completion' && cached.source, 'cache');
    assert.equal(calls.length, 1);

    completer.reset();
    const fresh = await completer.complete(input('const total = |'), backend);
    assert.equal(fresh.kind === 'completion' && fresh.source, 'network');
    assert.equal(calls.length, 2);

    completer.reset();
    const typed = await completer.complete(input('const total = ite|'), backend);
    assert.equal(typed.kind === 'completion' && typed.source, 'network', 'no typing-through from before the change');
    assert.equal(calls.length, 3);
  });
});
