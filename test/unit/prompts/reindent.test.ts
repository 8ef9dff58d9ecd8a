import assert from 'node:assert/strict';
import type { IndentTarget } from '../../../src/core/prompts/reindent';
import { reindent } from '../../../src/core/prompts/reindent';

function target(original: string, linePrefix: string, over: Partial<IndentTarget> = {}): IndentTarget {
  return { original, linePrefix, eol: '\n', insertSpaces: true, tabSize: 4, ...over };
}

describe('reindent', () => {
  it('re-indents a flush-left proposal to whole selected lines', () => {
    const original = '    if x:\n        y()\n';
    assert.equal(reindent('if x:\n    y()\n    z()', target(original, '')), '    if x:\n        y()\n        z()\n');
  });
  it('keeps the first line after the indentation the selection started behind', () => {
    const original = 'function f() {\n    return 1;\n  }';
    assert.equal(reindent('function f() {\n  return 2;\n}', target(original, '  ')), 'function f() {\n    return 2;\n  }');
  });
  it('recognises a proposal echoing the selection shape (first line unindented, rest document-indented)', () => {
    const original = 'function f() {\n    return 1;\n  }';
    assert.equal(reindent('function f() {\n    return 2;\n  }', target(original, '  ')), 'function f() {\n    return 2;\n  }');
  });
  it('handles python methods with a normalized answer', () => {
    const original = 'def f(self):\n        return 1';
    assert.equal(reindent('def f(self) -> int:\n    return 1', target(original, '    ')), 'def f(self) -> int:\n        return 1');
  });
  it('returns the original unchanged (invariant) for many shapes', () => {
    const cases: [string, string][] = [
      ['a\n  b\nc', ''],
      ['    a\n      b\n', ''],
      ['a\n      b\n    c', '    '],
      ['x(1,\n    2)', 'const y = '],
      ['\tif (a) {\n\t\tb();\n\t}\n', ''],
      ['one line', '        '],
    ];
    for (const [original, prefix] of cases) assert.equal(reindent(original, target(original, prefix, { insertSpaces: !original.includes('\t') })), original, JSON.stringify(original));
  });
  it('converts the model\'s spaces to tabs in a tab-indented file', () => {
    const original = '\tif (a) {\n\t\tb();\n\t}\n';
    assert.equal(reindent('if (a) {\n    c();\n}', target(original, '', { insertSpaces: false })), '\tif (a) {\n\t\tc();\n\t}\n');
  });
  it('writes the document\'s CRLF line endings and strips blank lines around the answer', () => {
    const original = '  a\r\n  b\r\n';
    assert.equal(reindent('\nx\ny\n\n', target(original, '', { eol: '\r\n' })), '  x\r\n  y\r\n');
  });
  it('keeps the first line of a mid-line selection as is', () => {
    assert.equal(reindent('foo(1,\n  2)', target('bar(1,\n      2)', 'x = ')), 'foo(1,\n      2)');
  });
});
