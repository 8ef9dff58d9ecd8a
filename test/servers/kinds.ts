import type http from 'node:http';
import type { Emulator, Exchange } from './common';
import { estimateTokens, json, replyText, startEmulator, streamPlan, writeStream } from './common';
import { asksUsage } from './tgi';

/**
 * Loopback emulators of the other private servers, framed like their serializers:
 * - vLLM: `data: ` with a space, usage null on chunks and a `choices: []` usage chunk only
 *   when asked, `[DONE]`; `GET /v1/models` owned_by "vllm"; `/info` 404 `{"detail"}`;
 *   rejects `suffix` (400).
 * - Ollama: `GET /` "Ollama is running", `/api/tags`, `/v1/models` owned_by "library";
 *   usage only when asked; `/info` and `/health` 404 as plain text.
 * - llama.cpp server: `/infill` in its native format (`content`, `stop`, `stop_type`,
 *   `tokens_evaluated`, `tokens_predicted`, `timings`), no `[DONE]`; `/v1/completions` with
 *   usage always on the last chunk; `/props`, `/health`, `/v1/models` owned_by "llamacpp".
 */
export type ServerKindName = 'vllm' | 'ollama' | 'llamacpp';

export interface KindEmulatorOptions {
  modelId?: string;
  /** Prompt tokens the server found in its KV cache (llama.cpp `timings.cache_n`). */
  cachedTokens?: number;
  /** GET answers to serve verbatim instead (e.g. a recording's `/v1/models`); a string body is sent as plain text. */
  gets?: Record<string, { status: number; body: unknown }>;
}

const DEFAULT_MODELS: Record<ServerKindName, string> = { vllm: 'bigcode/starcoder2-3b', ollama: 'qwen2.5-coder:7b', llamacpp: 'qwen2.5-coder-7b-q8_0.gguf' };
const OWNERS: Record<ServerKindName, string> = { vllm: 'vllm', ollama: 'library', llamacpp: 'llamacpp' };

function bodyOf(x: Exchange): Record<string, unknown> {
  return x.rec.body && typeof x.rec.body === 'object' ? (x.rec.body as Record<string, unknown>) : {};
}

function promptText(b: Record<string, unknown>): string {
  const parts = [b.prompt, b.suffix, b.input_prefix, b.input_suffix].filter((v): v is string => typeof v === 'string');
  if (Array.isArray(b.messages)) for (const m of b.messages as { content?: unknown }[]) if (typeof m.content === 'string') parts.push(m.content);
  return parts.join('');
}

function notFound(res: http.ServerResponse, kind: ServerKindName): void {
  if (kind === 'vllm') return json(res, 404, { detail: 'Not Found' });
  if (kind === 'llamacpp') return json(res, 404, { error: { code: 404, message: 'File Not Found', type: 'not_found_error' } });
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
  res.end('404 page not found');
}

