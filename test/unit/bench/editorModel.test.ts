import assert from 'node:assert/strict';
import type { BenchModel } from '../../../bench/editor/model';
import { startBenchModel } from '../../../bench/editor/model';
import { fimPrompt } from '../../../src/core/fim/repoContext';
import { FIM_TEMPLATES } from '../../../src/core/fim/templates';
import { inlineChatMessages } from '../../../src/core/llm/inlinePrompt';

/**
 * The editor benchmark's loopback model must continue the file on the OpenAI chat path
 * as it does on the FIM path: the extension's chat prompt has a `File:` line (and related
 * code) before the file's text, which the model must not look for in the file.
 */
const FULL = '# editor benchmark: chat, correct\nimport os\n\n\ndef main(argv):\n    return 0\n';

async function ask(model: BenchModel, path: string, body: unknown): Promise<string> {
  const res = await fetch(`${model.url}${path}`, { method: 'POST', body: JSON.stringify(body) });
  await res.text();
  return model.requests[model.requests.length - 1].answer;
}

describe('editor benchmark model', () => {
  let model: BenchModel;
  afterEach(() => model?.close());

  it('continues the file from an OpenAI chat prompt, with or without related code', async () => {
    model = await startBenchModel({ firstTokenMs: 0, perTokenMs: 0 });
    const at = FULL.indexOf('def main(') + 'def main('.length;
    model.setFile(FULL, () => at);
    const req = { feature: 'inline' as const, model: 'gpt-4.1-nano', prefix: FULL.slice(0, at), suffix: '', maxTokens: 64, filePath: 'w/chat-correct.py', languageId: 'python' };
    assert.equal(await ask(model, '/v1/chat/completions', { messages: inlineChatMessages(req), stream: true }), 'argv):\n    return 0\n');
    const withContext = { ...req, snippets: [{ path: 'w/util.py', text: 'def helper():\n    pass\n' }] };
    assert.equal(await ask(model, '/v1/chat/completions', { messages: inlineChatMessages(withContext), stream: true }), 'argv):\n    return 0\n');
  });

  it('continues the file from a FIM prompt', async () => {
    model = await startBenchModel({ firstTokenMs: 0, perTokenMs: 0 });
    const at = FULL.indexOf('def main(') + 'def main('.length;
    model.setFile(FULL, () => at);
    assert.equal(await ask(model, '/v1/completions', { prompt: `<fim_prefix>${FULL.slice(0, at)}<fim_suffix><fim_middle>`, stream: true }), 'argv):\n    return 0\n');
  });

  it('continues the file from StarCoder2\'s repository-level FIM prompt, whose first prefix line is the file\'s path', async () => {
    model = await startBenchModel({ firstTokenMs: 0, perTokenMs: 0 });
    const at = FULL.indexOf('def main(') + 'def main('.length;
    model.setFile(FULL, () => at);
    const prompt = fimPrompt(FIM_TEMPLATES.starcoder, 'bigcode/starcoder2-15b', { prefix: FULL.slice(0, at), suffix: '', filePath: 'fim-correct.py', snippets: [{ path: 'util.py', text: 'def helper():\n    pass\n' }] });
    assert.match(prompt, /<file_sep><fim_prefix>fim-correct\.py\n/);
    assert.equal(await ask(model, '/v1/completions', { prompt, stream: true }), 'argv):\n    return 0\n');
  });
});
