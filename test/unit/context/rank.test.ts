import assert from 'node:assert/strict';
import { CONTEXT_SHARE, MAX_CONTEXT_TOKENS, splitPromptBudget } from '../../../src/core/context/contextBudget';
import { contextFileCount, renderedCost, selectContext } from '../../../src/core/context/rank';
import { RecentChunks, sameLanguage } from '../../../src/core/context/recent';
import type { ContextCandidate } from '../../../src/core/context/snippet';
import { promptTokenBudget } from '../../../src/core/inline/windowBudget';

const cand = (over: Partial<ContextCandidate> & Pick<ContextCandidate, 'path' | 'text' | 'source'>): ContextCandidate => ({ startLine: 0, at: 0, ...over });
const EMPTY = { prefix: '', suffix: '' };

describe('context ranking and dedup', () => {
  it('puts definitions before edits, imports, visits and open editors when the budget is short', () => {
    const text = (n: string) => `export function ${n}() {\n  return ${n.length};\n}`;
    const all = [
      cand({ path: 'open.ts', text: text('openOne'), source: 'openEditor', similarity: 1 }),
      cand({ path: 'visit.ts', text: text('visited'), source: 'visit', at: 5 }),
      cand({ path: 'imp.ts', text: text('imported'), source: 'import' }),
      cand({ path: 'edit.ts', text: text('edited'), source: 'edit', at: 9 }),
      cand({ path: 'def.ts', text: text('defined'), source: 'definition' }),
    ];
    const two = renderedCost('def.ts', text('defined')) + renderedCost('edit.ts', text('edited'));
    const sel = selectContext(all, { budgetChars: two, window: EMPTY });
    assert.deepEqual(sel.used.map((c) => c.source), ['definition', 'edit']);
    const every = selectContext(all, { budgetChars: 10_000, window: EMPTY });
    assert.equal(every.snippets.length, 5);
  });

  it('drops a candidate the file window already shows', () => {
    const def = 'function add(a, b) {\n  return a + b;\n}';
    const sel = selectContext([cand({ path: 'a.ts', text: def, source: 'definition' })], { budgetChars: 10_000, window: { prefix: `// top\n${def}\n\nadd(`, suffix: ')\n' } });
    assert.deepEqual(sel.snippets, []);
  });

  it('keeps one of two near-duplicate candidates (the better ranked), whatever their indentation', () => {
    const a = 'class Cart {\n  total(): number {\n    return this.items.length;\n  }\n}';
    const b = a.split('\n').map((l) => `    ${l}`).join('\n');
    const sel = selectContext([cand({ path: 'v.ts', text: b, source: 'visit' }), cand({ path: 'd.ts', text: a, source: 'definition' })], { budgetChars: 10_000, window: EMPTY });
    assert.deepEqual(sel.snippets.map((s) => s.path), ['d.ts']);
  });

  it('never exceeds the budget, and skips a candidate too big for what is left', () => {
    const big = cand({ path: 'big.ts', text: Array.from({ length: 40 }, (_, i) => `const v${i} = ${i};`).join('\n'), source: 'definition' });
    const small = cand({ path: 's.ts', text: 'export const ONE = 1;', source: 'edit' });
    const budget = renderedCost(small.path, small.text) + 10;
    const sel = selectContext([big, small], { budgetChars: budget, window: EMPTY, maxSnippetChars: 10_000 });
    assert.deepEqual(sel.snippets.map((s) => s.path), ['s.ts']);
    assert.ok(sel.used.reduce((n, c) => n + renderedCost(c.path, c.text), 0) <= budget);
    assert.deepEqual(selectContext([big], { budgetChars: 0, window: EMPTY }).snippets, []);
  });

  it('orders the prompt for the server cache: stable sources first, oldest first, the newest edit last', () => {
    const sel = selectContext([
      cand({ path: 'e2.ts', text: 'newest edit', source: 'edit', at: 30 }),
      cand({ path: 'e1.ts', text: 'older edit', source: 'edit', at: 10 }),
      cand({ path: 'v.ts', text: 'a visit', source: 'visit', at: 20 }),
      cand({ path: 'b.ts', text: 'def b', source: 'definition' }),
      cand({ path: 'a.ts', text: 'def a', source: 'definition' }),
    ], { budgetChars: 10_000, window: EMPTY });
    assert.deepEqual(sel.snippets.map((s) => s.path), ['a.ts', 'b.ts', 'v.ts', 'e1.ts', 'e2.ts']);
    assert.equal(contextFileCount([...sel.snippets, { path: 'a.ts', text: 'again' }]), 5);
  });

  it('cuts a long candidate at a line end', () => {
    const text = Array.from({ length: 100 }, (_, i) => `line ${i}`).join('\n');
    const [s] = selectContext([cand({ path: 'l.ts', text, source: 'definition' })], { budgetChars: 10_000, window: EMPTY, maxSnippetChars: 50 }).snippets;
    assert.ok(s.text.length <= 50 && text.startsWith(s.text) && !s.text.endsWith('\n'));
    assert.equal(s.text.split('\n').pop(), 'line 6');
  });
});

