import type { InferenceClient } from '@huggingface/inference';
import { sdk } from '../net/sdkLoader';
import type { FimTemplateSetting, ServerKindSetting } from '../config';
import { isNumber, isRecord, isString } from '../config';
import type { FimTemplate } from '../fim/templates';
import { fimPrompt } from '../fim/repoContext';
import { chooseFimTemplate, createSpecialTokenFilter, stopSequences } from '../fim/templates';
import type { Piece, ProviderDeps, RequestContext } from './base';
import { BaseProvider } from './base';
import { ProviderError } from './errors';
import { CHARS_PER_TOKEN, estimateTokens } from './estimate';
import type { EndpointTokenCounter } from './tokenCounter';
import { fimPiece, usageOf } from './hfChunks';
import { streamInfill } from './infill';
import type { CompletionDialect, GetAnswer, KindFinding } from './serverKind';
import { describeDialect, dialectOf, findServerKind, KIND_LABELS } from './serverKind';
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
  /** `auto` (default): detected once per endpoint. */
  serverKind?: ServerKindSetting;
  /** Where template notes go (e.g. "could not tell the FIM format"). */
  log?: (message: string) => void;
  /** Exact prompt counts from TGI's /tokenize, when the endpoint has it. */
  tokenCounter?: EndpointTokenCounter;
}

/** What a chat template adds around each message (role markers, separators), on top of its text. */
const CHAT_TEMPLATE_TOKENS_PER_MESSAGE = 8;
const MIN_CONTEXT_TOKENS = 64;

/**
 * The private endpoint (TGI, Inference Endpoints, vLLM, llama.cpp, Ollama) on
 * `@huggingface/inference` with `endpointUrl`: chat streaming, and raw FIM prompts built
 * from the model's template (textGenerationStream POSTs /v1/completions in 4.13.30).
 */
export class HuggingFaceProvider extends BaseProvider {
  readonly id = 'huggingface' as const;
  private info: EndpointInfo | undefined;
  /** The `/info` answer that `info` came from, so kind detection need not ask again. */
  private infoAnswer: GetAnswer | undefined;
  private kind: KindFinding | undefined;
  /**
   * The endpoint answered 400/422 to `stream_options` and accepted the request without it:
   * ask no more (a provider lives as long as its endpoint setting, so this is per endpoint).
   */
  private usageRejected = false;

  constructor(private readonly hf: HuggingFaceDeps) {
    super(hf);
  }

