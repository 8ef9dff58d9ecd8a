import assert from 'node:assert/strict';
import type { Emulator, RecordedRequest } from '../../servers/common';
import { startTgiEmulator } from '../../servers/tgi';
import { HuggingFaceProvider } from '../../../src/core/llm/huggingfaceProvider';
import { collect } from './helpers';

const timeouts = { firstByteChatMs: 400, firstByteInlineMs: 400, gapMs: 400 };
const fim = (over: Partial<{ model: string; prefix: string; suffix: string; maxTokens: number }> = {}) => ({
  feature: 'inline' as const, model: 'Qwen/Qwen2.5-Coder-7B', prefix: 'def add(a, b):\n    ', suffix: '\n', maxTokens: 32, ...over,
});
const body = (r: RecordedRequest) => r.body as Record<string, unknown>;

describe('HuggingFaceProvider specifics', () => {
  let emu: Emulator;
  afterEach(() => emu.close());

  it('reads /info lazily, once, and sends a raw FIM prompt to /v1/completions with model, max_tokens, capped stops and no temperature', async () => {
    emu = await startTgiEmulator({ maxStopSequences: 2 });
    const logs: string[] = [];
    const p = new HuggingFaceProvider({ baseUrl: emu.url, timeouts, fimTemplate: 'auto', log: (m) => logs.push(m) });
    assert.equal(emu.requests.length, 0, 'nothing at construction');
    emu.setReply({ text: 'return a + b', eosText: '<|endoftext|>' });
    const a = await collect(p.streamFim(fim(), new AbortController().signal));
    await collect(p.streamFim(fim(), new AbortController().signal));
    assert.equal(a.text, 'return a + b', 'EOS text stripped');
    assert.equal(emu.requests.filter((r) => r.path === '/info').length, 1);
    const req = emu.requests.find((r) => r.path === '/v1/completions')!;
    assert.equal(body(req).model, 'Qwen/Qwen2.5-Coder-7B');
    assert.equal(body(req).prompt, '<|fim_prefix|>def add(a, b):\n    <|fim_suffix|>\n<|fim_middle|>');
    assert.equal(body(req).max_tokens, 32);
    assert.deepEqual(body(req).stop, ['<|endoftext|>', '<|fim_pad|>']);
    assert.ok(!('temperature' in body(req)));
    assert.equal(a.usage?.estimated, false);
    assert.match(logs[0], /qwen/);
  });

  it('uses TGI headers for exact usage and compute time when present', async () => {
    emu = await startTgiEmulator({ streamHeaders: true, computeMs: 123 });
    const p = new HuggingFaceProvider({ baseUrl: emu.url, timeouts, fimTemplate: 'starcoder' });
    emu.setReply({ text: 'x', usage: { promptTokens: 9, completionTokens: 1 } });
    const out = await collect(p.streamFim(fim(), new AbortController().signal));
    assert.deepEqual({ ...out.usage }, { inputTokens: 9, cachedInputTokens: 0, outputTokens: 1, estimated: false, computeMs: 123 });
  });

  it('trims the prompt to max_total_tokens, keeping the code nearest the cursor', async () => {
    emu = await startTgiEmulator({ maxInputTokens: 300, maxTotalTokens: 400 });
    const p = new HuggingFaceProvider({ baseUrl: emu.url, timeouts, fimTemplate: 'starcoder' });
    const prefix = 'x = 1\n'.repeat(1000) + 'def near_cursor():\n    ';
    const out = await collect(p.streamFim(fim({ prefix }), new AbortController().signal));
    assert.equal(out.error, undefined, out.error?.message);
    const prompt = String(body(emu.requests.find((r) => r.path === '/v1/completions')!).prompt);
    assert.ok(prompt.length < prefix.length && prompt.includes('def near_cursor():\n    <fim_suffix>'));
  });

  it('fails with a badRequest naming the limit when the endpoint is too small', async () => {
    emu = await startTgiEmulator({ maxInputTokens: 60, maxTotalTokens: 64 });
    const p = new HuggingFaceProvider({ baseUrl: emu.url, timeouts, fimTemplate: 'starcoder' });
    const out = await collect(p.streamFim(fim({ maxTokens: 128 }), new AbortController().signal));
    assert.equal(out.error?.kind, 'badRequest');
    assert.deepEqual(out.error?.limit, { name: 'max_total_tokens', value: 64 });
    assert.match(out.error!.message, /64/);
    assert.equal(emu.requests.filter((r) => r.path === '/v1/completions').length, 0, 'nothing sent');
  });

  it('503 while scaling from zero is unavailable, says so, and is not re-sent by the client', async () => {
    emu = await startTgiEmulator();
    const p = new HuggingFaceProvider({ baseUrl: emu.url, timeouts, fimTemplate: 'auto' });
    emu.setFault({ kind: 'scaleFromZero', requests: 5 });
    const out = await collect(p.streamChat({ feature: 'explain', model: '', messages: [{ role: 'user', content: 'hi' }] }, new AbortController().signal));
    assert.equal(out.error?.kind, 'unavailable');
    assert.equal(out.error?.scalingFromZero, true);
    assert.match(out.error!.message, /starting from zero/);
    assert.equal(emu.requests.filter((r) => r.path === '/v1/chat/completions').length, 1, 'retry_on_error: false');
  });

  it('an error event after a 200 maps by error_type', async () => {
    emu = await startTgiEmulator();
    const p = new HuggingFaceProvider({ baseUrl: emu.url, timeouts, fimTemplate: 'auto' });
    emu.setFault({ kind: 'errorEvent', errorType: 'overloaded', message: 'Model is overloaded', afterTokens: 1 });
    emu.setReply({ text: 'a b c' });
    const out = await collect(p.streamFim(fim(), new AbortController().signal));
    assert.equal(out.error?.kind, 'rateLimited');
    assert.match(out.error!.message, /overloaded/);
  });

  it('always sends a model, even when none is configured', async () => {
    emu = await startTgiEmulator();
    const p = new HuggingFaceProvider({ baseUrl: emu.url, timeouts, fimTemplate: 'auto' });
    await collect(p.streamChat({ feature: 'explain', model: '', messages: [{ role: 'user', content: 'hi' }] }, new AbortController().signal));
    const chat = emu.requests.find((r) => r.path === '/v1/chat/completions')!;
    assert.equal(body(chat).model, 'bigcode/starcoder2-15b', 'the served model from /info');
  });
});
