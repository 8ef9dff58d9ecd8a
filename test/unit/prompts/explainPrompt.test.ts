import assert from 'node:assert/strict';
import { buildExplainPrompt, fence } from '../../../src/core/prompts/explainPrompt';
import { extractImports, windowAround } from '../../../src/core/prompts/context';
import { estimateTokens } from '../../../src/core/llm/estimate';

const FILE = [
  "import { readFile } from 'node:fs/promises';",
  'import {',
  '  join,',
  '  dirname,',
  "} from 'node:path';",
  "const lodash = require('lodash');",
  '',
  'export class Loader {',
  '  async load(p: string): Promise<string> {',
  '    const full = join(dirname(p), "x");',
  '    return readFile(full, "utf8");',
  '  }',
  '}',
].join('\n');

describe('explain prompt', () => {
  it('carries code, language, file name, imports and the enclosing declaration', () => {
    const code = '    const full = join(dirname(p), "x");';
    const { messages, notes } = buildExplainPrompt(
      { code, languageId: 'typescript', fileName: 'src/loader.ts', fileText: FILE, enclosing: { name: 'load', text: FILE.split('\n').slice(8, 12).join('\n') } },
      { maxInputTokens: 4000 },
    );
    assert.equal(messages.length, 2);
    assert.equal(messages[0].role, 'system');
    const user = messages[1].content;
    assert.match(user, /File: src\/loader\.ts \(language: typescript\)/);
    assert.match(user, /Imports of the file:[\s\S]*node:fs\/promises[\s\S]*dirname,[\s\S]*require\('lodash'\)/);
    assert.match(user, /Enclosing declaration `load`:[\s\S]*async load/);
    assert.ok(user.endsWith('```typescript\n' + code + '\n```'));
    assert.deepEqual(notes, []);
  });

  it('stays within the budget: truncates a huge selection and says so', () => {
    const code = Array.from({ length: 3000 }, (_, i) => `line${i} = ${i};`).join('\n');
    const { messages, notes } = buildExplainPrompt({ code, languageId: 'python', fileName: 'a.py' }, { maxInputTokens: 1000 });
    const total = messages.reduce((n, m) => n + estimateTokens(m.content), 0);
    assert.ok(total <= 1000, `prompt is ${total} tokens`);
    assert.match(messages[1].content, /truncated/);
    assert.equal(notes.length, 1);
  });

  it('drops context before the selection when the budget is small', () => {
    const code = 'x = 1\n'.repeat(100);
    const enclosing = { name: 'big', text: 'def big():\n' + '    y = 2\n'.repeat(2000) + code };
    const { messages } = buildExplainPrompt({ code, languageId: 'python', fileName: 'a.py', enclosing }, { maxInputTokens: 600 });
    const total = messages.reduce((n, m) => n + estimateTokens(m.content), 0);
    assert.ok(total <= 600, `prompt is ${total} tokens`);
    assert.ok(messages[1].content.includes(code.trimEnd()));
  });

  it('fences code that itself contains a fence with a longer fence', () => {
    const f = fence('a\n```\nb', 'markdown');
    assert.ok(f.startsWith('````markdown\n'));
    assert.ok(f.endsWith('\n````'));
  });
});

describe('context', () => {
  it('extracts multi-line imports, python and C includes', () => {
    assert.equal(extractImports('from a import b\nimport os\nx = 1', 100), 'from a import b\nimport os');
    assert.equal(extractImports('#include <stdio.h>\nint main() {}', 100), '#include <stdio.h>');
    assert.equal(extractImports('use std::io;\nfn main() {}', 100), 'use std::io;');
  });

  it('windows around the inner text when the outer one is too long', () => {
    const lines = Array.from({ length: 200 }, (_, i) => `line ${i}`);
    const w = windowAround(lines.join('\n'), 'line 100', 30);
    assert.ok(w.truncated);
    assert.ok(w.text.includes('line 100'));
    assert.ok(w.text.includes('line 99') && w.text.includes('line 101'));
    assert.ok(estimateTokens(w.text) <= 30);
  });
});
