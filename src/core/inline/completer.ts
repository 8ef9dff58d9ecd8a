import { windowBudget } from './windowBudget';
import { LruCache, contextKey } from './cache';
import type { Clock } from './clock';
import { sleep, systemClock } from './clock';
import type { CompleterOptions, CompleterStats, CompletionInput, CompletionOutcome, InlineRequest, InlineTarget, RequestInfo } from './completerTypes';
import { isMidWord } from './midword';
import type { Offer } from './typingThrough';
import { remainderAfterTyping } from './typingThrough';
import type { ContextWindow } from './window';
import { buildWindow } from './window';
import type { InFlight } from './inflight';
import { typedIntoInflight, typedSince } from './inflight';
import type { OfferState } from './offerState';
import { offerState } from './offerState';
import type { ReadResult } from './readAnswer';
import { readForContext } from './lineEnd';

/**
 * Request discipline for inline completions, per editor: debounce (none on an explicit
 * trigger), at most one request in flight (a newer keystroke aborts the older request,
 * unless the person is typing into what it will answer), an LRU cache, typing-through,
 * the mid-word rule, and the suggestion's own end and typos (offerState.ts). Plain data
 * in, plain data out: the VS Code adapter and the benchmark drive the same code.
 */

export { InlineTimeoutError } from './timeout';

interface EditorState {
  generation: number;
  inflight?: InFlight;
  /** Recent suggestions, newest first, for typing-through. */
  offers: (Offer & { requestId: string })[];
}

const MAX_OFFERS = 4;

/** What memory answers for a position (InlineCompleter.lookup). */
type Lookup =
  | { kind: 'midword'; win: ContextWindow }
  | { kind: 'cache'; win: ContextWindow; cached: { text: string; requestId: string } }
  | { kind: 'typing'; win: ContextWindow; rest: string; requestId: string }
  | { kind: 'typo'; win: ContextWindow }
  | { kind: 'ask'; win: ContextWindow; key: string; state?: Exclude<OfferState, 'broken'> };

export class InlineCompleter {
  readonly stats: CompleterStats = { calls: 0, upstream: 0, aborted: 0, cacheHits: 0, typingHits: 0, inflightReuses: 0, prefetches: 0, midWord: 0, typos: 0, superseded: 0, errors: 0, empty: 0 };
  private readonly clock: Clock;
  private readonly cache: LruCache<{ text: string; requestId: string }>;
  private readonly editors = new Map<string, EditorState>();
  private nextId = 1;

  constructor(private readonly opts: CompleterOptions) {
    this.clock = opts.clock ?? systemClock;
    this.cache = new LruCache(opts.cacheSize ?? 200);
  }

  async complete(input: CompletionInput, target: InlineTarget): Promise<CompletionOutcome> {
    this.stats.calls++;
    const startedAt = this.clock.now();
    const st = this.editor(input.documentId);
    const generation = ++st.generation;
    const waits = !input.explicit;
    if (waits) this.opts.debounce?.keystroke(input.documentId, startedAt);

    const found = this.lookup(st, input, target);
    const { win } = found;
    switch (found.kind) {
      case 'midword':
        this.stats.midWord++;
        this.abortInflight(st);
        return { kind: 'none', reason: 'midword' };
      case 'cache':
        this.stats.cacheHits++;
        this.abortInflight(st);
        if (!found.cached.text) return { kind: 'none', reason: 'empty', source: 'cache' };
        this.offer(st, input.documentId, win, found.cached.text, found.cached.requestId);
        return { kind: 'completion', text: found.cached.text, source: 'cache', window: win, requestId: found.cached.requestId };
      case 'typing':
        this.stats.typingHits++;
        // Typing into a first line shown early must not stop the rest of its answer.
        if (st.inflight?.info.id !== found.requestId) this.abortInflight(st);
        this.offer(st, input.documentId, win, found.rest, found.requestId);
        return { kind: 'completion', text: found.rest, source: 'typing', window: win, requestId: found.requestId };
      case 'typo':
        // Likely a typo the next key undoes: no request, and the one in flight stays (it fits again after the Backspace).
        this.stats.typos++;
        return { kind: 'none', reason: 'typo' };
    }
    const { key, state } = found;

    // Own work so far; waiting for an in-flight request below is not ours.
    const prepareMs = this.clock.now() - startedAt;
    const reused = await typedIntoInflight(st.inflight, input.documentId, win);
    if (reused) {
      if (generation !== st.generation) {
        // A newer keystroke came while we waited: the editor has dropped this call.
        this.stats.superseded++;
        return { kind: 'none', reason: 'superseded' };
      }
      if (reused.text !== undefined) {
        this.stats.inflightReuses++;
        this.offer(st, input.documentId, win, reused.text, reused.info.id);
        return { kind: 'completion', text: reused.text, source: 'inflight', window: win, requestId: reused.info.id, request: reused.info };
      }
    } else {
      this.abortInflight(st);
    }

    if (waits) {
      await this.pause(this.wait(input.documentId, win, state));
      if (generation !== st.generation) {
        this.stats.superseded++;
        return { kind: 'none', reason: 'superseded' };
      }
    }
    return this.request(st, input, target, win, key, prepareMs);
  }

