import type { ProviderId } from '../config';
import type { FetchLike } from '../net/fetchLike';
import { toProviderError } from './errorMapping';
import { hostOf, providerLabel, ProviderError } from './errors';
import { estimateTokens } from './estimate';
import type { ChatRequest, Chunk, FimRequest, FinishReason, ModelProvider, Usage } from './types';

/**
 * Behaviour every provider shares, written once (once here, so each vendor file only translates): stall timeouts,
 * abort that really closes the socket, timing, usage capture (server counts, else TGI
 * headers, else an estimate flagged `estimated`) and error mapping. Vendor files only
 * translate their wire format into `Piece`s.
 */

export interface ProviderTimeouts {
  /** Request start to the first streamed piece, chat (30 s). */
  firstByteChatMs: number;
  /** Request start to the first piece, inline (5 s). */
  firstByteInlineMs: number;
  /** Silence between pieces (30 s). */
  gapMs: number;
}

export const DEFAULT_TIMEOUTS: ProviderTimeouts = { firstByteChatMs: 30_000, firstByteInlineMs: 5_000, gapMs: 30_000 };

export interface EgressEvent {
  host: string;
  feature: string;
  provider: ProviderId;
  bytes: number;
  time: number;
}

export interface ProviderDeps {
  /** OpenAI: base URL including /v1; Hugging Face: the endpoint root. */
  baseUrl: string;
  key?: string;
  /** The fetch to use (proxy-aware when the factory decides so); global fetch by default. */
  fetch?: FetchLike;
  timeouts?: Partial<ProviderTimeouts>;
  now?: () => number;
  onEgress?: (e: EgressEvent) => void;
}

/** What a vendor stream yields: text, and whatever the server told about the end. */
export interface Piece {
  text?: string;
  finishReason?: string | null;
  usage?: { inputTokens: number; outputTokens: number; cachedInputTokens?: number };
}

/** Per-request state: the abort controller that closes the socket and what the fetch wrapper saw. */
export interface RequestContext {
  readonly signal: AbortSignal;
  readonly feature: string;
  /** The instrumented fetch for this request (egress, response headers, abort). */
  readonly fetch: FetchLike;
  responseStatus?: number;
  responseHeaders?: Headers;
  /** For timeout messages. */
  readonly firstByteMs: number;
}

export abstract class BaseProvider implements ModelProvider {
  abstract readonly id: ProviderId;
  protected readonly timeouts: ProviderTimeouts;
  protected readonly now: () => number;