export async function startKindEmulator(kind: ServerKindName, options: KindEmulatorOptions = {}): Promise<Emulator> {
  const modelId = options.modelId ?? DEFAULT_MODELS[kind];

  async function openai(x: Exchange, chat: boolean): Promise<void> {
    const { res } = x;
    const b = bodyOf(x);
    if (kind === 'vllm' && !chat && 'suffix' in b) return json(res, 400, { error: { message: 'suffix is not currently supported', type: 'BadRequestError', code: 400 } });
    const text = replyText(x, 'return a + b');
    const usage = x.reply.usage ?? { promptTokens: estimateTokens(promptText(b)), completionTokens: estimateTokens(text) };
    const usageJson = { prompt_tokens: usage.promptTokens, completion_tokens: usage.completionTokens, total_tokens: usage.promptTokens + usage.completionTokens };
    const finish = x.reply.finishReason ?? 'stop';
    // llama.cpp always reports usage on its last chunk; vLLM and Ollama only when asked.
    const withUsage = kind === 'llamacpp' || asksUsage(b);
    const created = Math.floor(Date.now() / 1000);
    const id = kind === 'ollama' ? 'cmpl-123' : 'cmpl-emulated';
    const head = { id, object: chat ? 'chat.completion.chunk' : 'text_completion', created, model: modelId, ...(kind === 'ollama' ? { system_fingerprint: 'fp_ollama' } : {}) };
    const choice = (t: string, reason: string | null) => (chat ? { index: 0, delta: { content: t }, logprobs: null, finish_reason: reason } : { index: 0, text: t, logprobs: null, finish_reason: reason });
    const send = (o: unknown) => res.write(`data: ${JSON.stringify(o)}\n\n`);
    const plan = streamPlan(x, text);
    const usageNull = kind === 'vllm' ? { usage: null } : {};
    await writeStream(x, plan, {
      head: () => res.writeHead(200, { 'content-type': 'text/event-stream' }),
      token: (t, _i, last) => {
        if (kind === 'llamacpp' && last) {
          send({ ...head, choices: [choice(t, null)] });
          send({ ...head, choices: [choice('', finish)], usage: usageJson, timings: { cache_n: options.cachedTokens ?? 0, prompt_n: usage.promptTokens, predicted_n: usage.completionTokens } });
        } else send({ ...head, choices: [choice(t, last ? finish : null)], ...usageNull });
      },
      tail: () => {
        if (withUsage && kind !== 'llamacpp') send({ ...head, choices: [], usage: usageJson });
        res.write('data: [DONE]\n\n');
      },
      malformed: () => res.write('data: {"choices":[{"text":\n\n'),
    });
  }

  async function infill(x: Exchange): Promise<void> {
    const { res } = x;
    const b = bodyOf(x);
    const text = replyText(x, 'return a + b');
    const usage = x.reply.usage ?? { promptTokens: estimateTokens(promptText(b)), completionTokens: estimateTokens(text) };
    const plan = streamPlan(x, text);
    const send = (o: unknown) => res.write(`data: ${JSON.stringify(o)}\n\n`);
    const stopType = x.reply.finishReason === 'length' ? 'limit' : 'eos';
    let n = 0;
    await writeStream(x, plan, {
      head: () => res.writeHead(200, { 'content-type': 'text/event-stream' }),
      token: (t) => send({ index: 0, content: t, tokens: [], stop: false, id_slot: 0, tokens_predicted: ++n, tokens_evaluated: usage.promptTokens }),
      tail: () => send({
        index: 0, content: '', tokens: [], id_slot: 0, stop: true, model: modelId, tokens_predicted: usage.completionTokens, tokens_evaluated: usage.promptTokens,
        generation_settings: {}, prompt: '', has_new_line: text.includes('\n'), truncated: false, stop_type: stopType, stopping_word: '', tokens_cached: usage.promptTokens + usage.completionTokens,
        timings: { cache_n: options.cachedTokens ?? 0, prompt_n: usage.promptTokens - (options.cachedTokens ?? 0), prompt_ms: 1, predicted_n: usage.completionTokens, predicted_ms: 1 },
      }),
      malformed: () => res.write('data: {"content":\n\n'),
    });
  }

  return startEmulator(async (x) => {
    const { res, rec, fault } = x;
    const path = rec.path.split('?')[0];
    if (fault?.kind === 'status') return json(res, fault.status, { error: { message: fault.message ?? `emulated ${fault.status}`, type: 'error', code: fault.status } });
    const canned = rec.method === 'GET' ? options.gets?.[path] : undefined;
    if (canned) {
      if (typeof canned.body !== 'string') return json(res, canned.status, canned.body);
      res.writeHead(canned.status, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(canned.body);
      return;
    }
    if (rec.method === 'GET' && path === '/v1/models') {
      return json(res, 200, { object: 'list', data: [{ id: modelId, object: 'model', created: 1717000000, owned_by: OWNERS[kind] }] });
    }
    if (rec.method === 'GET' && path === '/' && kind === 'ollama') {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Ollama is running');
      return;
    }
    if (rec.method === 'GET' && path === '/api/tags' && kind === 'ollama') return json(res, 200, { models: [{ name: modelId, model: modelId, size: 1, digest: 'sha256:0' }] });
    if (rec.method === 'GET' && path === '/health' && kind !== 'ollama') {
      if (kind === 'llamacpp') return json(res, 200, { status: 'ok' });
      res.writeHead(200);
      res.end();
      return;
    }
    if (rec.method === 'GET' && path === '/props' && kind === 'llamacpp') return json(res, 200, { default_generation_settings: { n_ctx: 4096 }, total_slots: 1, model_path: `/models/${modelId}` });
    if (rec.method === 'POST' && path === '/v1/chat/completions') return openai(x, true);
    if (rec.method === 'POST' && path === '/v1/completions') return openai(x, false);
    if (rec.method === 'POST' && path === '/infill' && kind === 'llamacpp') return infill(x);
    notFound(res, kind);
  });
}