  /**
   * The document just changed where the person likely stops (no wait would apply): send
   * now instead of when the editor asks (VS Code calls the provider some 50 ms after a
   * keystroke); its call then finds this request in flight and takes its answer. Nothing
   * is sent where memory or a request in flight may answer, or where that call would wait.
   * True when a request was sent.
   */
  prefetch(input: CompletionInput, target: InlineTarget): boolean {
    if (input.explicit) return false;
    const st = this.editor(input.documentId);
    const found = this.lookup(st, input, target);
    if (found.kind !== 'ask' || typedSince(st.inflight, input.documentId, found.win) !== undefined) return false;
    if (this.wait(input.documentId, found.win, found.state) > 0) return false;
    this.abortInflight(st);
    // A call still waiting for an older state must not send as well.
    st.generation++;
    this.stats.prefetches++;
    void this.request(st, input, target, found.win, found.key, 0);
    return true;
  }

  /**
   * What memory says about this position before any request, for a call and for a send on
   * the edit alike: mid-word, cached, typed into a shown suggestion, a typo in one, or a
   * question for the model (`state`: the person has typed a suggestion out).
   */
  private lookup(st: EditorState, input: CompletionInput, target: InlineTarget): Lookup {
    const win = buildWindow(input.doc, input.position, windowBudget(target.promptTokens));
    if (!input.explicit && isMidWord(win.lineSuffix)) return { kind: 'midword', win };
    const key = contextKey(`${target.providerId}/${target.model}`, win.prefix, win.suffix);
    const cached = this.cache.get(key);
    if (cached !== undefined) return { kind: 'cache', win, cached };
    for (const offer of st.offers) {
      const rest = remainderAfterTyping(offer, input.documentId, win.prefix, win.suffix);
      if (rest !== undefined) return { kind: 'typing', win, rest, requestId: offer.requestId };
    }
    const state = input.explicit ? undefined : offerState(st.offers, input.documentId, win.prefix, win.suffix);
    if (state === 'broken') return { kind: 'typo', win };
    return { kind: 'ask', win, key, ...(state ? { state } : {}) };
  }

  /** The wait before asking: the learned one (none at a pause point or a suggestion typed out), at most debounceMs. */
  private wait(documentId: string, win: ContextWindow, state: OfferState | undefined): number {
    const max = this.opts.debounceMs();
    return this.opts.debounce ? this.opts.debounce.delay(documentId, win.linePrefix, max, state === 'finished') : max;
  }

  /** A setting or key that shapes answers changed: no earlier suggestion may be offered again. */
  reset(): void {
    this.cache.clear();
    for (const st of this.editors.values()) {
      this.abortInflight(st);
      st.offers = [];
    }
  }

  /** Forget suggestions and abort the request of a closed editor. */
  forget(documentId: string): void {
    const st = this.editors.get(documentId);
    if (st) this.abortInflight(st);
    this.editors.delete(documentId);
    this.opts.debounce?.forget(documentId);
  }

