import assert from 'node:assert/strict';
import type { Emulator, RecordedRequest } from '../../servers/common';
import { startKindEmulator } from '../../servers/kinds';
import { startTgiEmulator } from '../../servers/tgi';
import { parseConfig } from '../../../src/core/config';
import { HuggingFaceProvider } from '../../../src/core/llm/huggingfaceProvider';
import { infillBody } from '../../../src/core/llm/infill';
import { collect } from './helpers';

const timeouts = { firstByteChatMs: 1000, firstByteInlineMs: 1000, gapMs: 1000 };
const signal = () => new AbortController().signal;
const fim = (model: string, over: Partial<{ snippets: { path: string; text: string }[] }> = {}) => ({
  feature: 'inline' as const, model, prefix: 'def add(a, b):\n    ', suffix: '\n', maxTokens: 32, ...over,
});
const chat = (model: string) => ({ feature: 'explain' as const, model, messages: [{ role: 'user' as const, content: 'explain x' }] });
const body = (r: RecordedRequest | undefined) => (r?.body ?? {}) as Record<string, unknown>;
const posts = (emu: Emulator, path: string) => emu.requests.filter((r) => r.method === 'POST' && r.path === path);

describe('HuggingFaceProvider on each server kind', () => {
  let emu: Emulator;
  afterEach(() => emu?.close());

  it('TGI: asks for usage on chat and completions and records the server\'s counts, not an estimate', async () => {
    emu = await startTgiEmulator({ modelId: 'bigcode/starcoder2-15b' });
    const p = new HuggingFaceProvider({ baseUrl: emu.url, timeouts, fimTemplate: 'auto' });
    emu.setReply({ text: 'It adds.', usage: { promptTokens: 39, completionTokens: 3 } });
    const c = await collect(p.streamChat(chat('bigcode/starcoder2-15b'), signal()));
    assert.deepEqual({ ...c.usage }, { inputTokens: 39, cachedInputTokens: 0, outputTokens: 3, estimated: false });
    emu.setReply({ text: 'return a + b', usage: { promptTokens: 20, completionTokens: 5 } });
    const f = await collect(p.streamFim(fim('bigcode/starcoder2-15b'), signal()));
    assert.deepEqual({ ...f.usage }, { inputTokens: 20, cachedInputTokens: 0, outputTokens: 5, estimated: false });
    for (const path of ['/v1/chat/completions', '/v1/completions']) assert.deepEqual(body(posts(emu, path)[0]).stream_options, { include_usage: true }, path);
    assert.equal(emu.requests.filter((r) => r.method === 'GET').length, 1, 'only /info: it already says TGI');
  });

  it('a server that rejects stream_options gets one retry without it, remembered, logged once; counts are then estimated', async () => {
    emu = await startTgiEmulator({ rejectStreamOptions: true });
    const logs: string[] = [];
    const p = new HuggingFaceProvider({ baseUrl: emu.url, timeouts, fimTemplate: 'starcoder', log: (m) => logs.push(m) });
    const a = await collect(p.streamChat(chat('m'), signal()));
    const b = await collect(p.streamChat(chat('m'), signal()));
    assert.equal(a.error, undefined, a.error?.message);
    assert.equal(b.error, undefined, b.error?.message);
    const sent = posts(emu, '/v1/chat/completions');
    assert.equal(sent.length, 3, 'rejected, retried, then asked without it at once');
    assert.ok('stream_options' in body(sent[0]) && !('stream_options' in body(sent[1])) && !('stream_options' in body(sent[2])));
    assert.equal(logs.filter((l) => /stream_options/.test(l)).length, 1);
    assert.equal(b.usage?.estimated, true, 'the server reported nothing');
  });

  it('a 422 for another reason is not mistaken for a rejected stream_options', async () => {
    emu = await startTgiEmulator();
    const p = new HuggingFaceProvider({ baseUrl: emu.url, timeouts, fimTemplate: 'starcoder' });
    await collect(p.streamChat(chat('m'), signal())); // reads /info
    emu.setFault({ kind: 'status', status: 422, message: 'Input validation error: `inputs` must have less than 10 tokens' }, 2);
    const a = await collect(p.streamChat(chat('m'), signal()));
    assert.equal(a.error?.kind, 'badRequest');
    assert.match(a.error!.message, /less than 10 tokens/);
    emu.setFault(undefined);
    await collect(p.streamChat(chat('m'), signal()));
    assert.ok('stream_options' in body(posts(emu, '/v1/chat/completions').at(-1)), 'still asks: the retry was refused too');
  });

  it('vLLM: detected from owned_by, /v1/completions with the FIM template and no suffix, exact usage', async () => {
    emu = await startKindEmulator('vllm');
    const logs: string[] = [];
    const p = new HuggingFaceProvider({ baseUrl: emu.url, timeouts, fimTemplate: 'auto', log: (m) => logs.push(m) });
    emu.setReply({ pieces: ['    return', ' a', ' +', ' b', '\n'], usage: { promptTokens: 6, completionTokens: 5 }, finishReason: 'length' });
    const out = await collect(p.streamFim(fim('bigcode/starcoder2-3b'), signal()));
    assert.equal(out.error, undefined, out.error?.message);
    const req = body(posts(emu, '/v1/completions')[0]);
    assert.equal(req.prompt, '<fim_prefix>def add(a, b):\n    <fim_suffix>\n<fim_middle>');
    assert.ok(!('suffix' in req));
    assert.deepEqual(req.stream_options, { include_usage: true });
    assert.deepEqual({ ...out.usage }, { inputTokens: 6, cachedInputTokens: 0, outputTokens: 5, estimated: false });
    assert.equal(out.done?.finishReason, 'length');
    assert.ok(logs.some((l) => /vLLM/.test(l) && /owned_by/.test(l) && /FIM template/.test(l)), logs.join('\n'));
    await collect(p.streamFim(fim('bigcode/starcoder2-3b'), signal()));
    assert.equal(emu.requests.filter((r) => r.path === '/v1/models').length, 1, 'detected once per endpoint');
  });

  it('Ollama: detected from GET /, prompt = the code before, suffix = the code after, no FIM tokens, exact usage', async () => {
    emu = await startKindEmulator('ollama');
    const p = new HuggingFaceProvider({ baseUrl: emu.url, timeouts, fimTemplate: 'auto' });
    emu.setReply({ pieces: ['return', ' a', ' +', ' b'], usage: { promptTokens: 20, completionTokens: 5 } });
    const out = await collect(p.streamFim(fim('qwen2.5-coder:7b'), signal()));
    assert.equal(out.text, 'return a + b');
    const req = body(posts(emu, '/v1/completions')[0]);
    assert.equal(req.prompt, 'def add(a, b):\n    ');
    assert.equal(req.suffix, '\n');
    assert.ok(!String(req.prompt).includes('<|fim'));
    assert.equal(req.max_tokens, 32);
    assert.deepEqual({ ...out.usage }, { inputTokens: 20, cachedInputTokens: 0, outputTokens: 5, estimated: false });
  });

  it('llama.cpp: detected from owned_by, /infill with input_prefix/suffix, cache_prompt, t_max_predict_ms, n_predict; usage with cached tokens', async () => {
    emu = await startKindEmulator('llamacpp', { cachedTokens: 20 });
    const p = new HuggingFaceProvider({ baseUrl: emu.url, timeouts, fimTemplate: 'auto' });
    emu.setReply({ pieces: ['n_threads', '();', '\n'], usage: { promptTokens: 27, completionTokens: 3 } });
    const snippets = [{ path: 'src/util.py', text: 'def helper():\n    pass\n' }];
    const out = await collect(p.streamFim(fim('qwen2.5-coder-7b-q8_0.gguf', { snippets }), signal()));
    assert.equal(out.error, undefined, out.error?.message);
    assert.equal(out.text, 'n_threads();\n');
    assert.equal(posts(emu, '/v1/completions').length, 0);
    const req = body(posts(emu, '/infill')[0]);
    assert.equal(req.input_prefix, 'def add(a, b):\n    ');
    assert.equal(req.input_suffix, '\n');
    assert.deepEqual(req.input_extra, [{ filename: 'src/util.py', text: 'def helper():\n    pass\n' }]);
    assert.equal(req.cache_prompt, true);
    assert.equal(req.n_predict, 32);
    assert.equal(typeof req.t_max_predict_ms, 'number');
    assert.equal(req.stream, true);
    assert.deepEqual({ ...out.usage }, { inputTokens: 27, cachedInputTokens: 20, outputTokens: 3, estimated: false });
    assert.equal(out.done?.finishReason, 'stop');
  });

  it('an endpoint answering 503 (scaling from zero) is not remembered as an unknown kind', async () => {
    emu = await startKindEmulator('vllm');
    const logs: string[] = [];
    const p = new HuggingFaceProvider({ baseUrl: emu.url, timeouts, fimTemplate: 'starcoder', log: (m) => logs.push(m) });
    emu.setFault({ kind: 'status', status: 503 }, 5); // /info twice, /v1/models, GET /, /props
    await collect(p.streamFim(fim('m'), signal()));
    assert.ok(!logs.some((l) => /vLLM/.test(l)));
    await collect(p.streamFim(fim('m'), signal()));
    assert.ok(logs.some((l) => /vLLM/.test(l)), logs.join('\n'));
  });

  it('infill passes extra context chunks through as input_extra, and none as []', () => {
    const call = { model: 'm', prefix: 'a', suffix: 'b', maxTokens: 8 };
    assert.deepEqual(infillBody(call).input_extra, []);
    assert.deepEqual(infillBody({ ...call, snippets: [{ path: 'x.ts', text: 'X' }, { path: 'y.ts', text: 'Y' }] }).input_extra, [{ filename: 'x.ts', text: 'X' }, { filename: 'y.ts', text: 'Y' }]);
  });

  it('tandem.huggingface.serverKind overrides detection and asks nothing to find out', async () => {
    emu = await startKindEmulator('llamacpp');
    const logs: string[] = [];
    const p = new HuggingFaceProvider({ baseUrl: emu.url, timeouts, fimTemplate: 'qwen', serverKind: 'vllm', log: (m) => logs.push(m) });
    await collect(p.streamFim(fim('m'), signal()));
    assert.equal(posts(emu, '/v1/completions').length, 1);
    assert.equal(posts(emu, '/infill').length, 0);
    assert.deepEqual(emu.requests.filter((r) => r.method === 'GET').map((r) => r.path), ['/info'], 'only the limits');
    assert.ok(logs.some((l) => /tandem\.huggingface\.serverKind/.test(l)));
  });

  it('chat is the same on every kind and asks for usage (llama.cpp reports it unasked too)', async () => {
    for (const kind of ['vllm', 'ollama', 'llamacpp'] as const) {
      emu = await startKindEmulator(kind);
      const p = new HuggingFaceProvider({ baseUrl: emu.url, timeouts, fimTemplate: 'auto' });
      emu.setReply({ text: 'It adds.', usage: { promptTokens: 12, completionTokens: 3 } });
      const out = await collect(p.streamChat(chat('m'), signal()));
      assert.equal(out.text, 'It adds.', kind);
      assert.deepEqual({ ...out.usage }, { inputTokens: 12, cachedInputTokens: 0, outputTokens: 3, estimated: false }, kind);
      assert.deepEqual(body(posts(emu, '/v1/chat/completions')[0]).stream_options, { include_usage: true }, kind);
      await emu.close();
    }
    emu = await startKindEmulator('vllm');
  });
});

describe('the serverKind and fimTemplate settings', () => {
  const parse = (values: Record<string, unknown>) => parseConfig({ get: (k) => values[k], allScopes: () => [] });
  it('reads every server kind, defaults to auto, and reports a typo', () => {
    for (const kind of ['auto', 'tgi', 'vllm', 'llamacpp', 'ollama'] as const) assert.equal(parse({ 'huggingface.serverKind': kind }).config.huggingface.serverKind, kind);
    assert.equal(parse({}).config.huggingface.serverKind, 'auto');
    const bad = parse({ 'huggingface.serverKind': 'lmstudio' });
    assert.equal(bad.config.huggingface.serverKind, 'auto');
    assert.match(bad.problems[0], /tandem\.huggingface\.serverKind/);
  });
  it('accepts the new template values', () => {
    for (const t of ['codeqwen', 'granite', 'seedcoder'] as const) assert.equal(parse({ 'huggingface.fimTemplate': t }).config.huggingface.fimTemplate, t);
  });
});
