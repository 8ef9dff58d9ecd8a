import assert from 'node:assert/strict';
import { chooseFimTemplate, createSpecialTokenFilter, FIM_TEMPLATES, stopSequences, stripSpecialTokens } from '../../../src/core/fim/templates';

const PRE = 'def add(a, b):\n    ';
const SUF = '\n\nprint(add(1, 2))\n';

describe('FIM templates, byte for byte', () => {
  const cases: [keyof typeof FIM_TEMPLATES, string, string[]][] = [
    ['starcoder', `<fim_prefix>${PRE}<fim_suffix>${SUF}<fim_middle>`, ['<|endoftext|>', '<file_sep>', '<fim_prefix>']],
    ['codellama', `<PRE> ${PRE} <SUF>${SUF} <MID>`, ['<EOT>']],
    ['deepseek', `<\uFF5Cfim\u2581begin\uFF5C>${PRE}<\uFF5Cfim\u2581hole\uFF5C>${SUF}<\uFF5Cfim\u2581end\uFF5C>`, ['<\uFF5Cend\u2581of\u2581sentence\uFF5C>']],
    ['qwen', `<|fim_prefix|>${PRE}<|fim_suffix|>${SUF}<|fim_middle|>`, ['<|endoftext|>', '<|fim_pad|>', '<|file_sep|>', '<|im_end|>']],
    ['codestral', `[SUFFIX]${SUF}[PREFIX]${PRE}`, ['</s>', '[PREFIX]', '[SUFFIX]']],
    ['codegemma', `<|fim_prefix|>${PRE}<|fim_suffix|>${SUF}<|fim_middle|>`, ['<|file_separator|>', '<|fim_prefix|>', '<eos>']],
  ];
  for (const [id, prompt, stop] of cases) {
    it(`${id}: prompt and stop tokens`, () => {
      const t = FIM_TEMPLATES[id];
      assert.equal(Buffer.from(t.build(PRE, SUF)).toString('hex'), Buffer.from(prompt).toString('hex'));
      assert.deepEqual([...t.stop], stop);
    });
  }

  it('DeepSeek uses the full-width bar and U+2581, never ASCII |', () => {
    const p = FIM_TEMPLATES.deepseek.build('a', 'b');
    assert.ok(!p.includes('|'));
    assert.ok(p.includes('\uFF5C') && p.includes('\u2581'));
    assert.equal(Buffer.from('<\uFF5Cfim\u2581begin\uFF5C>').toString('hex'), '3cefbd9c66696de29681626567696eefbd9c3e');
  });

  it('CodeGemma does not reuse StarCoder tokens', () => {
    assert.ok(!FIM_TEMPLATES.codegemma.build('a', 'b').includes('<fim_'));
  });
});

describe('chooseFimTemplate', () => {
  const models: [string, string][] = [
    ['bigcode/starcoder2-15b', 'starcoder'],
    ['bigcode/starcoder', 'starcoder'],
    ['Qwen/Qwen2.5-Coder-7B', 'qwen'],
    ['deepseek-ai/deepseek-coder-6.7b-base', 'deepseek'],
    ['codellama/CodeLlama-7b-hf', 'codellama'],
    ['mistralai/Codestral-22B-v0.1', 'codestral'],
    ['google/codegemma-2b', 'codegemma'],
  ];
  for (const [model, id] of models) {
    it(`auto-detects ${id} from ${model}`, () => assert.equal(chooseFimTemplate('auto', model).template.id, id));
  }
  it('falls back to StarCoder with a note for unknown models', () => {
    const c = chooseFimTemplate('auto', 'acme/mystery-7b');
    assert.equal(c.template.id, 'starcoder');
    assert.match(c.note, /tandem\.huggingface\.fimTemplate/);
  });
  it('the setting wins over detection', () => {
    assert.equal(chooseFimTemplate('codestral', 'Qwen/Qwen2.5-Coder-7B').template.id, 'codestral');
  });
});

describe('stop sequences and special tokens', () => {
  it('caps the stop list, most important first', () => {
    assert.deepEqual(stopSequences(FIM_TEMPLATES.qwen, 2), ['<|endoftext|>', '<|fim_pad|>']);
    assert.equal(stopSequences(FIM_TEMPLATES.qwen).length, 4);
  });
  it('strips special tokens from output', () => {
    assert.equal(stripSpecialTokens('return a + b<|endoftext|>', FIM_TEMPLATES.starcoder), 'return a + b');
    assert.equal(stripSpecialTokens('x = 1<\uFF5Cend\u2581of\u2581sentence\uFF5C>', FIM_TEMPLATES.deepseek), 'x = 1');
  });
  it('the streaming filter handles a token split across chunks and stops at a stop token', () => {
    const f = createSpecialTokenFilter(FIM_TEMPLATES.starcoder);
    const out = [f.push('return a'), f.push(' + b<|endof'), f.push('text|>garbage'), f.flush()].join('');
    assert.equal(out, 'return a + b');
    assert.ok(f.stopped());
  });
  it('the streaming filter releases a held tail that was not a token', () => {
    const f = createSpecialTokenFilter(FIM_TEMPLATES.starcoder);
    assert.equal(f.push('a <'), 'a ');
    assert.equal(f.push('= b'), '<= b');
    assert.equal(f.flush(), '');
  });
});
