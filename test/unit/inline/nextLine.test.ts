import assert from 'node:assert/strict';
import { InlineCompleter } from '../../../src/core/inline/completer';
import { linesOf } from '../../../src/core/inline/window';
import { FakeClock, fakeBackend, flush } from './fakes';

/**
 * At the end of a finished line people pause before pressing Enter; the model answers
 * with the next line, which is what to show there (below the cursor) as soon as it has
 * arrived, and the lines after it are kept for typing-through once Enter is pressed.
 */
function at(code: string) {
  const i = code.indexOf('|');
  const text = code.slice(0, i) + code.slice(i + 1);
  const before = code.slice(0, i).split('\n');
  return { documentId: 'file:///a.py', doc: linesOf(text), position: { line: before.length - 1, character: before[before.length - 1].length }, explicit: false };
}

describe('inline completion at the end of a line', () => {
  it('shows the next line of an answer that starts on it at once, reads on to the end of the block, and serves its lines after Enter with no request', async () => {
    const clock = new FakeClock();
    const completer = new InlineCompleter({ debounceMs: () => 150, maxTokens: () => 64, clock });
    const { backend, calls } = fakeBackend();
    const p = completer.complete(at('import os|'), backend);
    await clock.advance(150);
    calls[0].answer(['\nimport sys', '\n\ndef main', '():\n']);
    const r = await p;
    assert.equal(r.kind === 'completion' ? r.text : undefined, '\nimport sys');
    assert.equal(r.kind === 'completion' && r.request?.stoppedEarly, false);
    await flush();
    const after = await completer.complete(at('import os\n|'), backend);
    assert.equal(after.kind === 'completion' ? after.text : undefined, 'import sys\n\ndef main():');
    assert.equal(after.kind === 'completion' && after.source, 'typing');
    const later = await completer.complete(at('import os\nimport sys\n\n|'), backend);
    assert.equal(later.kind === 'completion' ? later.text : undefined, 'def main():');
    assert.equal(calls.length, 1);
  });

  it('at the end of a block\'s last line, where the block answer is empty, shows the next line with code', async () => {
    const clock = new FakeClock();
    const completer = new InlineCompleter({ debounceMs: () => 150, maxTokens: () => 64, clock });
    const { backend, calls } = fakeBackend();
    const p = completer.complete(at('def f():\n    return 1|'), backend);
    await clock.advance(150);
    calls[0].answer(['\n\n\ndef g', '():\n    pass\n']);
    const r = await p;
    assert.equal(r.kind === 'completion' ? r.text : undefined, '\n\n\ndef g():');
    assert.equal(calls.length, 1);
  });
});
