import { isNumber, isRecord, isString } from '../config';
import type { FetchLike } from '../net/fetchLike';
import type { Piece } from './base';

/**
 * llama.cpp server's `/infill`: the server wraps `input_prefix` / `input_suffix` in the
 * model's own FIM tokens (from the GGUF), puts `input_extra` chunks from other files
 * before them, and with `cache_prompt` reuses the KV cache of the previous keystroke's
 * prompt. Its stream is llama.cpp's native format (`content`, `stop`, `stop_type`,
 * `tokens_evaluated`, `tokens_predicted`, `timings.cache_n`), not OpenAI's.
 */
export interface InfillCall {
  model: string;
  prefix: string;
  suffix: string;
  maxTokens: number;
  /** Context from other files, sent as `input_extra`. */
  snippets?: { path: string; text: string }[];
}

/** A prediction this long is cut at the next newline: a completion must arrive before the editor's 5 s. */
export const INFILL_MAX_PREDICT_MS = 2500;

export function infillBody(call: InfillCall): Record<string, unknown> {
  return {
    ...(call.model ? { model: call.model } : {}),
    input_prefix: call.prefix,
    input_suffix: call.suffix,
    input_extra: (call.snippets ?? []).map((s) => ({ filename: s.path, text: s.text })),
    prompt: '',
    n_predict: call.maxTokens,
    cache_prompt: true,
    t_max_predict_ms: INFILL_MAX_PREDICT_MS,
    stream: true,
  };
}

/** A non-2xx answer, shaped like the HF client's errors so the shared error mapping reads it. */
export class HttpStatusError extends Error {
  readonly httpResponse: { status: number; body: unknown };
  constructor(status: number, body: unknown) {
    super(`HTTP ${status}`);
    this.httpResponse = { status, body };
  }
}

export async function* streamInfill(fetch: FetchLike, baseUrl: string, key: string | undefined, call: InfillCall, signal: AbortSignal): AsyncIterable<Piece> {
  const res = await fetch(`${baseUrl}/infill`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify(infillBody(call)),
    signal,
  });
  if (!res.ok || !res.body) {
    const text = await res.text().catch(() => '');
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* plain text */
    }
    throw new HttpStatusError(res.status, body);
  }
  for await (const data of sseData(res.body)) {
    const raw: unknown = JSON.parse(data);
    const piece = infillPiece(raw);
    if (piece.text || piece.finishReason || piece.usage) yield piece;
  }
}

export function infillPiece(raw: unknown): Piece {
  const piece: Piece = {};
  if (!isRecord(raw)) return piece;
  if (isRecord(raw.error)) {
    const code = isNumber(raw.error.code) ? raw.error.code : 500;
    throw new HttpStatusError(code, raw);
  }
  if (isString(raw.content) && raw.content) piece.text = raw.content;
  if (raw.stop === true) {
    piece.finishReason = raw.stop_type === 'limit' ? 'length' : 'stop';
    if (isNumber(raw.tokens_evaluated) && isNumber(raw.tokens_predicted)) {
      const cached = isRecord(raw.timings) && isNumber(raw.timings.cache_n) ? raw.timings.cache_n : undefined;
      piece.usage = { inputTokens: raw.tokens_evaluated, outputTokens: raw.tokens_predicted, ...(cached !== undefined ? { cachedInputTokens: cached } : {}) };
    }
  }
  return piece;
}

/** The `data:` payloads of a server-sent-events body (with or without a space after the colon), up to `[DONE]`. */
export async function* sseData(body: ReadableStream<Uint8Array>): AsyncIterable<string> {
  const decoder = new TextDecoder();
  const reader = body.getReader();
  let buffer = '';
  let data: string[] = [];
  try {
    for (;;) {
      const { done, value } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl).replace(/\r$/, '');
        buffer = buffer.slice(nl + 1);
        if (line === '') {
          if (data.length) {
            const payload = data.join('\n');
            data = [];
            if (payload === '[DONE]') return;
            yield payload;
          }
        } else if (line.startsWith('data:')) {
          data.push(line.slice(5).replace(/^ /, ''));
        } else if (line.startsWith('error:')) {
          // llama.cpp reports a failure mid-stream as an `error:` line.
          data.push(JSON.stringify({ error: safeJson(line.slice(6).trim()) }));
        }
      }
      if (done) break;
    }
    if (data.length && data.join('\n') !== '[DONE]') yield data.join('\n');
  } finally {
    reader.releaseLock();
  }
}

function safeJson(text: string): unknown {
  try {
    const v: unknown = JSON.parse(text);
    return isRecord(v) && isRecord(v.error) ? v.error : v;
  } catch {
    return { message: text };
  }
}
