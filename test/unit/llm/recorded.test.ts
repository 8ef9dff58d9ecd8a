import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Emulator } from '../../servers/common';
import { json, startEmulator } from '../../servers/common';
import { startKindEmulator } from '../../servers/kinds';
import { HuggingFaceProvider } from '../../../src/core/llm/huggingfaceProvider';
import { OpenAIProvider } from '../../../src/core/llm/openaiProvider';
import { findServerKind } from '../../../src/core/llm/serverKind';
import type { GetAnswer } from '../../../src/core/llm/serverKind';
import { collect } from './helpers';

/**
 * Real recorded responses (TGI 3.1.2's own snapshots, an api.openai.com stream) and responses
 * built to vLLM's, llama.cpp's and Ollama's serializers, replayed through the real providers.
 * They are third-party data kept beside the repository, read at test time, never copied in.
 */
const DIR = path.resolve(__dirname, '../../../../shared/realworld-protocols/fixtures');
const present = fs.existsSync(DIR);
const load = (name: string): Record<string, unknown> => JSON.parse(fs.readFileSync(path.join(DIR, name), 'utf8')) as Record<string, unknown>;
const chunksOf = (name: string): unknown[] => load(name).chunks as unknown[];
const timeouts = { firstByteChatMs: 2000, firstByteInlineMs: 2000, gapMs: 2000 };
const signal = () => new AbortController().signal;
const chat = (model: string) => ({ feature: 'explain' as const, model, messages: [{ role: 'user' as const, content: 'Say OK!' }] });
const fim = (model: string) => ({ feature: 'inline' as const, model, prefix: 'What is Deep Learning?', suffix: '', maxTokens: 10 });

/** Serves recorded chunks as SSE framed like TGI (`data:` without a space) or OpenAI (`data: `). */
async function replay(route: string, pick: (body: Record<string, unknown>) => unknown[], opts: { space: boolean; done: boolean; info?: unknown }): Promise<Emulator> {
  return startEmulator((x) => {
    const p = x.rec.path.split('?')[0];
    if (x.rec.method === 'GET' && p === '/info' && opts.info) return json(x.res, 200, opts.info);
    if (x.rec.method !== 'POST' || p !== route) return json(x.res, 404, { error: 'not found' });
    const b = (x.rec.body && typeof x.rec.body === 'object' ? x.rec.body : {}) as Record<string, unknown>;
    x.res.writeHead(200, { 'content-type': 'text/event-stream' });
    for (const c of pick(b)) x.res.write(`data:${opts.space ? ' ' : ''}${JSON.stringify(c)}\n\n`);
    if (opts.done) x.res.write(`data:${opts.space ? ' ' : ''}[DONE]\n\n`);
    x.res.end();
  });
}

const asked = (b: Record<string, unknown>) => JSON.stringify(b.stream_options) === JSON.stringify({ include_usage: true });

