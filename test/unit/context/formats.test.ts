import assert from 'node:assert/strict';
import { commentBlock, fimPrompt, lineComment, repoFormatFor } from '../../../src/core/fim/repoContext';
import { FIM_TEMPLATES } from '../../../src/core/fim/templates';
import { inlineChatMessages } from '../../../src/core/llm/inlinePrompt';

const PRE = 'const total = sum(';
const SUF = ');\n';
const SNIPPETS = [
  { path: 'src/math.ts', text: 'export function sum(xs: number[]): number {\n  return xs.reduce((a, b) => a + b, 0);\n}\n' },
  { path: 'src/cart.ts', text: '\nexport interface Cart {\n\n  prices: number[];\n}' },
];
const parts = { prefix: PRE, suffix: SUF, filePath: 'src/main.ts', languageId: 'typescript', snippets: SNIPPETS };
const hex = (s: string) => Buffer.from(s).toString('hex');

describe('repository-level FIM prompts, byte for byte', () => {
  it('StarCoder2: <file_sep> per file, the current path after <fim_prefix>', () => {
    const want = '<repo_name>shop'
      + '<file_sep>src/math.ts\nexport function sum(xs: number[]): number {\n  return xs.reduce((a, b) => a + b, 0);\n}\n'
      + '<file_sep>src/cart.ts\n\nexport interface Cart {\n\n  prices: number[];\n}\n'
      + '<file_sep><fim_prefix>src/main.ts\nconst total = sum(<fim_suffix>);\n<fim_middle>';
    assert.equal(hex(fimPrompt(FIM_TEMPLATES.starcoder, 'bigcode/starcoder2-15b', { ...parts, repoName: 'shop' })), hex(want));
    const noRepo = fimPrompt(FIM_TEMPLATES.starcoder, 'bigcode/starcoder2-3b', parts);
    assert.ok(noRepo.startsWith('<file_sep>src/math.ts\n'), noRepo);
  });

  it('Qwen2.5-Coder: <|repo_name|> line, <|file_sep|> per file, the current file last', () => {
    const want = '<|repo_name|>shop\n'
      + '<|file_sep|>src/math.ts\nexport function sum(xs: number[]): number {\n  return xs.reduce((a, b) => a + b, 0);\n}\n'
      + '<|file_sep|>src/cart.ts\n\nexport interface Cart {\n\n  prices: number[];\n}\n'
      + '<|file_sep|>src/main.ts\n<|fim_prefix|>const total = sum(<|fim_suffix|>);\n<|fim_middle|>';
    assert.equal(hex(fimPrompt(FIM_TEMPLATES.qwen, 'Qwen/Qwen2.5-Coder-7B', { ...parts, repoName: 'shop' })), hex(want));
  });

  it('other families: a commented block with path headers at the start of the prefix', () => {
    const block = '// Path: src/math.ts\n// export function sum(xs: number[]): number {\n//   return xs.reduce((a, b) => a + b, 0);\n// }\n'
      + '//\n// Path: src/cart.ts\n//\n// export interface Cart {\n//\n//   prices: number[];\n// }\n'
      + '// Path: src/main.ts\n';
    assert.equal(hex(commentBlock(SNIPPETS, 'typescript', 'src/main.ts')), hex(block));
    assert.equal(hex(fimPrompt(FIM_TEMPLATES.codellama, 'codellama/CodeLlama-7b-hf', parts)), hex(`<PRE> ${block}${PRE} <SUF>${SUF} <MID>`));
    assert.equal(hex(fimPrompt(FIM_TEMPLATES.deepseek, 'deepseek-coder', parts)), hex(`<\uFF5Cfim\u2581begin\uFF5C>${block}${PRE}<\uFF5Cfim\u2581hole\uFF5C>${SUF}<\uFF5Cfim\u2581end\uFF5C>`));
    assert.equal(hex(fimPrompt(FIM_TEMPLATES.codestral, 'codestral-22b', parts)), hex(`[SUFFIX]${SUF}[PREFIX]${block}${PRE}`));
    // StarCoder (1) was not trained with file separators.
    assert.equal(fimPrompt(FIM_TEMPLATES.starcoder, 'bigcode/starcoderbase', parts), `<fim_prefix>${block}${PRE}<fim_suffix>${SUF}<fim_middle>`);
    assert.equal(repoFormatFor(FIM_TEMPLATES.codegemma, 'google/codegemma-2b'), 'comments');
  });

  it('comments in the language of the file', () => {
    assert.equal(lineComment('python'), '#');
    assert.equal(lineComment('lua'), '--');
    assert.equal(lineComment('go'), '//');
    assert.equal(commentBlock([{ path: 'm.py', text: 'def f():\n    return 1' }], 'python'), '# Path: m.py\n# def f():\n#     return 1\n');
  });

  it('without snippets every family sends exactly its plain template', () => {
    for (const [id, t] of Object.entries(FIM_TEMPLATES)) {
      const model = id === 'starcoder' ? 'bigcode/starcoder2-15b' : id;
      assert.equal(fimPrompt(t, model, { ...parts, snippets: [] }), t.build(PRE, SUF), id);
      assert.equal(fimPrompt(t, model, { ...parts, snippets: [{ path: 'x', text: '  \n' }] }), t.build(PRE, SUF), id);
    }
  });

  it('chat models (OpenAI): the "related code" block before the file', () => {
    const [, user] = inlineChatMessages({ feature: 'inline', model: 'gpt-4.1-nano', prefix: PRE, suffix: SUF, filePath: 'src/main.ts', languageId: 'typescript', maxTokens: 64, snippets: SNIPPETS });
    const want = 'Related code from other files:\n'
      + `--- src/math.ts ---\n${SNIPPETS[0].text}\n\n--- src/cart.ts ---\n${SNIPPETS[1].text}\n\n`
      + 'File: src/main.ts (typescript)\nconst total = sum(<CURSOR>);\n';
    assert.equal(hex(user.content), hex(want));
  });
});
