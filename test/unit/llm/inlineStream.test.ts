import assert from 'node:assert/strict';
import { parseInlineAnswer } from '../../../src/core/llm/inlinePrompt';
import { InlineAnswerStream } from '../../../src/core/llm/inlineStream';

/** Feeds `answer` in pieces of `size` characters; returns what passed early and the total. */
function streamed(answer: string, prefix: string, suffix: string, size = 3): { early: string; total: string } {
  const s = new InlineAnswerStream(prefix, suffix);
  let early = '';
  for (let i = 0; i < answer.length; i += size) early += s.push(answer.slice(i, i + size));
  return { early, total: early + s.end() };
}

describe('inline chat answer, streamed', () => {
  const prefix = 'import os\n\n\ndef main(argv):\n    ';
  const suffix = '\n';

  it('passes complete lines on while the answer streams, each line break once the next line shows code', () => {
    const s = new InlineAnswerStream(prefix, suffix);
    assert.equal(s.push('return 0'), '', 'no line has ended yet');
    assert.equal(s.push('\n\n\nif __name'), 'return 0\n\n\n');
    assert.equal(s.push('__ == "__main__":\n'), 'if __name__ == "__main__":');
    assert.equal(s.push('    '), '', 'indentation is not code yet');
    assert.equal(s.push('main()'), '\n');
    assert.equal(s.end(), '    main()');
  });

  it('gives the same text as parsing the whole answer, on plain, fenced, echoed and chatty answers', () => {
    const cases: [string, string, string][] = [
      ['return 0\n\n\nif __name__ == "__main__":\n    main(sys.argv)\n', prefix, suffix],
      ['```python\nreturn 0\n```\n', prefix, suffix],
      ['Here is the completion:\n```python\nreturn 0\n```', prefix, suffix],
      ['def main(argv):\n    return 0\n', prefix, suffix],
      ['    return 0\n', 'def f():\n    return ', '\n'],
      ['return a + b\n', 'def add(a, b):\n    return ', '\n'],
      ['a + b;\n}\n', 'function add(a, b) {\n  return ', '\n}\n'],
      ['\n\n    x = 1\n    y = 2\n', 'def f():\n', '\n'],
      ['x = 1<CURSOR>\n', 'def f():\n    ', '\n'],
      ['x = 1\r\n    y = 2\r\n', 'def f():\n    ', '\n'],
    ];
    for (const [answer, pre, suf] of cases) {
      for (const size of [1, 2, 5, 1000]) {
        assert.equal(streamed(answer, pre, suf, size).total, parseInlineAnswer(answer, pre, suf), `${JSON.stringify(answer)} in pieces of ${size}`);
      }
    }
  });

  it('waits for the whole answer when it opens with a fence, an echo, a marker or a sentence introducing code', () => {
    for (const [answer, pre] of [
      ['```python\nreturn 0\n```\n', prefix],
      ['def main(argv):\n    return 0\n', prefix],
      ['return a + b\n    \n', 'def add(a, b):\n    return '],
      ['Here is the completion:\nreturn 0\n', prefix],
      ['<CURSOR>return 0\n', prefix],
    ] as const) {
      assert.equal(streamed(answer, pre, suffix).early, '', JSON.stringify(answer));
    }
  });

  it('holds a fence or the line after the cursor back, and never adds text that disagrees with what was shown', () => {
    const tail = streamed('x = 1\n```\ny = 2\n```\n', 'def f():\n    ', '\n');
    assert.equal(tail.early, 'x = 1', 'its line break waits: a fence follows');
    assert.equal(tail.total, 'x = 1', 'the whole parse (inside the late fence) disagrees: the shown line stands');
    const echo = streamed('a + b;\n}\n', 'function add(a, b) {\n  return ', '\n}\n');
    assert.equal(echo.early, 'a + b;', 'the copy of "}" after the cursor, and the break before it, wait for the end');
    assert.equal(echo.total, 'a + b;');
  });
});