  constructor(protected readonly deps: ProviderDeps) {
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...deps.timeouts };
    this.now = deps.now ?? Date.now;
  }

  protected abstract chatPieces(req: ChatRequest, ctx: RequestContext): AsyncIterable<Piece>;
  protected abstract fimPieces(req: FimRequest, ctx: RequestContext): AsyncIterable<Piece>;

  protected get label(): string {
    return providerLabel(this.id, this.deps.baseUrl);
  }

  streamChat(req: ChatRequest, signal: AbortSignal): AsyncIterable<Chunk> {
    const input = estimateTokens(req.messages.map((m) => m.content).join('\n'));
    return this.run(req.feature, req.model, input, this.timeouts.firstByteChatMs, signal, (ctx) => this.chatPieces(req, ctx));
  }

  streamFim(req: FimRequest, signal: AbortSignal): AsyncIterable<Chunk> {
    const input = estimateTokens(req.prefix + req.suffix + (req.snippets ?? []).map((s) => s.text).join(''));
    return this.run(req.feature, req.model, input, this.timeouts.firstByteInlineMs, signal, (ctx) => this.fimPieces(req, ctx));
  }

  private makeFetch(ctx: { feature: string; sent(): void; set(status: number, headers: Headers): void }, signal: AbortSignal): FetchLike {
    const base = this.deps.fetch ?? fetch;
    return async (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      const body = init?.body;
      const bytes = typeof body === 'string' ? Buffer.byteLength(body) : body instanceof Uint8Array ? body.byteLength : 0;
      if ((init?.method ?? 'GET').toUpperCase() !== 'GET') ctx.sent();
      this.deps.onEgress?.({ host: hostOf(url), feature: ctx.feature, provider: this.id, bytes, time: this.now() });
      // Our signal always wins: aborting it closes the socket whatever the client passed.
      const res = await base(input, { ...init, signal });
      ctx.set(res.status, res.headers);
      return res;
    };
  }

  private async *run(feature: string, model: string, inputEstimate: number, firstByteMs: number, outer: AbortSignal, produce: (ctx: RequestContext) => AsyncIterable<Piece>): AsyncGenerator<Chunk> {
    const start = this.now();
    const controller = new AbortController();
    const onOuterAbort = () => controller.abort();
    outer.addEventListener('abort', onOuterAbort);
    let text = '';
    let firstTokenMs: number | undefined;
    let serverUsage: Piece['usage'];
    let finish: string | null | undefined;
    const state: { status?: number; headers?: Headers; sent?: boolean } = {};
    const ctx: RequestContext = {
      signal: controller.signal,
      feature,
      firstByteMs,
      fetch: this.makeFetch({ feature, sent: () => { state.sent = true; }, set: (s, h) => { state.status = s; state.headers = h; ctx.responseStatus = s; ctx.responseHeaders = h; } }, controller.signal),
    };
    const usageNow = (): Usage => this.usage(serverUsage, state.headers, inputEstimate, text);
    const fail = (e: unknown): ProviderError => {
      const err = toProviderError(e, {
        provider: this.id, label: this.label, baseUrl: this.deps.baseUrl, model, keys: [this.deps.key],
        aborted: outer.aborted, responseStatus: state.status, responseHeaders: state.headers, now: this.now(),
      });
      err.usage = usageNow();
      err.latencyMs = this.now() - start;
      err.firstTokenMs = firstTokenMs;
      err.requestSent = state.sent === true;
      return err;
    };
    let iterator: AsyncIterator<Piece> | undefined;
    let finished = false;
    try {
      if (outer.aborted) throw fail(new DOMException('aborted', 'AbortError'));
      iterator = produce(ctx)[Symbol.asyncIterator]();
      let gotFirst = false;
      for (;;) {
        const limit = gotFirst ? this.timeouts.gapMs : firstByteMs;
        const step = await this.nextWithin(iterator, limit, controller.signal);
        if (step === 'timeout') {
          controller.abort();
          const secs = Math.round(limit / 100) / 10;
          const message = gotFirst
            ? `${this.label} stopped sending mid-answer (no data for ${secs} s). The answer is incomplete; try again.`
            : `${this.label} did not start answering within ${secs} s. Try again, or check the endpoint.`;
          throw fail(new ProviderError({ kind: 'timeout', provider: this.id, message, actions: ['retry', 'showLog'] }));
        }
        if (step === 'aborted') break;
        if (step.done) break;
        gotFirst = true;
        const piece = step.value;
        if (piece.usage) serverUsage = piece.usage;
        if (piece.finishReason) finish = piece.finishReason;
        if (piece.text) {
          if (firstTokenMs === undefined) firstTokenMs = this.now() - start;
          text += piece.text;
          yield { type: 'text', text: piece.text };
        }
      }
      // openai ends the loop silently on abort: check the signal after the loop.
      if (outer.aborted) throw fail(new DOMException('aborted', 'AbortError'));
      if (!finish && !serverUsage) {
        // Every server we speak to ends with a finish reason or usage: a stream without
        // either was cut (proxy, dropped connection) and must not pass for a whole answer.
        throw fail(new ProviderError({ kind: 'network', provider: this.id, actions: ['retry', 'showLog'], message: `The connection to ${hostOf(this.deps.baseUrl)} closed before the answer was complete. Try again.` }));
      }
      finished = true;
      yield { type: 'done', usage: usageNow(), finishReason: mapFinish(finish), model, latencyMs: this.now() - start, firstTokenMs };
    } catch (e) {
      throw fail(e);
    } finally {
      outer.removeEventListener('abort', onOuterAbort);
      // A consumer that stopped early (break) or an error: close the socket now.
      if (!finished) controller.abort();
      void iterator?.return?.().catch(() => undefined);
    }
  }

  private nextWithin(it: AsyncIterator<Piece>, ms: number, signal: AbortSignal): Promise<IteratorResult<Piece> | 'timeout' | 'aborted'> {
    return new Promise((resolve, reject) => {
      if (signal.aborted) return resolve('aborted');
      const timer = setTimeout(() => done(() => resolve('timeout')), ms);
      const onAbort = () => done(() => resolve('aborted'));
      signal.addEventListener('abort', onAbort);
      let settled = false;
      function done(f: () => void) {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        f();
      }
      it.next().then((v) => done(() => resolve(v)), (e: unknown) => done(() => reject(e)));
    });
  }

  /** Server counts (TGI headers first: exact even when the body has none), else an estimate. */
  private usage(server: Piece['usage'], headers: Headers | undefined, inputEstimate: number, text: string): Usage {
    const computeMs = parseComputeTime(headers?.get('x-compute-time'));
    const hp = Number(headers?.get('x-prompt-tokens') ?? NaN);
    const hg = Number(headers?.get('x-generated-tokens') ?? NaN);
    const extra = computeMs !== undefined ? { computeMs } : {};
    if (Number.isFinite(hp) && Number.isFinite(hg)) return { inputTokens: hp, cachedInputTokens: 0, outputTokens: hg, estimated: false, ...extra };
    if (server) return { inputTokens: server.inputTokens, cachedInputTokens: server.cachedInputTokens ?? 0, outputTokens: server.outputTokens, estimated: false, ...extra };
    return { inputTokens: inputEstimate, cachedInputTokens: 0, outputTokens: text ? estimateTokens(text) : 0, estimated: true, ...extra };
  }
}

/** TGI reports whole milliseconds; some servers send fractional seconds. */
export function parseComputeTime(raw: string | null | undefined): number | undefined {
  if (raw === null || raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) return undefined;
  return raw.includes('.') ? Math.round(n * 1000) : n;
}

function mapFinish(raw: string | null | undefined): FinishReason {
  switch (raw) {
    case 'stop': case 'eos_token': case 'stop_sequence': return 'stop';
    case 'length': return 'length';
    default: return 'unknown';
  }
}
