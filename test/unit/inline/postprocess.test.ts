import assert from 'node:assert/strict';
import { isMultiline, postProcess } from '../../../src/core/inline/postprocess';
import type { CursorContext, TokenSet } from '../../../src/core/inline/postprocess';

/** Builds the cursor context from a snippet with `|` at the cursor. */
function at(code: string): CursorContext {
  const i = code.indexOf('|');
  const prefix = code.slice(0, i);
  const suffix = code.slice(i + 1);
  const ls = prefix.lastIndexOf('\n');
  const nl = suffix.indexOf('\n');
  return { prefix, suffix, linePrefix: prefix.slice(ls + 1), lineSuffix: nl < 0 ? suffix : suffix.slice(0, nl) };
}

const STARCODER: TokenSet = { stop: ['<|endoftext|>', '<file_sep>', '<fim_prefix>'], special: ['<|endoftext|>', '<file_sep>', '<fim_prefix>', '<fim_suffix>', '<fim_middle>'] };
const QWEN: TokenSet = { stop: ['<|endoftext|>', '<|fim_pad|>', '<|file_sep|>', '<|im_end|>'], special: ['<|fim_prefix|>', '<|fim_suffix|>', '<|fim_middle|>'] };
const DEEPSEEK: TokenSet = { stop: ['<\uFF5Cend\u2581of\u2581sentence\uFF5C>'], special: ['<\uFF5Cfim\u2581hole\uFF5C>'] };
const CODESTRAL: TokenSet = { stop: ['</s>'], special: ['[SUFFIX]', '[PREFIX]'] };

interface Case {
  name: string;
  code: string;
  raw: string;
  want: string | undefined;
  tokens?: TokenSet;
}

