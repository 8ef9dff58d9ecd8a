import assert from 'node:assert/strict';
import { InlineCompleter } from '../../../src/core/inline/completer';
import { linesOf } from '../../../src/core/inline/window';
import { FakeClock, fakeBackend } from './fakes';

/**
 * At the end of a finished line people pause before pressing Enter; the model answers
 * with the next line, which is what to show there (below the cursor), read only as far
 * as that line, and typed through once Enter is pressed.
 */
function at(code: string) {
  const i = code.indexOf('|');
  const text = code.slice(0, i) + code.slice(i + 1);
  const before = code.slice(0, i).split('\n');
  return { documentId: 'file:///a.py', doc: linesOf(text), position: { line: before.length - 1, character: before[before.length - 1].length }, explicit: false };
}

describe('inline completion at the end of a line', () => {
  it('shows the next line of an answer that starts on it, stops reading after that line, and serves it after Enter with no request', async () => {
    const clock = new FakeClock();
    const completer = new InlineCompleter({ debounceMs: () => 150, maxTokens: () => 64, clock });
    const { backend, calls } = fakeBackend();
    const p = completer.complete(at('import os|'), backend);
    await clock.advance(150);
    calls[0].answer(['\nimport sys', '\n\ndef main', '():\n']);
    const r = await p;
    assert.equal(r.kind === 'completion' ? r.text : undefined, '\nimport sys');
    assert.equal(r.kind === 'completion' && r.request?.stoppedEarly, true);
    const after = await completer.complete(at('import os\n|'), backend);
    assert.equal(after.kind === 'completion' ? after.text : undefined, 'import sys');
    assert.equal(after.kind === 'completion' && after.source, 'typing');
    assert.equal(calls.length, 1);
  });
});
