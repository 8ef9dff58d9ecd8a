import assert from 'node:assert/strict';
import { parseChatAnswer } from '../../../src/core/llm/chatAnswer';

describe('OpenAI chat answer parsing for inline completions', () => {
  const prefix = 'function add(a, b) {\n  return ';
  it('takes the inside of a fenced block', () => {
    assert.equal(parseChatAnswer('```ts\na + b;\n```', { prefix }), 'a + b;');
  });
  it('ignores prose around the fence', () => {
    assert.equal(parseChatAnswer('Here is the code:\n```python\nx = 1\n```\nThis sets x.', { prefix: 'y = 0\n' }), 'x = 1');
  });
  it('keeps a fence that was cut off by the token limit', () => {
    assert.equal(parseChatAnswer('```js\nfoo(1,\n  2', { prefix: '' }), 'foo(1,\n  2');
  });
  it('drops an echoed cursor line', () => {
    assert.equal(parseChatAnswer('  return a + b;', { prefix }), 'a + b;');
  });
  it('drops an echoed cursor line that lost its indentation', () => {
    assert.equal(parseChatAnswer('return a + b;', { prefix }), 'a + b;');
  });
  it('drops several echoed lines inside a fence', () => {
    assert.equal(parseChatAnswer('```js\nfunction add(a, b) {\n  return a + b;\n```', { prefix }), 'a + b;');
  });
  it('removes cursor markers copied from the prompt', () => {
    assert.equal(parseChatAnswer('a + b;<CURSOR>', { prefix, markers: ['<CURSOR>'] }), 'a + b;');
  });
  it('leaves a plain answer alone', () => {
    assert.equal(parseChatAnswer('a + b;', { prefix }), 'a + b;');
  });
});
