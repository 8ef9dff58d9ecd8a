import assert from 'node:assert/strict';
import { validateRefactorAnswer } from '../../../src/core/prompts/validate';

const ctx = { languageId: 'python', original: 'def f(a):\n    return a+1' };
const good = '```python\ndef f(a: int) -> int:\n    return a + 1\n```';

describe('validateRefactorAnswer', () => {
  it('accepts a complete fenced answer', () => {
    const r = validateRefactorAnswer({ text: good, finishReason: 'stop' }, ctx);
    assert.deepEqual(r, { ok: true, code: 'def f(a: int) -> int:\n    return a + 1', how: 'fence', unchanged: false });
  });
  it('never applies a stream cut before the done chunk', () => {
    const r = validateRefactorAnswer({ text: good, finishReason: undefined }, ctx);
    assert.equal(r.ok, false);
    assert.ok(!r.ok && /connection cut/.test(r.reason));
  });
  it('never applies an answer stopped by the token limit', () => {
    const r = validateRefactorAnswer({ text: good, finishReason: 'length' }, ctx);
    assert.ok(!r.ok && /token limit/.test(r.reason));
  });
  it('refuses a cancelled, empty or code-less answer with a reason', () => {
    assert.ok(!validateRefactorAnswer({ text: good, finishReason: 'cancelled' }, ctx).ok);
    const empty = validateRefactorAnswer({ text: '  ', finishReason: 'stop' }, ctx);
    assert.ok(!empty.ok && /empty/.test(empty.reason));
    assert.ok(!validateRefactorAnswer({ text: '```python\n```', finishReason: 'stop' }, ctx).ok);
  });
  it('refuses an unclosed fence unless the model reported a normal stop', () => {
    const open = '```python\ndef f(a: int) -> int:\n    return a + 1';
    assert.ok(validateRefactorAnswer({ text: open, finishReason: 'stop' }, ctx).ok);
    assert.ok(!validateRefactorAnswer({ text: open, finishReason: 'unknown' }, ctx).ok);
  });
  it('refuses an answer that elides code', () => {
    const r = validateRefactorAnswer({ text: '```python\ndef f(a):\n    # ... rest unchanged\n```', finishReason: 'stop' }, ctx);
    assert.ok(!r.ok && /left parts out/.test(r.reason));
    const orig = { languageId: 'python', original: 'def g(): ...' };
    assert.ok(validateRefactorAnswer({ text: '```python\ndef g() -> None:\n    ...\n```', finishReason: 'stop' }, orig).ok);
  });
  it('flags an unchanged answer', () => {
    const r = validateRefactorAnswer({ text: '```python\ndef f(a):\n    return a+1\n```', finishReason: 'stop' }, ctx);
    assert.ok(r.ok && r.unchanged);
  });
});

describe('elision detection', () => {
  const js = { languageId: 'javascript', original: 'function f() {\n  a();\n  b();\n}' };
  for (const line of ['// ...', '/* ... */', '// ... rest unchanged', '# … (existing code)', '// rest of the code remains unchanged', '... remaining cases']) {
    it(`refuses "${line}"`, () => {
      assert.ok(!validateRefactorAnswer({ text: '```js\nfunction f() {\n  ' + line + '\n}\n```', finishReason: 'stop' }, js).ok);
    });
  }
  it('accepts spread syntax and ordinary comments', () => {
    assert.ok(validateRefactorAnswer({ text: '```js\nfunction f(...args) {\n  // call a then b\n  return [...args];\n}\n```', finishReason: 'stop' }, js).ok);
  });
});
