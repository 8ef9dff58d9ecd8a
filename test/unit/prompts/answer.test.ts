import assert from 'node:assert/strict';
import { extractCode } from '../../../src/core/prompts/answer';
import { findFencedBlocks } from '../../../src/core/prompts/fences';

const ctx = { languageId: 'typescript', original: 'function f(a) { return a + 1; }' };

describe('fenced blocks', () => {
  it('finds blocks with and without a language, ``` and ~~~, longer fences holding shorter ones', () => {
    const b = findFencedBlocks('x\n```ts\na\n```\n~~~\nb\n~~~\n````md\n```\nc\n```\n````\n');
    assert.deepEqual(b.map((x) => [x.lang, x.code, x.closed]), [['ts', 'a', true], ['', 'b', true], ['md', '```\nc\n```', true]]);
  });
  it('reports an unclosed block', () => {
    const b = findFencedBlocks('```python\ndef f():\n    return');
    assert.equal(b.length, 1);
    assert.equal(b[0].closed, false);
  });
  it('handles CRLF answers', () => {
    assert.equal(findFencedBlocks('```js\r\nx\r\n```\r\n')[0].code, 'x');
  });
});

describe('extractCode', () => {
  it('takes a fenced block with prose before and after', () => {
    const r = extractCode('Here you go:\n\n```typescript\nconst f = (a: number) => a + 1;\n```\n\nThis uses an arrow function.', ctx);
    assert.deepEqual(r, { code: 'const f = (a: number) => a + 1;', unclosedFence: false, how: 'fence' });
  });
  it('takes a block without a language', () => {
    assert.equal(extractCode('```\nconst x = 1;\n```', ctx)?.code, 'const x = 1;');
  });
  it('skips a block repeating the original and a shell block, keeps the replacement', () => {
    const answer = 'Before:\n```ts\nfunction f(a) { return a + 1; }\n```\nAfter:\n```ts\nconst f = (a: number): number => a + 1;\n```\nRun:\n```bash\nnpm test\n```';
    assert.equal(extractCode(answer, ctx)?.code, 'const f = (a: number): number => a + 1;');
  });
  it('prefers the longest block in the language over a short usage example', () => {
    const answer = '```ts\nexport function f(a: number): number {\n  return a + 1;\n}\n```\nUsage:\n```ts\nf(1);\n```';
    assert.equal(extractCode(answer, ctx)?.code, 'export function f(a: number): number {\n  return a + 1;\n}');
  });
  it('takes a bare answer without a fence, dropping a lead-in sentence', () => {
    assert.equal(extractCode("Here's the refactored code:\n\nconst f = (a: number) => a + 1;\n", ctx)?.code, 'const f = (a: number) => a + 1;');
    assert.equal(extractCode('const f = 1;', ctx)?.how, 'bare');
  });
  it('cuts a whole-file answer back to the selection', () => {
    const before = "import x from 'y';\n\n";
    const after = '\n\nexport const z = 2;\n';
    const answer = "```ts\nimport x from 'y';\n\nconst f = (a: number) => a + 1;\n\nexport const z = 2;\n```";
    const r = extractCode(answer, { ...ctx, before, after });
    assert.equal(r?.code, 'const f = (a: number) => a + 1;');
    assert.equal(r?.how, 'wholeFile');
  });
  it('keeps a whole-file answer when the selection was the whole file', () => {
    const r = extractCode('```ts\nimport a from "a";\nexport const b = a;\n```', { ...ctx, original: 'import a from "a";\nexport const b = a', before: '', after: '' });
    assert.equal(r?.code, 'import a from "a";\nexport const b = a;');
  });
  it('returns undefined for an answer with no code', () => {
    assert.equal(extractCode('   \n', ctx), undefined);
    assert.equal(extractCode('```ts\n\n```', ctx), undefined);
  });
});
