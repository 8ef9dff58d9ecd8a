import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../../../src/core/config';
import { LruCache, contextKey, inlineSettingsKey } from '../../../src/core/inline/cache';
import { isMidWord } from '../../../src/core/inline/midword';
import { remainderAfterTyping } from '../../../src/core/inline/typingThrough';

describe('inline LRU cache', () => {
  it('evicts the least recently used entry', () => {
    const c = new LruCache<string>(2);
    c.set('a', '1');
    c.set('b', '2');
    assert.equal(c.get('a'), '1');
    c.set('c', '3');
    assert.equal(c.get('b'), undefined);
    assert.equal(c.get('a'), '1');
    assert.equal(c.get('c'), '3');
    assert.equal(c.size, 2);
  });
  it('keys on the model and the code near the cursor, not the far window start', () => {
    const near = 'x'.repeat(2000);
    assert.equal(contextKey('m', `far-away${near}`, 's'), contextKey('m', `elsewhere${near}`, 's'));
    assert.notEqual(contextKey('m', 'p', 's'), contextKey('m2', 'p', 's'));
    assert.notEqual(contextKey('m', 'p', 's'), contextKey('m', 'p', 't'));
  });
});

describe('typing-through', () => {
  const offer = { documentId: 'doc', prefix: 'const total = ', suffix: '\n}', text: 'items.reduce((a, b) => a + b, 0);' };
  it('serves the rest when the person types the suggestion\'s first characters', () => {
    assert.equal(remainderAfterTyping(offer, 'doc', 'const total = ite', '\n}'), 'ms.reduce((a, b) => a + b, 0);');
  });
  it('works when the window start moved', () => {
    const long = { ...offer, prefix: `line0\n${'y'.repeat(1500)}\nconst total = ` };
    assert.equal(remainderAfterTyping(long, 'doc', `${'y'.repeat(1500)}\nconst total = items`, '\n}'), '.reduce((a, b) => a + b, 0);');
  });
  it('stops when the person types something else', () => {
    assert.equal(remainderAfterTyping(offer, 'doc', 'const total = x', '\n}'), undefined);
  });
  it('stops when the suffix changed, in another document, or once all is typed', () => {
    assert.equal(remainderAfterTyping(offer, 'doc', 'const total = ite', ')\n}'), undefined);
    assert.equal(remainderAfterTyping(offer, 'other', 'const total = ite', '\n}'), undefined);
    assert.equal(remainderAfterTyping(offer, 'doc', `const total = ${offer.text}`, '\n}'), undefined);
    assert.equal(remainderAfterTyping(offer, 'doc', 'const total = ', '\n}'), undefined);
  });
});

describe('mid-word rule', () => {
  it('skips inside or right before a word', () => {
    assert.equal(isMidWord('oo()'), true);
    assert.equal(isMidWord('_bar'), true);
    assert.equal(isMidWord('élan'), true);
  });
  it('allows closers, punctuation, whitespace and the end of the line', () => {
    for (const s of ['', ')', ');', '"]', ' ', ' = 1', ', b)']) assert.equal(isMidWord(s), false, JSON.stringify(s));
  });
});

describe('inline settings key (settings reach the next request)', () => {
  it('changes with every setting that shapes a completion, and not with others', () => {
    const base = structuredClone(DEFAULT_CONFIG);
    const k = inlineSettingsKey(base);
    const changes: ((c: typeof base) => void)[] = [
      (c) => { c.provider = 'huggingface'; },
      (c) => { c.inline.provider = 'huggingface'; },
      (c) => { c.openai.baseUrl = 'http://127.0.0.1:1/v1'; },
      (c) => { c.openai.completionModel = 'gpt-4.1-mini'; },
      (c) => { c.huggingface.endpointUrl = 'http://127.0.0.1:2'; },
      (c) => { c.huggingface.model = 'Qwen/CodeQwen1.5-7B'; },
      (c) => { c.huggingface.fimTemplate = 'codeqwen'; },
      (c) => { c.huggingface.serverKind = 'ollama'; },
      (c) => { c.inline.maxTokens = 64; },
    ];
    for (const change of changes) {
      const c = structuredClone(DEFAULT_CONFIG);
      change(c);
      assert.notEqual(inlineSettingsKey(c), k, change.toString());
    }
    const same = structuredClone(DEFAULT_CONFIG);
    same.inline.debounceMs = 10;
    same.budget.dailyUsd = 5;
    assert.equal(inlineSettingsKey(same), k);
  });
});