  private async pause(ms: number): Promise<void> {
    if (ms > 0) await sleep(this.clock, ms);
  }

  private editor(documentId: string): EditorState {
    let st = this.editors.get(documentId);
    if (!st) {
      st = { generation: 0, offers: [] };
      this.editors.set(documentId, st);
    }
    return st;
  }

  private offer(st: EditorState, documentId: string, win: ContextWindow, text: string, requestId: string): void {
    st.offers.unshift({ documentId, prefix: win.prefix, suffix: win.suffix, text, requestId });
    st.offers.length = Math.min(st.offers.length, MAX_OFFERS);
  }

  private abortInflight(st: EditorState): void {
    if (!st.inflight) return;
    st.inflight.controller.abort();
    st.inflight = undefined;
  }

  private async request(st: EditorState, input: CompletionInput, target: InlineTarget, win: ContextWindow, key: string, prepareMs: number): Promise<CompletionOutcome> {
    const controller = new AbortController();
    const info: RequestInfo = {
      id: this.opts.newRequestId ? this.opts.newRequestId() : `inline-${this.nextId++}`,
      providerId: target.providerId,
      model: target.model,
      startedAt: this.clock.now(),
      prepareMs,
      providerCalledAt: 0,
      stoppedEarly: false,
      timedOut: false,
    };
    const req: InlineRequest = {
      kind: 'fim',
      prefix: win.prefix,
      suffix: win.suffix,
      maxTokens: this.opts.maxTokens(),
      ...(input.filePath !== undefined ? { filePath: input.filePath } : {}),
      ...(input.languageId !== undefined ? { languageId: input.languageId } : {}),
    };
    let showFirstLine: ((text: string) => void) | undefined;
    const firstText = new Promise<string>((resolve) => (showFirstLine = resolve));
    const read = readForContext({
      stream: target.stream,
      req,
      win,
      info,
      controller,
      clock: this.clock,
      timeoutMs: this.opts.timeoutMs ?? 5000,
      ...(target.tokens ? { tokens: target.tokens } : {}),
      // The person sees the first line while the rest streams into the cache and the offers.
      onFirstLine: (text) => {
        this.offer(st, input.documentId, win, text, info.id);
        showFirstLine?.(text);
      },
    });
    this.stats.upstream++;
    const result = read.then((r) => r.text);
    const fl: InFlight = { info, documentId: input.documentId, prefix: win.prefix, suffix: win.suffix, controller, result, firstLine: Promise.race([firstText, result]) };
    st.inflight = fl;
    const firstLine = firstText.then((text): CompletionOutcome => ({ kind: 'completion', text, source: 'network', window: win, requestId: info.id, request: info }));
    return Promise.race([firstLine, this.settle(st, input, win, key, fl, read)]);
  }

  private async settle(st: EditorState, input: CompletionInput, win: ContextWindow, key: string, fl: InFlight, read: Promise<ReadResult>): Promise<CompletionOutcome> {
    const { info, controller } = fl;
    const { text, failure } = await read;
    info.returnedAt = this.clock.now();
    if (st.inflight === fl) st.inflight = undefined;

    const aborted = controller.signal.aborted && !info.stoppedEarly && !info.timedOut;
    if (aborted) {
      this.stats.aborted++;
      this.opts.onRequestDone?.(info, 'cancelled');
      return { kind: 'none', reason: 'cancelled', request: info };
    }
    if (failure !== undefined) {
      this.stats.errors++;
      this.opts.onRequestDone?.(info, 'error');
      return { kind: 'none', reason: 'error', error: failure, request: info };
    }
    this.opts.onRequestDone?.(info, 'ok');
    this.cache.set(key, { text: text ?? '', requestId: info.id });
    if (text === undefined) {
      this.stats.empty++;
      return { kind: 'none', reason: 'empty', source: 'network', request: info };
    }
    this.offer(st, input.documentId, win, text, info.id);
    return { kind: 'completion', text, source: 'network', window: win, requestId: info.id, request: info };
  }
}