  private client(ctx: RequestContext): InferenceClient {
    return new (sdk().InferenceClient)(this.hf.key || undefined, { endpointUrl: this.hf.baseUrl, retry_on_error: false, fetch: ctx.fetch });
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
      this.infoAnswer = { status: res.status, body, text: '' };
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
      this.infoAnswer = { status: res.status, body: undefined, text: '' };
    }
    this.info = info;
    return info;
  }

  protected async *chatPieces(req: ChatRequest, ctx: RequestContext): AsyncIterable<Piece> {
    const info = await this.endpointInfo(ctx);
    const input = await this.chatInputTokens(req, info, ctx);
    if (info.maxInputTokens !== undefined && input > info.maxInputTokens) {
      throw this.tooLong(`The text is about ${input} tokens; this endpoint accepts at most ${info.maxInputTokens} (max_input_tokens). Select less code.`, 'max_input_tokens', info.maxInputTokens);
    }
    let maxTokens = req.maxTokens;
    if (info.maxTotalTokens !== undefined) maxTokens = Math.max(1, Math.min(maxTokens ?? Infinity, info.maxTotalTokens - input));
    const open = async function* (this: HuggingFaceProvider, askUsage: boolean): AsyncIterable<Piece> {
      const stream = this.client(ctx).chatCompletionStream(
        {
          model: this.model(req),
          messages: req.messages.map((m) => ({ role: m.role, content: m.content })),
          ...(maxTokens !== undefined && Number.isFinite(maxTokens) ? { max_tokens: maxTokens } : {}),
          ...(req.temperature ? { temperature: req.temperature } : {}),
          ...(req.stop?.length ? { stop: req.stop.slice(0, info.maxStopSequences ?? 4) } : {}),
          // TGI, vLLM and Ollama put usage in a stream only when asked.
          ...(askUsage ? { stream_options: { include_usage: true } } : {}),
        },
        { signal: ctx.signal },
      );
      for await (const chunk of stream) {
        const choice = chunk.choices?.[0];
        const piece: Piece = {};
        if (choice?.delta?.content) piece.text = choice.delta.content;
        if (choice?.finish_reason) piece.finishReason = choice.finish_reason;
        const usage = usageOf(chunk.usage);
        if (usage) piece.usage = usage;
        if (piece.text || piece.finishReason || piece.usage) yield piece;
      }
    };
    yield* this.askingUsage(ctx, (ask) => open.call(this, ask));
  }

  /**
   * Runs a stream that asks for usage; an endpoint that predates `stream_options` may reject
   * it (400/422): then once more without, and if that is accepted, never ask it again.
   */
  private async *askingUsage(ctx: RequestContext, open: (askUsage: boolean) => AsyncIterable<Piece>): AsyncIterable<Piece> {
    const ask = !this.usageRejected;
    let got = false;
    try {
      for await (const p of open(ask)) {
        got = true;
        yield p;
      }
      return;
    } catch (e) {
      const status = ctx.responseStatus;
      if (!ask || got || ctx.signal.aborted || (status !== 400 && status !== 422)) throw e;
    }
    let accepted = false;
    const accept = () => {
      if (accepted) return;
      accepted = true;
      this.usageRejected = true;
      this.hf.log?.(`${this.label} rejected stream_options (HTTP 400/422) and accepted the request without it: its token counts are estimated from now on.`);
    };
    for await (const p of open(false)) {
      accept();
      yield p;
    }
    accept();
  }

  /** The server's kind, from the setting or detected once per endpoint (a failed look-up is retried next time). */
  private async serverKind(ctx: RequestContext): Promise<KindFinding> {
    if (this.kind) return this.kind;
    const headers: Record<string, string> = this.hf.key ? { authorization: `Bearer ${this.hf.key}` } : {};
    let unreachable = false;
    const get = async (path: string): Promise<GetAnswer | undefined> => {
      try {
        const res = await ctx.fetch(`${this.hf.baseUrl}${path}`, { method: 'GET', headers });
        const text = await res.text();
        // 5xx (an endpoint scaling from zero) tells nothing about the kind: decide another time.
        if (res.status >= 500) {
          unreachable = true;
          return undefined;
        }
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          body = undefined;
        }
        return { status: res.status, body, text };
      } catch (e) {
        if (ctx.signal.aborted) throw e;
        unreachable = true;
        return undefined;
      }
    };
    const found = await findServerKind(this.hf.serverKind ?? 'auto', get, this.infoAnswer);
    if (unreachable && !found.kind) return found;
    this.kind = found;
    const dialect = dialectOf(found.kind);
    this.hf.log?.(`${this.label}: ${found.kind ? KIND_LABELS[found.kind] : 'an OpenAI-compatible server'} (${found.via}); completions use ${describeDialect(dialect)}.`);
    return found;
  }

  /**
   * The prompt's tokens: exact from the endpoint's /tokenize when it has limits to fit
   * (TGI, which is also what offers /tokenize), plus the chat template's share; else the
   * local estimate, which costs no round trip.
   */
  private async chatInputTokens(req: ChatRequest, info: EndpointInfo, ctx: RequestContext): Promise<number> {
    const text = req.messages.map((m) => m.content).join('\n');
    const counter = this.hf.tokenCounter;
    if (!counter || (info.maxInputTokens === undefined && info.maxTotalTokens === undefined)) return estimateTokens(text);
    const exact = await counter.count(this.hf.baseUrl, text, ctx.fetch, this.hf.key ? { authorization: `Bearer ${this.hf.key}` } : {}, ctx.signal);
    return exact === undefined ? estimateTokens(text) : exact + CHAT_TEMPLATE_TOKENS_PER_MESSAGE * req.messages.length;
  }

  protected async *fimPieces(req: FimRequest, ctx: RequestContext): AsyncIterable<Piece> {
    const info = await this.endpointInfo(ctx);
    const choice = chooseFimTemplate(this.hf.fimTemplate, req.model || info.modelId || '');
    if (this.hf.fimTemplate === 'auto') this.hf.log?.(`FIM template: ${choice.note}`);
    const template = choice.template;
    const { prefix, suffix, maxTokens, snippets } = this.fit(req, info);
    const dialect = dialectOf((await this.serverKind(ctx)).kind);
    const filter = createSpecialTokenFilter(template);
    const stream = dialect === 'infill'
      ? streamInfill(ctx.fetch, this.hf.baseUrl, this.hf.key, { model: req.model, prefix, suffix, maxTokens, ...(snippets ? { snippets } : {}) }, ctx.signal)
      : this.askingUsage(ctx, (ask) => this.completions(ctx, dialect, { model: this.model(req), prefix, suffix, maxTokens, template, maxStops: info.maxStopSequences ?? 4,
        // Context from other files in the model family's own repository format.
        prompt: fimPrompt(template, req.model || info.modelId || '', { prefix, suffix, filePath: req.filePath, languageId: req.languageId, snippets }) }, ask));
    for await (const piece of stream) {
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

  /** `/v1/completions` in the endpoint's dialect: the raw FIM prompt, or Ollama's prompt + suffix. */
  private async *completions(ctx: RequestContext, dialect: CompletionDialect, c: { model: string; prefix: string; suffix: string; maxTokens: number; template: FimTemplate; maxStops: number; prompt: string }, askUsage: boolean): AsyncIterable<Piece> {
    // Ollama wraps a prompt without `suffix` in the model's chat template, and applies its FIM template itself when given one.
    const ollama = dialect === 'promptSuffix';
    const stream = this.client(ctx).textGenerationStream(
      {
        model: c.model,
        inputs: ollama ? c.prefix : c.prompt,
        // Always send max tokens (vLLM defaults to 16); no temperature = greedy (TGI rejects 0).
        parameters: { max_new_tokens: c.maxTokens, ...(ollama ? {} : { stop: stopSequences(c.template, c.maxStops) }) },
        ...(ollama ? { suffix: c.suffix } : {}),
        ...(askUsage ? { stream_options: { include_usage: true } } : {}),
      },
      { signal: ctx.signal },
    );
    for await (const raw of stream) {
      const piece = fimPiece(raw);
      if (piece.text || piece.finishReason || piece.usage) yield piece;
    }
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
    const snippets = contextChars * 2 <= budgetTokens * CHARS_PER_TOKEN ? req.snippets : undefined;
    const budget = budgetTokens * CHARS_PER_TOKEN - (snippets ? contextChars : 0);
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
