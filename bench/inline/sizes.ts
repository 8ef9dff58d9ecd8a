import { performance } from 'node:perf_hooks';
import { InlineCompleter } from '../../src/core/inline/completer';
import type { LineSource } from '../../src/core/inline/window';
import { CORPUS, splitHole } from './corpus';
import { summary } from './rng';
import { createdAfter, sentAfter } from './wire';
import type { Pipeline } from './pipeline';

/**
 * Own overhead against file size: explicit triggers (no debounce) at distinct places in
 * the middle of files of 100, 5,000 and 50,000 lines, with a 5 ms model. The document is
 * reached line by line as VS Code's `TextDocument.lineAt` does.
 */
export async function overheadBySize(pipeline: Pipeline, sizes: number[], perSize: number) {
  const base = CORPUS.map((f) => splitHole(f).full).join('\n').split('\n');
  pipeline.setLatency(5);
  pipeline.setModel(() => 'value + 1;<|endoftext|>');
  const results: Record<string, { toProviderCallMs: ReturnType<typeof summary>; toRequestSentMs: ReturnType<typeof summary>; toFetchDispatchMs: ReturnType<typeof summary>; lastByteToReturnMs: ReturnType<typeof summary> }> = {};
  for (const n of sizes) {
    const lines = Array.from({ length: n }, (_, i) => base[i % base.length]);
    const doc: LineSource = { lineCount: lines.length, lineText: (l) => lines[l] };
    const calls = new Map<string, number>();
    const backend = pipeline.backend((id, at) => calls.set(id, at));
    const toCall: number[] = [];
    const toSent: number[] = [];
    const toUndici: number[] = [];
    const toReturn: number[] = [];
    for (let i = 0; i < perSize + 20; i++) {
      const line = Math.floor(n / 2) - Math.floor(perSize / 2) + i;
      const position = { line: Math.max(0, Math.min(n - 1, line)), character: lines[Math.max(0, Math.min(n - 1, line))].length };
      // A fresh completer per request: every request is a cache miss, as at a new place in a file.
      const completer = new InlineCompleter({ debounceMs: () => 150, maxTokens: () => 128 });
      const o = await completer.complete({ documentId: `size-${n}`, doc, position, explicit: true }, backend);
      const t1 = performance.now();
      if (i < 20) continue; // warm-up (JIT, keep-alive connection)
      if (o.kind !== 'completion' || o.source !== 'network' || !o.request) continue;
      const info = o.request;
      const call = calls.get(info.id);
      if (call === undefined || info.lastByteAt === undefined) continue;
      const own = info.prepareMs + (call - info.startedAt);
      toCall.push(own);
      const sent = sentAfter(call);
      if (sent !== undefined) toSent.push(own + (sent - call));
      const handed = createdAfter(call);
      if (handed !== undefined) toUndici.push(own + (handed - call));
      toReturn.push(t1 - info.lastByteAt);
    }
    results[String(n)] = { toProviderCallMs: summary(toCall), toRequestSentMs: summary(toSent), toFetchDispatchMs: summary(toUndici), lastByteToReturnMs: summary(toReturn) };
  }
  return results;
}