(present ? describe : describe.skip)('recorded server responses through the real providers', () => {
  let emu: Emulator;
  afterEach(() => emu?.close());

  it('TGI chat (test_chat_openai_usage): "OK!", stop, 39 in / 3 out as recorded (it asked: unasked, TGI sends the nousage recording)', async () => {
    emu = await replay('/v1/chat/completions', (b) => chunksOf(asked(b) ? 'tgi_test_chat_openai_usage.json' : 'tgi_test_chat_openai_nousage.json'), { space: false, done: true });
    const p = new HuggingFaceProvider({ baseUrl: emu.url, timeouts, fimTemplate: 'auto' });
    const out = await collect(p.streamChat(chat('meta-llama/Llama-3.1-8B-Instruct'), signal()));
    assert.equal(out.error, undefined, out.error?.message);
    assert.equal(out.text, 'OK!');
    assert.equal(out.done?.finishReason, 'stop');
    assert.deepEqual({ ...out.usage }, { inputTokens: 39, cachedInputTokens: 0, outputTokens: 3, estimated: false });
    assert.ok(asked(emu.requests.find((r) => r.method === 'POST')?.body as Record<string, unknown>));
  });

  it('TGI chat (test_flash_llama_completion_stream_usage): text, length, 40 / 10', async () => {
    const chunks = chunksOf('tgi_test_flash_llama_completion_stream_usage.json');
    emu = await replay('/v1/chat/completions', () => chunks, { space: false, done: true });
    const p = new HuggingFaceProvider({ baseUrl: emu.url, timeouts, fimTemplate: 'auto' });
    const out = await collect(p.streamChat(chat('meta-llama/Llama-3.1-8B-Instruct'), signal()));
    const expected = chunks.map((c) => ((c as { choices: { delta?: { content?: string } }[] }).choices[0]?.delta?.content ?? '')).join('');
    assert.equal(out.text, expected);
    assert.equal(out.done?.finishReason, 'length');
    assert.deepEqual({ ...out.usage }, { inputTokens: 40, cachedInputTokens: 0, outputTokens: 10, estimated: false });
  });

  for (const idx of ['idx0', 'idx3']) {
    it(`TGI /v1/completions stream (many_prompts ${idx}): text, length, recorded usage`, async () => {
      const chunks = chunksOf(`tgi_completions_stream_${idx}.json`);
      const last = chunks.at(-1) as { usage: { prompt_tokens: number; completion_tokens: number } };
      emu = await replay('/v1/completions', () => chunks, { space: false, done: false, info: { model_id: 'meta-llama/Llama-3.1-8B-Instruct', max_input_tokens: 1024, max_total_tokens: 2048, max_stop_sequences: 4 } });
      const p = new HuggingFaceProvider({ baseUrl: emu.url, timeouts, fimTemplate: 'starcoder' });
      const out = await collect(p.streamFim(fim('meta-llama/Llama-3.1-8B-Instruct'), signal()));
      assert.equal(out.error, undefined, out.error?.message);
      assert.equal(out.text, chunks.map((c) => (c as { choices: { text: string }[] }).choices[0].text).join(''));
      assert.equal(out.done?.finishReason, 'length');
      assert.deepEqual({ ...out.usage }, { inputTokens: last.usage.prompt_tokens, cachedInputTokens: 0, outputTokens: last.usage.completion_tokens, estimated: false });
    });
  }

  it('TGI /info (the spec\'s Info example) tells TGI', async () => {
    const ex = (load('tgi_info.json').info_schema_examples ?? {}) as Record<string, string>;
    // The spec writes its examples as strings; a server sends them typed.
    const typed = Object.fromEntries(Object.entries(ex).map(([k, v]) => [k, v === 'null' ? null : /^\d+$/.test(v) ? Number(v) : v]));
    const found = await findServerKind('auto', async (p): Promise<GetAnswer> => (p === '/info' ? { status: 200, body: typed, text: JSON.stringify(typed) } : { status: 404, body: undefined, text: '' }));
    assert.equal(found.kind, 'tgi');
  });

  it('api.openai.com (openai-node\'s recording): text, stop, 17 / 10; with a cached usage block, cached tokens as recorded', async () => {
    const chunks = chunksOf('openai_stream_works.json');
    const cached = load('openai_usage_cached.json').usage as { prompt_tokens: number; completion_tokens: number; prompt_tokens_details: { cached_tokens: number } };
    let withCache = false;
    emu = await replay('/v1/chat/completions', () => (withCache ? [...chunks.slice(0, -1), { ...(chunks.at(-1) as object), usage: cached }] : chunks), { space: true, done: true });
    const p = new OpenAIProvider({ baseUrl: `${emu.url}/v1`, timeouts });
    const out = await collect(p.streamChat(chat('gpt-4o-2024-08-06'), signal()));
    const expected = chunks.map((c) => ((c as { choices: { delta?: { content?: string } }[] }).choices[0]?.delta?.content ?? '')).join('');
    assert.equal(out.text, expected);
    assert.equal(out.done?.finishReason, 'stop');
    assert.deepEqual({ ...out.usage }, { inputTokens: 17, cachedInputTokens: 0, outputTokens: 10, estimated: false });
    withCache = true;
    const again = await collect(p.streamChat(chat('gpt-4o-2024-08-06'), signal()));
    assert.deepEqual({ ...again.usage }, { inputTokens: cached.prompt_tokens, cachedInputTokens: cached.prompt_tokens_details.cached_tokens, outputTokens: cached.completion_tokens, estimated: false });
  });

  for (const [file, kind] of [['vllm.json', 'vllm'], ['ollama.json', 'ollama'], ['llamacpp.json', 'llamacpp']] as const) {
    it(`${kind} (built to its serializer, ${file}): detected, text, finish reason and usage as in the fixture`, async () => {
      const f = load(file) as { model: string; pieces: string[]; finish_reason: string; usage: { prompt_tokens: number; completion_tokens: number }; models: unknown };
      emu = await startKindEmulator(kind, { modelId: f.model, gets: { '/v1/models': { status: 200, body: f.models } } });
      emu.setReply({ pieces: f.pieces, finishReason: f.finish_reason, usage: { promptTokens: f.usage.prompt_tokens, completionTokens: f.usage.completion_tokens } });
      const logs: string[] = [];
      const p = new HuggingFaceProvider({ baseUrl: emu.url, timeouts, fimTemplate: 'auto', log: (m) => logs.push(m) });
      const out = await collect(p.streamFim({ ...fim(f.model), maxTokens: 16 }, signal()));
      assert.equal(out.error, undefined, out.error?.message);
      assert.equal(out.text, f.pieces.join(''));
      assert.equal(out.done?.finishReason, f.finish_reason === 'length' ? 'length' : 'stop');
      assert.deepEqual({ ...out.usage }, { inputTokens: f.usage.prompt_tokens, cachedInputTokens: 0, outputTokens: f.usage.completion_tokens, estimated: false });
      assert.ok(logs.some((l) => l.includes(kind === 'vllm' ? 'vLLM' : kind === 'ollama' ? 'Ollama' : 'llama.cpp')), logs.join('\n'));
    });
  }
});

if (!present) {
  describe('recorded server responses', () => {
    it(`skipped: no recordings at ${DIR} (the shared folder beside the repository)`, function () {
      this.skip();
    });
  });
}
