import type { OpenAI } from 'openai';
import { sdk } from '../net/sdkLoader';
import type { Piece, ProviderDeps, RequestContext } from './base';
import { BaseProvider } from './base';
import { hostOf, ProviderError } from './errors';
import { inlineChatMessages } from './inlinePrompt';
import { InlineAnswerStream } from './inlineStream';
import type { ChatMessage, ChatRequest, FimRequest } from './types';

/**
 * OpenAI (and OpenAI-compatible servers) on the `openai` package. Only translation lives
 * here; timeouts, abort, usage and errors are the base's. The package's own retries are
 * off (`maxRetries: 0`): retries are decided in retry.ts.
 */
export class OpenAIProvider extends BaseProvider {
  readonly id = 'openai' as const;

  constructor(deps: ProviderDeps) {
    super(deps);
  }

  private client(ctx: RequestContext): OpenAI {
    const official = hostOf(this.deps.baseUrl) === 'api.openai.com';
    if (!this.deps.key && official) {
      throw new ProviderError({ kind: 'auth', provider: 'openai', actions: ['setOpenAIKey'], message: 'No OpenAI API key is set. Run "Tandem: Set OpenAI API Key" (or set OPENAI_API_KEY).' });
    }
    return new (sdk().OpenAI)({
      // Keyless self-hosted OpenAI-compatible servers still need a key for the client to start.
      apiKey: this.deps.key || 'sk-no-key-required',
      baseURL: this.deps.baseUrl,
      maxRetries: 0,
      // Only a backstop for the header wait: the base's own first-byte timer fires first.
      timeout: ctx.firstByteMs + 1000,
      fetch: ctx.fetch,
    });
  }

  protected async *chatPieces(req: ChatRequest, ctx: RequestContext): AsyncIterable<Piece> {
    yield* this.stream(req.model, req.messages, { maxTokens: req.maxTokens, temperature: req.temperature, stop: req.stop }, ctx);
  }

  protected async *fimPieces(req: FimRequest, ctx: RequestContext): AsyncIterable<Piece> {
    // Lines pass as they come where parsing the whole answer could not change them (fences,
    // echoes: inlineStream.ts); the rest once the answer is complete.
    const answer = new InlineAnswerStream(req.prefix, req.suffix);
    let last: Piece = {};
    for await (const p of this.stream(req.model, inlineChatMessages(req), { maxTokens: req.maxTokens, temperature: 0 }, ctx)) {
      const now = p.text ? answer.push(p.text) : '';
      if (now) yield { text: now };
      if (p.usage) last = { ...last, usage: p.usage };
      if (p.finishReason) last = { ...last, finishReason: p.finishReason };
    }
    yield { ...last, text: answer.end() };
  }

  private async *stream(model: string, messages: ChatMessage[], o: { maxTokens?: number; temperature?: number; stop?: string[] }, ctx: RequestContext): AsyncIterable<Piece> {
    const client = this.client(ctx);
    const official = hostOf(this.deps.baseUrl) === 'api.openai.com';
    const stream = await client.chat.completions.create(
      {
        model,
        messages,
        stream: true,
        stream_options: { include_usage: true },
        // api.openai.com wants max_completion_tokens (reasoning models reject max_tokens);
        // compatible servers (vLLM, llama.cpp, Ollama) know max_tokens.
        ...(o.maxTokens === undefined ? {} : official ? { max_completion_tokens: o.maxTokens } : { max_tokens: o.maxTokens }),
        // Reasoning models (o-series, gpt-5) accept only the default temperature.
        ...(o.temperature !== undefined && !/^(o\d|gpt-5)/.test(model) ? { temperature: o.temperature } : {}),
        ...(o.stop?.length ? { stop: o.stop.slice(0, 4) } : {}),
      },
      { signal: ctx.signal },
    );
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      const piece: Piece = {};
      if (choice?.delta?.content) piece.text = choice.delta.content;
      if (choice?.finish_reason) piece.finishReason = choice.finish_reason;
      if (chunk.usage) {
        piece.usage = {
          inputTokens: chunk.usage.prompt_tokens,
          outputTokens: chunk.usage.completion_tokens,
          cachedInputTokens: chunk.usage.prompt_tokens_details?.cached_tokens ?? 0,
        };
      }
      if (piece.text || piece.finishReason || piece.usage) yield piece;
    }
  }
}
