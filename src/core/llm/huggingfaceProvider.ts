import { InferenceClient } from '@huggingface/inference';
import type { FimTemplateSetting } from '../config';
import { isNumber, isRecord, isString } from '../config';
import { fimPrompt } from '../fim/repoContext';
import { chooseFimTemplate, createSpecialTokenFilter, stopSequences } from '../fim/templates';
import type { Piece, ProviderDeps, RequestContext } from './base';
import { BaseProvider } from './base';
import { ProviderError } from './errors';
import { estimateTokens } from './estimate';
import type { ChatRequest, FimRequest } from './types';

/** What TGI's `GET /info` tells (absent on vLLM, llama.cpp, Ollama). */
export interface EndpointInfo {
  modelId?: string;
  maxInputTokens?: number;
  maxTotalTokens?: number;
  maxStopSequences?: number;
}

export interface HuggingFaceDeps extends ProviderDeps {
  fimTemplate: FimTemplateSetting;
  /** Where template notes go (e.g. "could not tell the FIM format"). */
  log?: (message: string) => void;
}

/** A conservative characters-per-token for trimming (real tokenizers vary; 4 is typical for code). */
const CHARS_PER_TOKEN_SAFE = 3;
const MIN_CONTEXT_TOKENS = 64;

/**
 * The private endpoint (TGI, Inference Endpoints, vLLM, llama.cpp, Ollama) on
 * `@huggingface/inference` with `endpointUrl`: chat streaming, and raw FIM prompts built
 * from the model's template (textGenerationStream POSTs /v1/completions in 4.13.30).
 */
export class HuggingFaceProvider extends BaseProvider {
  readonly id = 'huggingface' as const;
  private info: EndpointInfo | undefined;

  constructor(private readonly hf: HuggingFaceDeps) {
    super(hf);
  }

  private client(ctx: RequestContext): InferenceClient {
    return new InferenceClient(this.hf.key || undefined, { endpointUrl: this.hf.baseUrl, retry_on_error: false, fetch: ctx.fetch });
  }

  knownLimits(): { maxInputTokens?: number; maxTotalTokens?: number } | undefined {
    if (!this.info) return undefined;
    return { ...(this.info.maxInputTokens !== undefined ? { maxInputTokens: this.info.maxInputTokens } : {}), ...(this.info.maxTotalTokens !== undefined ? { maxTotalTokens: this.info.maxTotalTokens } : {}) };
  }

  /** The model id to send: always one (else the endpoint URL goes as the model name). */
  private model(req: { model: string }): string {
    return req.model || this.info?.modelId || 'tgi';
  }

  /** `/info`, read once, lazily (never at construction); an endpoint without it has no known limits. */
  private async endpointInfo(ctx: RequestContext): Promise<EndpointInfo> {
    if (this.info) return this.info;
    let res: Response;
    try {
      res = await ctx.fetch(`${this.hf.baseUrl}/info`, { method: 'GET', headers: this.hf.key ? { authorization: `Bearer ${this.hf.key}` } : {} });
    } catch (e) {
      if (ctx.signal.aborted) throw e;
      return {}; // unreachable now: the real request will say why; try /info again next time
    }
    const info: EndpointInfo = {};
    if (res.ok) {
      const body: unknown = await res.json().catch(() => undefined);
      if (isRecord(body)) {
        if (isString(body.model_id)) info.modelId = body.model_id;
        if (isNumber(body.max_input_tokens)) info.maxInputTokens = body.max_input_tokens;
        else if (isNumber(body.max_input_length)) info.maxInputTokens = body.max_input_length;
        if (isNumber(body.max_total_tokens)) info.maxTotalTokens = body.max_total_tokens;
        if (isNumber(body.max_stop_sequences)) info.maxStopSequences = body.max_stop_sequences;
      }
    } else {
      await res.body?.cancel().catch(() => undefined);
      // 503 = scaling from zero: ask again next time rather than remember "no limits".
      if (res.status >= 500) return info;
    }
    this.info = info;
    return info;
  }

  protected async *chatPieces(req: ChatRequest, ctx: RequestContext): AsyncIterable<Piece> {
    const info = await this.endpointInfo(ctx);
    const input = estimateTokens(req.messages.map((m) => m.content).join('\n'));
    if (info.maxInputTokens !== undefined && input > info.maxInputTokens) {
      throw this.tooLong(`The text is about ${input} tokens; this endpoint accepts at most ${info.maxInputTokens} (max_input_tokens). Select less code.`, 'max_input_tokens', info.maxInputTokens);
    }
    let maxTokens = req.maxTokens;
    if (info.maxTotalTokens !== undefined) maxTokens = Math.max(1, Math.min(maxTokens ?? Infinity, info.maxTotalTokens - input));
    const stream = this.client(ctx).chatCompletionStream(
      {
        model: this.model(req),
        messages: req.messages.map((m) => ({ role: m.role, content: m.content })),
        ...(maxTokens !== undefined && Number.isFinite(maxTokens) ? { max_tokens: maxTokens } : {}),
        ...(req.temperature ? { temperature: req.temperature } : {}),
        ...(req.stop?.length ? { stop: req.stop.slice(0, info.maxStopSequences ?? 4) } : {}),
      },
      { signal: ctx.signal },
    );
    for await (const chunk of stream) {
      const choice = chunk.choices?.[0];
      const piece: Piece = {};
      if (choice?.delta?.content) piece.text = choice.delta.content;
      if (choice?.finish_reason) piece.finishReason = choice.finish_reason;
      if (chunk.usage) piece.usage = { inputTokens: chunk.usage.prompt_tokens, outputTokens: chunk.usage.completion_tokens };
      if (piece.text || piece.finishReason || piece.usage) yield piece;
    }
  }

