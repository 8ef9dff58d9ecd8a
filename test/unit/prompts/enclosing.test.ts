import assert from 'node:assert/strict';
import type { SymbolNode } from '../../../src/core/prompts/enclosing';
import { categoryOfSymbolKind, enclosingSymbol } from '../../../src/core/prompts/enclosing';

function sym(name: string, category: SymbolNode['category'], l0: number, l1: number, children: SymbolNode[] = []): SymbolNode {
  return { name, category, start: { line: l0, character: 0 }, end: { line: l1, character: 1 }, children };
}

describe('enclosingSymbol', () => {
  const tree = [sym('mod', 'container', 0, 50, [sym('C', 'type', 1, 40, [sym('m', 'function', 2, 10, [sym('inner', 'function', 4, 6)]), sym('field', 'other', 12, 12), sym('obj', 'other', 14, 20)])])];
  it('picks the innermost function', () => {
    assert.equal(enclosingSymbol(tree, { line: 5, character: 2 })?.name, 'inner');
    assert.equal(enclosingSymbol(tree, { line: 8, character: 2 })?.name, 'm');
  });
  it('falls back to a multi-line declaration, never a one-line one or a module', () => {
    assert.equal(enclosingSymbol(tree, { line: 15, character: 0 })?.name, 'obj');
    assert.equal(enclosingSymbol(tree, { line: 12, character: 0 })?.name, 'C');
    assert.equal(enclosingSymbol(tree, { line: 45, character: 0 }), undefined);
  });
  it('works on a flat symbol list (SymbolInformation)', () => {
    const flat = [sym('C', 'type', 1, 40), sym('m', 'function', 2, 10), sym('inner', 'function', 4, 6)];
    assert.equal(enclosingSymbol(flat, { line: 5, character: 0 })?.name, 'inner');
    assert.equal(enclosingSymbol(flat, { line: 20, character: 0 })?.name, 'C');
  });
  it('maps VS Code symbol kinds', () => {
    assert.equal(categoryOfSymbolKind(11), 'function');
    assert.equal(categoryOfSymbolKind(5), 'function');
    assert.equal(categoryOfSymbolKind(4), 'type');
    assert.equal(categoryOfSymbolKind(1), 'container');
    assert.equal(categoryOfSymbolKind(12), 'other');
  });
});