describe('recent edits and visits ring buffer', () => {
  it('is newest first, bounded, and replaces a near-duplicate chunk', () => {
    const r = new RecentChunks(3);
    const add = (key: string, startLine: number, text: string, at: number) => r.add({ path: key, key, text, startLine, kind: 'edit', at });
    add('a', 10, 'let x = 1;\nlet y = 2;', 1);
    add('a', 11, 'let x = 1;\nlet y = 2;\nlet z = 3;', 2); // same file, overlapping lines: replaces
    assert.deepEqual(r.list().map((c) => c.at), [2]);
    add('b', 0, 'let x = 1;\nlet y = 2;\nlet z = 3;', 3); // elsewhere but the same lines: replaces
    assert.deepEqual(r.list().map((c) => c.key), ['b']);
    add('c', 0, 'one()', 4);
    add('d', 0, 'two()', 5);
    add('e', 0, 'three()', 6);
    assert.deepEqual(r.list().map((c) => c.key), ['e', 'd', 'c']);
    add('f', 0, '   \n', 7);
    assert.equal(r.list().length, 3, 'blank chunks are not kept');
    r.forget('d');
    assert.deepEqual(r.list().map((c) => c.key), ['e', 'c']);
  });
});

describe('prompt budget split between the window and context', () => {
  it('adds up to the budget, so context never pushes a prompt over the endpoint limit', () => {
    for (const limits of [{ maxInputTokens: 1024, maxTotalTokens: 2048 }, { maxInputTokens: 8000 }, { maxTotalTokens: 700 }, undefined]) {
      const total = promptTokenBudget('huggingface', 'bigcode/starcoder2-15b', 128, limits);
      const split = splitPromptBudget(total, true);
      assert.equal(split.windowTokens + split.contextTokens, total, JSON.stringify(limits));
      assert.ok(split.contextTokens <= MAX_CONTEXT_TOKENS);
    }
  });

  it('gives context its share, nothing when off, and nothing from a tiny budget', () => {
    assert.deepEqual(splitPromptBudget(2000, true), { windowTokens: 2000 - Math.floor(2000 * CONTEXT_SHARE), contextTokens: Math.floor(2000 * CONTEXT_SHARE) });
    assert.deepEqual(splitPromptBudget(2000, false), { windowTokens: 2000, contextTokens: 0 });
    assert.deepEqual(splitPromptBudget(100, true), { windowTokens: 100, contextTokens: 0 });
    assert.equal(splitPromptBudget(4032, true).contextTokens, MAX_CONTEXT_TOKENS);
  });
});

describe('recent chunks by language', () => {
  it('TypeScript and JavaScript read each other, other languages only themselves', () => {
    assert.ok(sameLanguage('typescript', 'javascriptreact'));
    assert.ok(sameLanguage('python', 'python'));
    assert.ok(!sameLanguage('python', 'go'));
    assert.ok(sameLanguage(undefined, 'go'), 'unknown language: kept');
  });
});