const CASES: Case[] = [
  // Duplicate suffix on the cursor's line (auto-closed brackets and quotes).
  { name: 'call arguments repeat the auto-closed `);`', code: 'console.log(|);', raw: 'a, b);', want: 'a, b' },
  { name: 'nested call keeps its own `)` and drops the repeated one', code: 'foo(|)', raw: 'bar(x))', want: 'bar(x)' },
  { name: 'a completion that closes only its own bracket is kept', code: 'foo(|)', raw: 'bar(x)', want: 'bar(x)' },
  { name: 'string literal repeats the closing quote', code: 'const s = "|";', raw: 'hello";', want: 'hello' },
  { name: 'condition repeats `) {`', code: 'if (x|) {\n}', raw: ' > 0) {', want: ' > 0' },
  { name: 'partial repeat of the suffix punctuation', code: 'call(|);', raw: 'a, b)', want: 'a, b' },
  { name: 'answer continues past the repeated suffix', code: 'print(|)', raw: 'x) # done', want: 'x' },
  { name: 'the whole answer is the suffix', code: 'foo(|)', raw: ')', want: undefined },
  { name: 'a word-like suffix start is not stripped partially', code: 'x = |els', raw: 'e', want: 'e' },
  // Duplicate suffix on the following lines.
  {
    name: 'body then the function\'s existing return and brace',
    code: 'function f(a) {\n  const x = a * 2;\n  |\n  return x;\n}\n',
    raw: 'const y = x + 1;\n  return x;\n}',
    want: 'const y = x + 1;',
  },
  {
    name: 'python: the next function is repeated after the body',
    code: 'def f(x):|\n\ndef g():\n    pass\n',
    raw: '\n    return x * 2\n\ndef g():\n    pass',
    want: '\n    return x * 2',
  },
  {
    name: 'auto-closed brace after a block opener',
    code: 'if (ok) {|}',
    raw: '\n  run();\n}',
    want: '\n  run();',
  },
  {
    name: 'a completion\'s own block is kept even though the suffix starts with `}`',
    code: 'function f() {\n  |\n}\n',
    raw: 'if (a) {\n    b();\n  }',
    want: 'if (a) {\n    b();\n  }',
  },
  {
    name: 'empty line whose whole answer is the next line',
    code: 'for (const x of xs) {\n  |\n  total += x;\n}',
    raw: 'total += x;',
    want: undefined,
  },
  {
    name: 'dedent ends a block body (the enclosing brace is already there)',
    code: 'function f() {\n  |\n}\n\nfunction g() {}',
    raw: 'return 1;\n}\n\nfunction h() {}',
    want: 'return 1;',
  },
  {
    name: 'empty line: a new block whose body is already below the cursor',
    code: 'while i < n {\n    |\n        i += 1;\n    } else if done {\n',
    raw: 'if c.is_whitespace() {\n        i += 1;\n    } else if done {',
    want: 'if c.is_whitespace() {',
  },
  {
    name: 'own closing braces are kept when the suffix only repeats braces',
    code: 'fn f() {\n    |\n}\n}',
    raw: 'if a {\n        b();\n    }',
    want: 'if a {\n        b();\n    }',
  },
  // Stop and special tokens (given as data).
  { name: 'StarCoder EOS ends the answer', code: 'return |', raw: 'x;<|endoftext|>garbage', want: 'x;', tokens: STARCODER },
  { name: 'StarCoder file separator ends the answer', code: 'x = |', raw: '1<file_sep>other file', want: '1', tokens: STARCODER },
  { name: 'Qwen fim_pad ends, stray fim marker stripped', code: 'y = |', raw: '<|fim_middle|>2<|fim_pad|><|fim_pad|>', want: '2', tokens: QWEN },
  { name: 'DeepSeek full-width EOS', code: 'z = |', raw: '3<\uFF5Cend\u2581of\u2581sentence\uFF5C>', want: '3', tokens: DEEPSEEK },
  { name: 'Codestral </s>', code: 'w = |', raw: '4</s>', want: '4', tokens: CODESTRAL },
  { name: 'ASCII-bar lookalike is not DeepSeek\'s token', code: 'v = |', raw: '5<|end_of_sentence|>', want: '5<|end_of_sentence|>', tokens: DEEPSEEK },
  // Single- vs multi-line, whitespace, brackets.
  { name: 'one line after an expression start', code: 'const x = |', raw: '1;\nconst y = 2;', want: '1;' },
  { name: 'at the end of a complete line, an answer on the next line shows that line', code: 'const x = 1;|', raw: '\nconst y = 2;\nconst z = 3;', want: '\nconst y = 2;' },
  { name: 'at the end of a line, blank lines before the next line stay', code: 'import os|', raw: '\n\n\ndef main():\n    pass', want: '\n\n\ndef main():' },
  { name: 'before closers, an answer on the next line shows nothing', code: 'f(x|)', raw: '\ny = 2', want: undefined },
  { name: 'multi-line on an empty line', code: 'function f() {\n  |', raw: 'const a = 1;\n  return a;', want: 'const a = 1;\n  return a;' },
  { name: 'trailing whitespace trimmed on every line', code: '|', raw: 'a();   \nb();  \n\n', want: 'a();\nb();' },
  { name: 'whitespace-only answer shows nothing', code: 'x = |', raw: '   \t ', want: undefined },
  { name: 'empty answer shows nothing', code: 'x = |', raw: '', want: undefined },
  { name: 'stray closer with nothing open', code: 'x = |', raw: '1]', want: '1' },
  { name: 'mismatched closer for the open paren', code: 'foo(|', raw: 'a]', want: 'a' },
  { name: 'closing the prefix\'s open paren is fine', code: 'foo(a, |', raw: 'b)', want: 'b)' },
  { name: 'brackets inside strings are not code', code: 'log(|', raw: '"(]")', want: '"(]")' },
];

describe('inline post-processing', () => {
  for (const c of CASES) {
    it(c.name, () => {
      assert.equal(postProcess(c.raw, at(c.code), c.tokens ? { tokens: c.tokens } : {}), c.want);
    });
  }

  it('chooses multi-line on an empty line and after a block opener', () => {
    assert.equal(isMultiline(at('  |')), true);
    assert.equal(isMultiline(at('if (x) {|')), true);
    assert.equal(isMultiline(at('for i in range(3):|')), true);
    assert.equal(isMultiline(at('xs.map((x) =>|')), true);
    assert.equal(isMultiline(at('foo(|)')), true);
    assert.equal(isMultiline(at('const x = |')), false);
    assert.equal(isMultiline(at('if (x) {|foo')), false);
  });
});
