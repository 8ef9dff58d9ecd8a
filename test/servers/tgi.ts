import type http from 'node:http';
import type { Emulator, Exchange } from './common';
import { estimateTokens, json, replyText, sleep, startEmulator, streamPlan, writeStream } from './common';

/**
 * A loopback text-generation-inference router with its quirks: `data:` without
 * a space, `"id":""`, intermediate `finish_reason: ""`, a last chunk with the raw reason and
 * usage (and possibly the EOS text), errors as `{error, error_type}`, `/generate_stream`
 * errors as events after a 200 and no `[DONE]`, `/info`, `/health`, 503 while scaling from zero.
 */
export interface TgiEmulatorOptions {
  modelId?: string;
  maxInputTokens?: number;
  maxTotalTokens?: number;
  maxStopSequences?: number;
  /** Bearer token required on every route; undefined = none. */
  token?: string;
  /** Also send x-prompt-tokens / x-generated-tokens / x-compute-time on streaming responses. */
  streamHeaders?: boolean;
  /** Compute time reported in x-compute-time (ms). */
  computeMs?: number;
  /** Serve POST /tokenize (default true); false answers 404, as servers without it do. */
  tokenize?: boolean;
  /** A TGI from before `stream_options`: 422 on any request that carries it. */
  rejectStreamOptions?: boolean;
}

/** Like the real router: a stream carries usage only when the request asks (`stream_options.include_usage`). */
export function asksUsage(b: Record<string, unknown>): boolean {
  const o = b.stream_options;
  return typeof o === 'object' && o !== null && (o as Record<string, unknown>).include_usage === true;
}

const DEFAULT_TEXT = 'return a + b';

function tgiError(res: http.ServerResponse, status: number, error: string, errorType: string, headers: Record<string, string> = {}): void {
  json(res, status, { error, error_type: errorType }, headers);
}

function bodyOf(x: Exchange): Record<string, unknown> {
  return x.rec.body && typeof x.rec.body === 'object' ? (x.rec.body as Record<string, unknown>) : {};
}

function promptOf(b: Record<string, unknown>): string {
  if (typeof b.prompt === 'string') return b.prompt;
  if (typeof b.inputs === 'string') return b.inputs;
  if (Array.isArray(b.messages)) return b.messages.map((m: { content?: unknown }) => (typeof m.content === 'string' ? m.content : '')).join('\n');
  return '';
}

