import assert from 'node:assert/strict';
import { promptTokenBudget, windowBudget } from '../../../src/core/inline/windowBudget';
import type { LineSource } from '../../../src/core/inline/window';
import { buildWindow, linesOf } from '../../../src/core/inline/window';

describe('inline context window', () => {
  it('takes whole lines around the cursor within the budget', () => {
    const doc = linesOf(['aaaa', 'bbbb', 'cccc', 'dd|dd', 'eeee', 'ffff', 'gggg'].join('\n').replace('|', ''));
    const w = buildWindow(doc, { line: 3, character: 2 }, { prefixChars: 12, suffixChars: 8 });
    // 'dd' (2) + 'cccc\n' (5) + 'bbbb\n' (5) = 12; 'aaaa' would exceed.
    assert.equal(w.prefix, 'bbbb\ncccc\ndd');
    assert.equal(w.suffix, 'dd\neeee');
    assert.equal(w.linePrefix, 'dd');
    assert.equal(w.lineSuffix, 'dd');
    assert.equal(w.startLine, 1);
    assert.equal(w.endLine, 4);
  });

  it('takes the whole file when it fits', () => {
    const doc = linesOf('one\ntwo\nthree');
    const w = buildWindow(doc, { line: 1, character: 3 }, { prefixChars: 1000, suffixChars: 1000 });
    assert.equal(w.prefix + w.suffix, 'one\ntwo\nthree');
  });

  it('cuts a single over-long line inside the line (minified code)', () => {
    const long = 'x'.repeat(100);
    const w = buildWindow(linesOf(long), { line: 0, character: 50 }, { prefixChars: 10, suffixChars: 5 });
    assert.equal(w.prefix, 'x'.repeat(10));
    assert.equal(w.suffix, 'x'.repeat(5));
  });

  it('reads only the lines it needs from a 50,000-line document', () => {
    const reads = new Set<number>();
    const doc: LineSource = {
      lineCount: 50_000,
      lineText(l) {
        reads.add(l);
        return `const v${l} = ${l};`;
      },
    };
    const w = buildWindow(doc, { line: 25_000, character: 5 }, windowBudget(1000));
    assert.ok(w.prefix.endsWith('const'));
    // The window's lines plus the bounded margin searched for secrets its edges might cut.
    assert.ok(reads.size < 200 + 2 * 128, `read ${reads.size} lines`);
  });
});

describe('inline token budget', () => {
  it('uses the server limits from /info, leaving room for the answer', () => {
    const t = promptTokenBudget('huggingface', 'bigcode/starcoder2-15b', 128, { maxInputTokens: 1024, maxTotalTokens: 1100 });
    assert.ok(t <= 1100 - 128 && t > 800, String(t));
  });
  it('caps a large server limit to keep prefill fast', () => {
    assert.equal(promptTokenBudget('huggingface', 'm', 128, { maxInputTokens: 32_000, maxTotalTokens: 32_768 }), 4096);
  });
  it('has a cautious default for servers without /info and a per-model budget for OpenAI', () => {
    assert.ok(promptTokenBudget('huggingface', 'm', 128) < 2000);
    assert.equal(promptTokenBudget('openai', 'gpt-4.1-nano', 128), 3072);
    assert.equal(promptTokenBudget('openai', 'gpt-4.1', 128), 2048);
  });
  it('splits the characters three to one between prefix and suffix', () => {
    assert.deepEqual(windowBudget(1000, 4), { prefixChars: 3000, suffixChars: 1000 });
  });
});
