import assert from 'node:assert/strict';
import { LruCache, contextKey } from '../../../src/core/inline/cache';
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
