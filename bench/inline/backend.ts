import { performance } from 'node:perf_hooks';
import type { InlineBackend } from '../../src/core/inline/completer';
import type { Chunk, FimRequest } from '../../src/core/llm/types';

/**
 * The HTTP leg used by the benchmark: a StarCoder FIM prompt POSTed to `/v1/completions`
 * with `stream: true` (what the Hugging Face provider sends to TGI), SSE parsed as it
 * arrives. `onCall` marks the moment the provider is called.
 */
export const STARCODER_TOKENS = {
  stop: ['<|endoftext|>', '<file_sep>', '<fim_prefix>'],
  special: ['<|endoftext|>', '<file_sep>', '<fim_prefix>', '<fim_suffix>', '<fim_middle>', '<fim_pad>', '<repo_name>'],
};

export function httpFimBackend(url: string, promptTokens: number, onCall?: (id: string, at: number, prompt: string) => void): InlineBackend {
  return {
    providerId: 'huggingface',
    model: 'bigcode/starcoder2-3b',
    promptTokens,
    chat: false,
    tokens: STARCODER_TOKENS,
    async *stream(req: FimRequest, signal: AbortSignal, id: string): AsyncIterable<Chunk> {
      const at = performance.now();
      const prompt = `<fim_prefix>${req.prefix}<fim_suffix>${req.suffix}<fim_middle>`;
      onCall?.(id, at, prompt);
      const res = await fetch(`${url}/v1/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-bench-id': id },
        body: JSON.stringify({ model: req.model, prompt, max_tokens: req.maxTokens, stream: true, stop: STARCODER_TOKENS.stop }),
        signal,
      });
      if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
      const decoder = new TextDecoder();
      let buf = '';
      let usage = { inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, estimated: true };
      const reader = res.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buf += decoder.decode(value, { stream: true });
        let nl: number;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, nl).trim();
          buf = buf.slice(nl + 1);
          if (!line.startsWith('data:')) continue;
          const data = line.slice(5).trim();
          if (data === '[DONE]') continue;
          const json = JSON.parse(data) as { choices?: { text?: string }[]; usage?: { prompt_tokens: number; completion_tokens: number } };
          if (json.usage) usage = { inputTokens: json.usage.prompt_tokens, cachedInputTokens: 0, outputTokens: json.usage.completion_tokens, estimated: false };
          const text = json.choices?.[0]?.text;
          if (text) yield { type: 'text', text };
        }
      }
      yield { type: 'done', usage, finishReason: 'stop', model: req.model };
    },
  };
}
