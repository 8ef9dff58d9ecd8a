import { performance } from 'node:perf_hooks';
import { InlineCompleter } from '../../src/core/inline/completer';
import type { CompletionOutcome, RequestInfo } from '../../src/core/inline/completerTypes';
import { linesOf } from '../../src/core/inline/window';
import type { CorpusFile } from './corpus';
import { splitHole } from './corpus';
import { fimModel } from './model';
import type { Pipeline } from './pipeline';
import { SimEditor, makeTrace } from './trace';
import { sentAfter } from './wire';

export interface ReplayFigures {
  language: string;
  keystrokes: number;
  upstreamRequests: number;
  requestsPer100Keystrokes: number;
  reductionVsNaivePct: number;
  cacheHits: number;
  typingThroughHits: number;
  inflightReuses: number;
  servedWithoutRequest: number;
  hitRatePct: number;
  cancelledRequests: number;
  stoppedEarly: number;
  midWordSkips: number;
  suggestionsShown: number;
  durationMs: number;
}

export interface Overheads {
  /** Own code: completer entry (minus debounce) to the provider call. */
  toProviderCallMs: number[];
  /** Completer entry (minus debounce) to the request body written to the socket (adds Engine, provider, @huggingface/inference, fetch). */
  toRequestSentMs: number[];
  /** Last byte received to the completion returned. */
  lastByteToReturnMs: number[];
}

/** Replays one file's typing trace in real time (scaled) through the completer and the HTTP backend. */
export async function replay(file: CorpusFile, pipeline: Pipeline, opts: { scale: number; latencyMs: number; debounceMs: number; seed: number }, overheads: Overheads): Promise<ReplayFigures> {
  const { before, hole, after, full } = splitHole(file);
  pipeline.setModel(fimModel(full));
  pipeline.setLatency(opts.latencyMs * opts.scale);
  const calls = new Map<string, number>();
  const done: RequestInfo[] = [];
  const ok = new Set<string>();
  const completer = new InlineCompleter({
    debounceMs: () => opts.debounceMs * opts.scale,
    maxTokens: () => 128,
    onRequestDone: (info, outcome) => {
      done.push(info);
      if (outcome === 'ok') ok.add(info.id);
    },
  });
  const backend = pipeline.backend((id, at) => calls.set(id, at));
  const keys = makeTrace(hole, opts.seed);
  const editor = new SimEditor(before, after);
  const pending: Promise<CompletionOutcome>[] = [];
  const t0 = performance.now();
  for (const k of keys) {
    await new Promise((r) => setTimeout(r, k.delayMs * opts.scale));
    editor.apply(k);
    const text = editor.text();
    const left = text.slice(0, editor.cursorOffset());
    const line = (left.match(/\n/g) ?? []).length;
    const character = left.length - left.lastIndexOf('\n') - 1;
    pending.push(completer.complete({ documentId: file.path, doc: linesOf(text), position: { line, character }, languageId: file.language, explicit: false }, backend));
  }
  const outcomes = await Promise.all(pending);
  const durationMs = performance.now() - t0;

  for (const info of done) {
    const call = calls.get(info.id);
    if (!call) continue;
    // Own code before the provider call: window, checks (before the debounce) and request set-up (after it).
    const own = info.prepareMs + (call - info.startedAt);
    overheads.toProviderCallMs.push(own);
    const sent = sentAfter(call);
    if (sent !== undefined) overheads.toRequestSentMs.push(own + (sent - call));
    if (info.lastByteAt !== undefined && info.returnedAt !== undefined && ok.has(info.id)) overheads.lastByteToReturnMs.push(info.returnedAt - info.lastByteAt);
  }

  const s = completer.stats;
  const served = s.cacheHits + s.typingHits + s.inflightReuses;
  const per100 = (s.upstream / keys.length) * 100;
  return {
    language: file.language,
    keystrokes: keys.length,
    upstreamRequests: s.upstream,
    requestsPer100Keystrokes: round(per100),
    reductionVsNaivePct: round(100 - per100),
    cacheHits: s.cacheHits,
    typingThroughHits: s.typingHits,
    inflightReuses: s.inflightReuses,
    servedWithoutRequest: served,
    hitRatePct: round((served / keys.length) * 100),
    cancelledRequests: s.aborted,
    stoppedEarly: done.filter((d) => d.stoppedEarly).length,
    midWordSkips: s.midWord,
    suggestionsShown: outcomes.filter((o) => o.kind === 'completion').length,
    durationMs: Math.round(durationMs),
  };
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}
