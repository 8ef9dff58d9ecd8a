import assert from 'node:assert/strict';
import type { CompletionOutcome } from '../../../src/core/inline/completerTypes';
import { InlineCompleter } from '../../../src/core/inline/completer';
import { completeFirstLine } from '../../../src/core/inline/readAnswer';
import { linesOf } from '../../../src/core/inline/window';
import { FakeClock, flush } from './fakes';

function input(code: string, explicit = true) {
  const i = code.indexOf('|');
  const text = code.slice(0, i) + code.slice(i + 1);
  const before = code.slice(0, i).split('\n');
  return { documentId: 'file:///a.py', doc: linesOf(text), position: { line: before.length - 1, character: before[before.length - 1].length }, explicit };
}

function text(o: CompletionOutcome): string | undefined {
  return o.kind === 'completion' ? o.text : undefined;
}

/** A stream the test feeds piece by piece. */
function pieces() {
  const queue: string[] = [];
  let wake: (() => void) | undefined;
  let ended = false;
  let aborted = false;
  return {
    push(t: string) {
      queue.push(t);
      wake?.();
    },
    end() {
      ended = true;
      wake?.();
    },
    get aborted() {
      return aborted;
    },
    backend: {
      providerId: 'huggingface' as const,
      model: 'm',
      promptTokens: 1000,
      async *stream(_req: unknown, signal: AbortSignal) {
        signal.addEventListener('abort', () => {
          aborted = true;
          wake?.();
        });
        for (;;) {
          while (queue.length) yield { type: 'text' as const, text: queue.shift() ?? '' };
          if (ended || signal.aborted) break;
          await new Promise<void>((r) => (wake = r));
        }
        yield { type: 'done' as const, provider: 'huggingface' as const, why: 'test', usage: { inputTokens: 1, cachedInputTokens: 0, outputTokens: 1, estimated: false }, finishReason: 'stop' as const, model: 'm' };
      },
    },
  };
}

describe('first line first', () => {
  it('finds the first line with code once it has ended', () => {
    assert.equal(completeFirstLine('    return'), undefined);
    assert.equal(completeFirstLine('\n'), undefined);
    assert.equal(completeFirstLine('    return x\n    y'), '    return x');
    assert.equal(completeFirstLine('\n    return x\r\n'), '\n    return x');
  });

  it('shows a multi-line answer\'s first line at once and streams the rest into the cache', async () => {
    const clock = new FakeClock();
    const completer = new InlineCompleter({ debounceMs: () => 0, maxTokens: () => 64, clock });
    const s = pieces();
    const shown = completer.complete(input('def f(a):\n|'), s.backend);
    await flush();
    s.push('    b = a + 1\n');
    s.push('    retu');
    const first = await shown;
    assert.equal(text(first), '    b = a + 1');
    assert.equal(s.aborted, false);
    s.push('rn b\n');
    s.end();
    await flush();
    // The same place again: the whole answer, from the cache.
    const again = await completer.complete(input('def f(a):\n|'), s.backend);
    assert.equal(again.kind === 'completion' && again.source, 'cache');
    assert.equal(text(again), '    b = a + 1\n    return b');
    assert.equal(completer.stats.upstream, 1);
  });

  it('keeps the rest coming while the person types into the first line, then accepts it', async () => {
    const clock = new FakeClock();
    const completer = new InlineCompleter({ debounceMs: () => 0, maxTokens: () => 64, clock });
    const s = pieces();
    const shown = completer.complete(input('def f(a):\n|'), s.backend);
    await flush();
    s.push('    b = a + 1\n');
    assert.equal(text(await shown), '    b = a + 1');
    // Typing the first characters of it is served by typing-through and aborts nothing.
    const typed = await completer.complete(input('def f(a):\n    b|', false), s.backend);
    assert.equal(text(typed), ' = a + 1');
    assert.equal(s.aborted, false);
    // Accepting the whole line waits for the rest of the same answer.
    const accepted = completer.complete(input('def f(a):\n    b = a + 1|', false), s.backend);
    await flush();
    s.push('    return b\n');
    s.end();
    assert.equal(text(await accepted), '\n    return b');
    assert.equal(completer.stats.upstream, 1);
  });
});
