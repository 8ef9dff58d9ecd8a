import assert from 'node:assert/strict';
import { chooseFimTemplate, FIM_TEMPLATES, GRANITE_CODE, stopSequences } from '../../../src/core/fim/templates';

const PRE = 'def add(a, b):\n    ';
const SUF = '\n\nprint(add(1, 2))\n';
const hex = (s: string) => Buffer.from(s, 'utf8').toString('hex');

describe('FIM families: CodeQwen1.5, Granite, Seed-Coder, StableCode, Codestral stops', () => {
  it('CodeQwen1.5 uses unbarred <fim_*> tokens, not Qwen2.5-Coder\'s <|fim_*|>', () => {
    const p = FIM_TEMPLATES.codeqwen.build(PRE, SUF);
    assert.equal(hex(p), hex(`<fim_prefix>${PRE}<fim_suffix>${SUF}<fim_middle>`));
    assert.ok(!p.includes('<|fim'));
    assert.deepEqual([...FIM_TEMPLATES.codeqwen.stop], ['<|endoftext|>', '<file_sep>', '<fim_prefix>', '<|im_end|>']);
  });

  it('CodeQwen model ids are not taken by the Qwen2.5 rule', () => {
    for (const m of ['Qwen/CodeQwen1.5-7B', 'codeqwen:7b', 'Qwen/CodeQwen1.5-7B-Chat']) assert.equal(chooseFimTemplate('auto', m).template.id, 'codeqwen', m);
    for (const m of ['Qwen/Qwen2.5-Coder-7B', 'qwen2.5-coder:7b']) assert.equal(chooseFimTemplate('auto', m).template.id, 'qwen', m);
  });

  it('Granite 4.x: barred FIM tokens and <|end_of_text|>', () => {
    const c = chooseFimTemplate('auto', 'ibm-granite/granite-4.0-h-small');
    assert.equal(c.template.id, 'granite');
    assert.equal(hex(c.template.build(PRE, SUF)), hex(`<|fim_prefix|>${PRE}<|fim_suffix|>${SUF}<|fim_middle|>`));
    assert.equal(c.template.stop[0], '<|end_of_text|>');
  });

  it('Granite code models: StarCoder-style tokens under the granite id, by detection and by the setting', () => {
    for (const m of ['ibm-granite/granite-8b-code-base-4k', 'granite-code:8b']) {
      const auto = chooseFimTemplate('auto', m).template;
      assert.equal(auto, GRANITE_CODE, m);
      assert.equal(chooseFimTemplate('granite', m).template, GRANITE_CODE, m);
    }
    assert.equal(hex(GRANITE_CODE.build(PRE, SUF)), hex(`<fim_prefix>${PRE}<fim_suffix>${SUF}<fim_middle>`));
    assert.equal(GRANITE_CODE.stop[0], '<|endoftext|>');
  });

  it('Seed-Coder: suffix first, square-bracket tokens, EOS with U+2581', () => {
    const t = chooseFimTemplate('auto', 'ByteDance-Seed/Seed-Coder-8B-Base').template;
    assert.equal(t.id, 'seedcoder');
    assert.equal(hex(t.build(PRE, SUF)), hex(`<[fim-suffix]>${SUF}<[fim-prefix]>${PRE}<[fim-middle]>`));
    assert.equal(hex(t.stop[0]), hex('<[end\u2581of\u2581sentence]>'));
    assert.equal(hex('\u2581'), 'e29681');
  });

  it('StableCode picks StarCoder\'s tokens under auto, and the note says why', () => {
    const c = chooseFimTemplate('auto', 'stabilityai/stable-code-3b');
    assert.equal(c.template.id, 'starcoder');
    assert.match(c.note, /StableCode/);
    assert.match(c.note, /StarCoder/);
  });

  it('Codestral stops on [PREFIX] and [SUFFIX] as well as </s>', () => {
    assert.deepEqual(stopSequences(FIM_TEMPLATES.codestral), ['</s>', '[PREFIX]', '[SUFFIX]']);
  });

  it('every template sends at most 4 stops, and every stop is also stripped as a special token', () => {
    for (const t of [...Object.values(FIM_TEMPLATES), GRANITE_CODE]) {
      assert.ok(stopSequences(t).length <= 4, t.id);
      for (const s of t.stop) assert.ok(t.special.includes(s), `${t.id}: ${s}`);
    }
  });

  it('each explicit setting value gives its own family', () => {
    for (const id of ['codeqwen', 'granite', 'seedcoder'] as const) assert.equal(chooseFimTemplate(id, 'acme/whatever').template.id, id);
  });

  it('an unknown id keeps the StarCoder fallback with a note that says so', () => {
    const c = chooseFimTemplate('auto', 'acme/mystery-7b');
    assert.equal(c.template.id, 'starcoder');
    assert.match(c.note, /could not tell the FIM format/);
  });
});
