import assert from 'node:assert/strict';
import { buildRefactorPrompt, REFACTOR_PRESETS, resolveInstruction } from '../../../src/core/prompts/refactorPrompt';

describe('refactor prompt', () => {
  it('has the six presets and resolves ids and labels to full instructions', () => {
    assert.deepEqual(REFACTOR_PRESETS.map((p) => p.id), ['simplify', 'addTypes', 'extractFunction', 'errorHandling', 'modernize', 'docComments']);
    assert.match(resolveInstruction('simplify'), /^Simplify this code/);
    assert.match(resolveInstruction('Add Types'), /type annotations/);
    assert.equal(resolveInstruction('  rename x to count '), 'rename x to count');
  });

  it('asks for only the replacement in one fenced block', () => {
    const r = buildRefactorPrompt({ code: 'var a = 1;', languageId: 'javascript', fileName: 'a.js', wholeFile: false }, 'modernize', { maxInputTokens: 2000 });
    assert.ok('messages' in r);
    if (!('messages' in r)) return;
    assert.match(r.messages[0].content, /ONLY the complete replacement/);
    assert.match(r.messages[0].content, /exactly one fenced code block/);
    assert.match(r.messages[1].content, /Instruction: Rewrite this code using modern idioms/);
    assert.match(r.messages[1].content, /```javascript\nvar a = 1;\n```/);
  });

  it('says when the selection is the whole file', () => {
    const r = buildRefactorPrompt({ code: 'x = 1\n', languageId: 'python', fileName: 'a.py', wholeFile: true }, 'add doc comments', { maxInputTokens: 2000 });
    assert.ok('messages' in r && /whole file/.test(r.messages[1].content));
  });

  it('refuses a selection too large for the budget rather than truncating it', () => {
    const r = buildRefactorPrompt({ code: 'x = 1\n'.repeat(5000), languageId: 'python', fileName: 'a.py', wholeFile: false }, 'simplify', { maxInputTokens: 2000 });
    assert.ok('refused' in r);
  });
});
