import type { Clock } from '../../../src/core/inline/clock';
import type { EngineChunk } from '../../../src/core/engine/engineTypes';
import type { InlineRequest, InlineTarget } from '../../../src/core/inline/completerTypes';

/** A manual clock: timers fire only when a test advances time. */
export class FakeClock implements Clock {
  private t = 0;
  private seq = 0;
  private timers: { id: number; at: number; fn: () => void }[] = [];

  now(): number {
    return this.t;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.timers.push({ id, at: this.t + ms, fn });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((x) => x.id !== handle);
  }
  /** Moves time forward, firing due timers in order and letting promises settle in between. */
  async advance(ms: number): Promise<void> {
    const target = this.t + ms;
    await flush();
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at || a.id - b.id);
      const next = this.timers[0];
      if (!next || next.at > target) break;
      this.timers.shift();
      this.t = next.at;
      next.fn();
      await flush();
    }
    this.t = target;
    await flush();
  }
}

export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
}

export interface Call {
  req: InlineRequest;
  signal: AbortSignal;
  /** Sends the answer (text chunks, then done). */
  answer(text: string | string[]): void;
  fail(err: unknown): void;
}

/** A completion target whose answers the test releases by hand; records every request and its signal. */
export function fakeBackend(opts: { openai?: boolean; stop?: string[]; special?: string[]; auto?: (req: InlineRequest) => string } = {}) {
  const calls: Call[] = [];
  const backend: InlineTarget = {
    providerId: opts.openai ? 'openai' : 'huggingface',
    model: 'test-model',
    promptTokens: 1000,
    ...(opts.stop ? { tokens: { stop: opts.stop, special: opts.special ?? opts.stop } } : {}),
    async *stream(req: InlineRequest, signal: AbortSignal): AsyncIterable<EngineChunk> {
      let release!: (v: { chunks: string[] } | { error: unknown }) => void;
      const gate = new Promise<{ chunks: string[] } | { error: unknown }>((r) => (release = r));
      const call: Call = {
        req,
        signal,
        answer: (t) => release({ chunks: typeof t === 'string' ? [t] : t }),
        fail: (error) => release({ error }),
      };
      calls.push(call);
      if (opts.auto) call.answer(opts.auto(req));
      const onAbort = () => release({ error: new Error('aborted') });
      signal.addEventListener('abort', onAbort);
      const got = await gate;
      if ('error' in got) throw got.error;
      for (const text of got.chunks) {
        if (signal.aborted) return;
        yield { type: 'text', text };
      }
      yield { type: 'done', provider: backend.providerId, why: 'test', usage: { inputTokens: 10, cachedInputTokens: 0, outputTokens: 5, estimated: false }, finishReason: 'stop', model: 'test-model' };
    },
  };
  return { backend, calls };
}