  protected async *fimPieces(req: FimRequest, ctx: RequestContext): AsyncIterable<Piece> {
    const info = await this.endpointInfo(ctx);
    const choice = chooseFimTemplate(this.hf.fimTemplate, req.model || info.modelId || '');
    if (this.hf.fimTemplate === 'auto') this.hf.log?.(`FIM template: ${choice.note}`);
    const template = choice.template;
    const { prefix, suffix, maxTokens, snippets } = this.fit(req, info);
    const filter = createSpecialTokenFilter(template);
    const stream = this.client(ctx).textGenerationStream(
      {
        model: this.model(req),
        // Context from other files in the model family's own repository format (fim/repoContext.ts).
        inputs: fimPrompt(template, req.model || info.modelId || '', { prefix, suffix, filePath: req.filePath, languageId: req.languageId, snippets }),
        // Always send max tokens (vLLM defaults to 16); no temperature = greedy (TGI rejects 0).
        parameters: { max_new_tokens: maxTokens, stop: stopSequences(template, info.maxStopSequences ?? 4) },
      },
      { signal: ctx.signal },
    );
    for await (const raw of stream) {
      const piece = fimPiece(raw);
      if (piece.text) piece.text = filter.push(piece.text);
      if (piece.text || piece.finishReason || piece.usage) yield piece;
      if (filter.stopped()) {
        yield { finishReason: 'stop' };
        break;
      }
    }
    const rest = filter.flush();
    if (rest) yield { text: rest };
  }

  /** Trims the context to the endpoint's limits (keeping the code nearest the cursor) or fails naming the limit. */
  private fit(req: FimRequest, info: EndpointInfo): { prefix: string; suffix: string; maxTokens: number; snippets?: FimRequest['snippets'] } {
    let maxTokens = req.maxTokens;
    if (info.maxTotalTokens !== undefined) {
      // Leave room for some context; a completion shorter than 8 tokens is not worth asking for.
      maxTokens = Math.min(maxTokens, info.maxTotalTokens - MIN_CONTEXT_TOKENS);
      if (maxTokens < 8) {
        throw this.tooLong(`This endpoint accepts at most ${info.maxTotalTokens} tokens in total (max_total_tokens), too few for code context plus a completion. Use a model served with a larger limit.`, 'max_total_tokens', info.maxTotalTokens);
      }
    }
    const limits = [info.maxInputTokens, info.maxTotalTokens === undefined ? undefined : info.maxTotalTokens - maxTokens].filter((n): n is number => n !== undefined);
    if (!limits.length) return { prefix: req.prefix, suffix: req.suffix, maxTokens, snippets: req.snippets };
    const budgetTokens = Math.min(...limits) - 16; // room for the template's special tokens
    if (budgetTokens < 32) {
      const value = info.maxInputTokens ?? 0;
      throw this.tooLong(`This endpoint accepts at most ${value} input tokens (max_input_tokens), too few for code context.`, 'max_input_tokens', value);
    }
    // Context from other files counts against the same limit; when it would take more than half, the file's own code wins.
    const contextChars = (req.snippets ?? []).reduce((n, s) => n + s.path.length + s.text.length + 16, 0);
    const snippets = contextChars * 2 <= budgetTokens * CHARS_PER_TOKEN_SAFE ? req.snippets : undefined;
    const budget = budgetTokens * CHARS_PER_TOKEN_SAFE - (snippets ? contextChars : 0);
    if (req.prefix.length + req.suffix.length <= budget) return { prefix: req.prefix, suffix: req.suffix, maxTokens, snippets };
    // Keep most of the budget for the code before the cursor.
    const sufBudget = Math.min(req.suffix.length, Math.floor(budget / 4));
    const preBudget = budget - sufBudget;
    return { prefix: req.prefix.slice(Math.max(0, req.prefix.length - preBudget)), suffix: req.suffix.slice(0, sufBudget), maxTokens, snippets };
  }

  private tooLong(message: string, name: string, value: number): ProviderError {
    return new ProviderError({ kind: 'badRequest', provider: 'huggingface', actions: ['openSettings'], limit: { name, value }, message: `${this.label}: ${message}` });
  }
}

/**
 * One streamed event of textGenerationStream. Typed as TGI token events by the package, it
 * is an OpenAI completion chunk from /v1/completions in 4.13.17+; older TGI-style events
 * (`token.text`, `details.finish_reason`) are read too.
 */
function fimPiece(raw: unknown): Piece {
  const piece: Piece = {};
  if (!isRecord(raw)) return piece;
  const choices = raw.choices;
  if (Array.isArray(choices) && isRecord(choices[0])) {
    const c = choices[0];
    if (isString(c.text) && c.text) piece.text = c.text;
    // TGI sends finish_reason "" on intermediate chunks.
    if (isString(c.finish_reason) && c.finish_reason) piece.finishReason = c.finish_reason;
  } else if (isRecord(raw.token) && isString(raw.token.text) && raw.token.special !== true) {
    piece.text = raw.token.text;
    if (isRecord(raw.details) && isString(raw.details.finish_reason)) piece.finishReason = raw.details.finish_reason;
  }
  const u = raw.usage;
  if (isRecord(u) && isNumber(u.prompt_tokens) && isNumber(u.completion_tokens)) piece.usage = { inputTokens: u.prompt_tokens, outputTokens: u.completion_tokens };
  return piece;
}