export async function startTgiEmulator(options: TgiEmulatorOptions = {}): Promise<Emulator> {
  const modelId = options.modelId ?? 'bigcode/starcoder2-15b';
  const maxInput = options.maxInputTokens ?? 4095;
  const maxTotal = options.maxTotalTokens ?? 4096;
  const maxStop = options.maxStopSequences ?? 4;

  /** TGI's validation, so a client that ignores /info gets a realistic 422. */
  function validate(x: Exchange, b: Record<string, unknown>, maxNew: number): string | undefined {
    const input = estimateTokens(promptOf(b));
    const stop = Array.isArray(b.stop) ? b.stop : [];
    if (stop.length > maxStop) return `Input validation error: \`stop\` supports up to ${maxStop} stop sequences. Given: ${stop.length}`;
    if (typeof b.temperature === 'number' && b.temperature <= 0) return 'Input validation error: `temperature` must be strictly positive';
    if (input > maxInput) return `Input validation error: \`inputs\` must have less than ${maxInput} tokens. Given: ${input}`;
    if (input + maxNew > maxTotal) return `Input validation error: \`inputs\` tokens + \`max_new_tokens\` must be <= ${maxTotal}. Given: ${input} \`inputs\` tokens and ${maxNew} \`max_new_tokens\``;
    if ('suffix' in b && b.suffix) return 'Input validation error: `suffix` is not supported';
    void x;
    return undefined;
  }

  async function v1(x: Exchange, chat: boolean): Promise<void> {
    const { res } = x;
    const b = bodyOf(x);
    const maxNew = typeof b.max_tokens === 'number' ? b.max_tokens : 100;
    if (options.rejectStreamOptions && 'stream_options' in b) return tgiError(res, 422, 'Failed to deserialize the JSON body into the target type: unknown field `stream_options`', 'validation');
    const invalid = validate(x, b, maxNew);
    if (invalid) return tgiError(res, 422, invalid, 'validation');
    const text = replyText(x, DEFAULT_TEXT);
    const withUsage = asksUsage(b);
    const usage = x.reply.usage ?? { promptTokens: estimateTokens(promptOf(b)), completionTokens: estimateTokens(text) };
    const usageJson = { prompt_tokens: usage.promptTokens, completion_tokens: usage.completionTokens, total_tokens: usage.promptTokens + usage.completionTokens };
    const created = Math.floor(Date.now() / 1000);
    const fp = '3.3.4-native';
    const finish = x.reply.finishReason ?? (chat ? 'stop' : 'eos_token');
    const headers = tgiHeaders(usage.promptTokens, usage.completionTokens);
    if (!b.stream) {
      const choice = chat ? { index: 0, message: { role: 'assistant', content: text }, logprobs: null, finish_reason: finish } : { index: 0, text, logprobs: null, finish_reason: finish };
      json(res, 200, { id: '', object: chat ? 'chat.completion' : 'text_completion', created, model: modelId, system_fingerprint: fp, choices: [choice], usage: usageJson }, headers);
      return;
    }
    const send = (o: unknown) => res.write(`data:${JSON.stringify(o)}\n\n`);
    const chunk = (t: string, reason: string | null, withUsage: boolean) =>
      chat
        ? { object: 'chat.completion.chunk', id: '', created, model: modelId, system_fingerprint: fp, choices: [{ index: 0, delta: { role: 'assistant', content: t }, logprobs: null, finish_reason: reason }], usage: withUsage ? usageJson : null }
        : { id: '', object: 'text_completion', created, model: modelId, system_fingerprint: fp, choices: [{ index: 0, text: t, logprobs: null, finish_reason: reason ?? '' }], usage: withUsage ? usageJson : null };
    // Chat (TGI 3.x snapshots): the finish chunk has usage null, then a `choices: []` chunk with usage when asked.
    // Completions: the last chunk carries the reason, and usage when asked.
    const finalChunk = (t: string) => {
      if (chat) {
        send(chunk(t, finish, false));
        if (withUsage) send({ object: 'chat.completion.chunk', id: '', created, model: modelId, system_fingerprint: fp, choices: [], usage: usageJson });
      } else send(chunk(t, finish, withUsage));
    };
    const plan = streamPlan(x, text);
    await writeStream(x, plan, {
      head: () => {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'x-compute-type': 'gpu+optimized', ...(options.streamHeaders ? headers : {}) });
        res.write(': keep-alive\n\n');
      },
      token: (t, _i, last) => {
        if (last) {
          // TGI puts the raw reason and usage on the last token chunk; its text may be the EOS text.
          send(chunk(t, null, false));
          finalChunk(x.reply.eosText ?? '');
        } else send(chunk(t, null, false));
      },
      tail: () => {
        if (plan.tokens.length === 0) finalChunk(x.reply.eosText ?? '');
        if (chat) res.write('data:[DONE]\n\n');
      },
      malformed: () => res.write('data:{"id":"","choices":[{"text":"oops\n\n'),
      errorEvent: (f) => send({ error: f.message, error_type: f.errorType }),
    });
  }

  function tgiHeaders(prompt: number, generated: number): Record<string, string> {
    return {
      'x-compute-type': 'gpu+optimized',
      'x-compute-time': String(options.computeMs ?? 42),
      'x-prompt-tokens': String(prompt),
      'x-generated-tokens': String(generated),
      'x-model-id': modelId,
    };
  }

  async function generate(x: Exchange, stream: boolean): Promise<void> {
    const { res } = x;
    const b = bodyOf(x);
    const params = (b.parameters && typeof b.parameters === 'object' ? b.parameters : {}) as Record<string, unknown>;
    const maxNew = typeof params.max_new_tokens === 'number' ? params.max_new_tokens : 100;
    const invalid = validate(x, { ...params, inputs: b.inputs }, maxNew);
    const text = replyText(x, DEFAULT_TEXT);
    const promptTokens = estimateTokens(promptOf(b));
    if (!stream) {
      if (invalid) return tgiError(res, 422, invalid, 'validation');
      json(res, 200, { generated_text: text }, tgiHeaders(promptTokens, estimateTokens(text)));
      return;
    }
    // /generate_stream always answers 200; errors arrive as events, and there is no [DONE].
    const send = (o: unknown) => res.write(`data:${JSON.stringify(o)}\n\n`);
    if (invalid) {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      send({ error: invalid, error_type: 'validation' });
      res.end();
      return;
    }
    const plan = streamPlan(x, text);
    await writeStream(x, plan, {
      head: () => res.writeHead(200, { 'content-type': 'text/event-stream', 'x-compute-type': 'gpu+optimized' }),
      token: (t, i, last) => send({
        index: i + 1,
        token: { id: i + 1, text: t, logprob: -0.1, special: false },
        generated_text: last ? text : null,
        details: last ? { finish_reason: 'eos_token', generated_tokens: plan.tokens.length, seed: null } : null,
      }),
      tail: () => undefined,
      malformed: () => res.write('data:{"token":{"text":\n\n'),
      errorEvent: (f) => send({ error: f.message, error_type: f.errorType }),
    });
  }

  return startEmulator(async (x) => {
    const { res, rec, fault } = x;
    const path = rec.path.split('?')[0];
    if (options.token !== undefined && rec.headers.authorization !== `Bearer ${options.token}`) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'Authorization header is correct, but the token seems invalid' }));
      return;
    }
    if (fault?.kind === 'status') {
      const h: Record<string, string> = {};
      if (fault.retryAfterSec !== undefined) h['retry-after'] = String(fault.retryAfterSec);
      if (fault.retryAfterMs !== undefined) h['retry-after-ms'] = String(fault.retryAfterMs);
      if (fault.status === 503) {
        // Inference Endpoints' proxy while a scaled-to-zero replica starts: plain text.
        res.writeHead(503, { 'content-type': 'text/plain', ...h });
        res.end('503 Service Unavailable');
        return;
      }
      const type = fault.errorType ?? (fault.status === 429 ? 'overloaded' : fault.status === 422 ? 'validation' : fault.status === 424 ? 'generation' : 'server');
      return tgiError(res, fault.status, fault.message ?? `emulated ${fault.status}`, type, h);
    }
    if (fault?.kind === 'stallBeforeHeaders') return;
    if (rec.method === 'GET' && path === '/info') {
      return json(res, 200, {
        model_id: modelId, model_sha: null, model_pipeline_tag: 'text-generation', max_concurrent_requests: 128, max_best_of: 2,
        max_stop_sequences: maxStop, max_input_tokens: maxInput, max_total_tokens: maxTotal, validation_workers: 2, max_client_batch_size: 4,
        router: 'text-generation-router', version: '3.3.4',
      });
    }
    if (rec.method === 'GET' && path === '/health') {
      res.writeHead(200);
      res.end();
      return;
    }
    if (rec.method === 'GET' && path === '/v1/models') {
      return json(res, 200, { object: 'list', data: [{ id: modelId, object: 'model', created: 0, owned_by: modelId }] });
    }
    if (rec.method === 'POST' && path === '/tokenize' && options.tokenize !== false) {
      // One token per 4 characters, so the counts agree with this emulator's usage and validation.
      const inputs = typeof bodyOf(x).inputs === 'string' ? String(bodyOf(x).inputs) : '';
      const tokens = Array.from({ length: inputs ? estimateTokens(inputs) : 0 }, (_v, i) => ({ id: 1000 + i, text: inputs.slice(i * 4, i * 4 + 4), start: i * 4, stop: Math.min(inputs.length, i * 4 + 4) }));
      return json(res, 200, tokens);
    }
    if (rec.method === 'POST' && path === '/v1/chat/completions') return v1(x, true);
    if (rec.method === 'POST' && path === '/v1/completions') return v1(x, false);
    if (rec.method === 'POST' && (path === '/generate' || path === '/')) return generate(x, false);
    if (rec.method === 'POST' && path === '/generate_stream') return generate(x, true);
    await sleep(0);
    res.writeHead(404);
    res.end();
  });
}
