import type http from 'node:http';
import type { Emulator, Exchange } from './common';
import { estimateTokens, faultHeaders, json, replyText, startEmulator, streamPlan, writeStream } from './common';

/**
 * A loopback OpenAI API: `/v1/chat/completions`, `/v1/completions` (SSE `data: {json}` with
 * a space, `usage: null` on chunks, a final usage chunk with `choices: []` when
 * `stream_options.include_usage`, `data: [DONE]`) and `GET /v1/models` (401 without the key).
 */
export interface OpenAIEmulatorOptions {
  /** The bearer key the server accepts on every route; undefined = any key. */
  apiKey?: string;
  models?: string[];
}

const DEFAULT_TEXT = 'Hello from the OpenAI emulator.';

function promptText(body: unknown): string {
  if (!body || typeof body !== 'object') return '';
  const b = body as { messages?: { content?: unknown }[]; prompt?: unknown };
  if (Array.isArray(b.messages)) return b.messages.map((m) => (typeof m.content === 'string' ? m.content : '')).join('\n');
  return typeof b.prompt === 'string' ? b.prompt : '';
}

function openaiError(res: http.ServerResponse, status: number, message: string, type: string, headers: Record<string, string> = {}): void {
  json(res, status, { error: { message, type, param: null, code: null } }, headers);
}

function authorized(x: Exchange, apiKey: string | undefined): boolean {
  if (apiKey === undefined) return true;
  return x.req.headers.authorization === `Bearer ${apiKey}`;
}

async function completions(x: Exchange, chat: boolean): Promise<void> {
  const { res } = x;
  const body = (x.rec.body && typeof x.rec.body === 'object' ? x.rec.body : {}) as {
    model?: string; stream?: boolean; stream_options?: { include_usage?: boolean };
  };
  const model = body.model ?? 'gpt-emulated';
  const text = replyText(x, DEFAULT_TEXT);
  const usage = x.reply.usage ?? { promptTokens: estimateTokens(promptText(x.rec.body)), completionTokens: estimateTokens(text) };
  const usageJson = {
    prompt_tokens: usage.promptTokens,
    completion_tokens: usage.completionTokens,
    total_tokens: usage.promptTokens + usage.completionTokens,
    prompt_tokens_details: { cached_tokens: usage.cachedTokens ?? 0 },
  };
  const id = chat ? 'chatcmpl-emu' : 'cmpl-emu';
  const object = chat ? 'chat.completion.chunk' : 'text_completion';
  const created = Math.floor(Date.now() / 1000);
  const finish = x.reply.finishReason ?? 'stop';
  if (!body.stream) {
    const choice = chat
      ? { index: 0, message: { role: 'assistant', content: text }, finish_reason: finish }
      : { index: 0, text, finish_reason: finish };
    json(res, 200, { id, object: chat ? 'chat.completion' : 'text_completion', created, model, choices: [choice], usage: usageJson });
    return;
  }
  const send = (obj: unknown) => res.write(`data: ${JSON.stringify(obj)}\n\n`);
  const choice = (content: string | undefined, finishReason: string | null) =>
    chat
      ? { index: 0, delta: content === undefined ? {} : { content }, finish_reason: finishReason }
      : { index: 0, text: content ?? '', finish_reason: finishReason };
  await writeStream(x, streamPlan(x, text), {
    head: () => {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
      if (chat) send({ id, object, created, model, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }], usage: null });
    },
    token: (t) => send({ id, object, created, model, choices: [choice(t, null)], usage: null }),
    tail: () => {
      send({ id, object, created, model, choices: [choice(undefined, finish)], usage: null });
      if (body.stream_options?.include_usage) send({ id, object, created, model, choices: [], usage: usageJson });
      res.write('data: [DONE]\n\n');
    },
    malformed: () => res.write('data: {"id":"chatcmpl-emu","choices":[{"delta":{"content":"oops\n\n'),
  });
}

export async function startOpenAIEmulator(options: OpenAIEmulatorOptions = {}): Promise<Emulator> {
  return startEmulator(async (x) => {
    const { res, fault, rec } = x;
    const path = rec.path.split('?')[0];
    if (!authorized(x, options.apiKey)) {
      openaiError(res, 401, 'Incorrect API key provided.', 'invalid_request_error');
      return;
    }
    if (fault?.kind === 'status') {
      const type = fault.status === 429 ? 'rate_limit_exceeded' : fault.status >= 500 ? 'server_error' : 'invalid_request_error';
      openaiError(res, fault.status, fault.message ?? `emulated ${fault.status}`, type, faultHeaders(fault));
      return;
    }
    if (rec.method === 'GET' && path === '/v1/models') {
      json(res, 200, { object: 'list', data: (options.models ?? ['gpt-4.1-mini', 'gpt-4.1-nano']).map((id) => ({ id, object: 'model', created: 0, owned_by: 'emulator' })) });
      return;
    }
    if (rec.method === 'POST' && path === '/v1/chat/completions') return completions(x, true);
    if (rec.method === 'POST' && path === '/v1/completions') return completions(x, false);
    openaiError(res, 404, `Unknown route ${rec.method} ${path}`, 'invalid_request_error');
  });
}
