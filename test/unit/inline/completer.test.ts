import assert from 'node:assert/strict';
import type { CompletionOutcome } from '../../../src/core/inline/completerTypes';
import { InlineCompleter, InlineTimeoutError } from '../../../src/core/inline/completer';
import { linesOf } from '../../../src/core/inline/window';
import { FakeClock, fakeBackend, flush } from './fakes';

/** A document with `|` at the cursor. */
function input(code: string, explicit = false) {
  const i = code.indexOf('|');
  const text = code.slice(0, i) + code.slice(i + 1);
  const before = code.slice(0, i).split('\n');
  return { documentId: 'file:///a.ts', doc: linesOf(text), position: { line: before.length - 1, character: before[before.length - 1].length }, explicit };
}

function setup(debounceMs = 150) {
  const clock = new FakeClock();
  const done: string[] = [];
  const completer = new InlineCompleter({ debounceMs: () => debounceMs, maxTokens: () => 64, clock, onRequestDone: (_i, o) => done.push(o) });
  return { clock, completer, done };
}

function text(o: CompletionOutcome): string | undefined {
  return o.kind === 'completion' ? o.text : undefined;
}

describe('inline request discipline', () => {
  it('waits for the debounce before asking the model, and sends the window', async () => {
    const { clock, completer } = setup();
    const { backend, calls } = fakeBackend();
    const p = completer.complete(input('const x = |'), backend);
    await clock.advance(149);
    assert.equal(calls.length, 0);
    await clock.advance(1);
    assert.equal(calls.length, 1);
    assert.equal(calls[0].req.prefix, 'const x = ');
    assert.equal(calls[0].req.kind, 'fim');
    assert.equal(calls[0].req.maxTokens, 64);
    calls[0].answer('42;');
    assert.equal(text(await p), '42;');
  });

  it('sends one request for a burst of keystrokes', async () => {
    const { clock, completer } = setup();
    const { backend, calls } = fakeBackend({ auto: () => 'done' });
    const outs: Promise<CompletionOutcome>[] = [];
    for (const s of ['c|', 'co|', 'con|', 'cons|', 'const |']) {
      outs.push(completer.complete(input(s), backend));
      await clock.advance(60);
    }
    await clock.advance(200);
    const results = await Promise.all(outs);
    assert.equal(calls.length, 1);
    assert.deepEqual(results.slice(0, 4).map((r) => r.kind === 'none' && r.reason), ['superseded', 'superseded', 'superseded', 'superseded']);
    assert.equal(text(results[4]), 'done');
    assert.equal(completer.stats.superseded, 4);
  });

  it('does not debounce an explicit trigger', async () => {
    const { completer } = setup();
    const { backend, calls } = fakeBackend({ auto: () => 'y' });
    const out = await completer.complete(input('x = |', true), backend);
    assert.equal(calls.length, 1);
    assert.equal(text(out), 'y');
  });

  it('aborts the older request when a keystroke changes the context, keeping one in flight', async () => {
    const { clock, completer, done } = setup();
    const { backend, calls } = fakeBackend();
    const first = completer.complete(input('let a = |'), backend);
    await clock.advance(150);
    assert.equal(calls.length, 1);
    // The person deletes a character: the first answer cannot apply any more.
    const second = completer.complete(input('let a =|'), backend);
    await flush();
    assert.equal(calls[0].signal.aborted, true);
    const r1 = await first;
    assert.equal(r1.kind === 'none' && r1.reason, 'cancelled');
    await clock.advance(150);
    assert.equal(calls.length, 2);
    calls[1].answer(' 1;');
    assert.equal(text(await second), ' 1;');
    assert.deepEqual(done, ['cancelled', 'ok']);
    assert.equal(completer.stats.aborted, 1);
  });

  it('reuses the in-flight request while the person types into its answer', async () => {
    const { clock, completer } = setup();
    const { backend, calls } = fakeBackend();
    const first = completer.complete(input('const total = |'), backend);
    await clock.advance(150);
    const second = completer.complete(input('const total = it|'), backend);
    await flush();
    assert.equal(calls[0].signal.aborted, false);
    calls[0].answer('items.length;');
    const r2 = await second;
    assert.equal(text(r2), 'ems.length;');
    assert.equal(r2.kind === 'completion' && r2.source, 'inflight');
    assert.equal(text(await first), 'items.length;');
    assert.equal(calls.length, 1);
  });

  it('serves typing-through and backspace from memory with no request', async () => {
    const { clock, completer } = setup();
    const { backend, calls } = fakeBackend({ auto: () => 'items.length;' });
    const p = completer.complete(input('const total = |'), backend);
    await clock.advance(150);
    await p;
    const typed = await completer.complete(input('const total = ite|'), backend);
    assert.equal(text(typed), 'ms.length;');
    assert.equal(typed.kind === 'completion' && typed.source, 'typing');
    const back = await completer.complete(input('const total = |'), backend);
    assert.equal(back.kind === 'completion' && back.source, 'cache');
    assert.equal(calls.length, 1);
    // Acceptance of a served-from-memory suggestion counts for the request it came from.
    const first = await p;
    assert.ok(first.kind === 'completion' && typed.kind === 'completion' && back.kind === 'completion');
    assert.equal(typed.requestId, first.requestId);
    assert.equal(back.requestId, first.requestId);
    assert.equal(completer.stats.typingHits, 1);
    assert.equal(completer.stats.cacheHits, 1);
  });

  it('remembers empty answers so the same context is not asked again', async () => {
    const { clock, completer } = setup();
    const { backend, calls } = fakeBackend({ auto: () => '   ' });
    const p = completer.complete(input('x = |'), backend);
    await clock.advance(150);
    assert.equal((await p).kind, 'none');
    const again = await completer.complete(input('x = |'), backend);
    assert.equal(again.kind === 'none' && again.source, 'cache');
    assert.equal(calls.length, 1);
  });

  it('sends nothing mid-word, but an explicit trigger still asks', async () => {
    const { clock, completer } = setup();
    const { backend, calls } = fakeBackend({ auto: () => 'x' });
    const r = await completer.complete(input('fo|o()'), backend);
    assert.equal(r.kind === 'none' && r.reason, 'midword');
    await clock.advance(500);
    assert.equal(calls.length, 0);
    await completer.complete(input('fo|o()', true), backend);
    assert.equal(calls.length, 1);
  });

  it('abandons a request after 5 s as a timeout failure', async () => {
    const { clock, completer, done } = setup();
    const { backend, calls } = fakeBackend();
    const p = completer.complete(input('y = |'), backend);
    await clock.advance(150);
    await clock.advance(5000);
    const r = await p;
    assert.equal(calls[0].signal.aborted, true);
    assert.ok(r.kind === 'none' && r.reason === 'error' && r.error instanceof InlineTimeoutError);
    assert.deepEqual(done, ['error']);
  });

  it('passes provider errors on, without caching them', async () => {
    const { clock, completer } = setup();
    const { backend, calls } = fakeBackend();
    const p = completer.complete(input('z = |'), backend);
    await clock.advance(150);
    calls[0].fail(new Error('endpoint down'));
    const r = await p;
    assert.ok(r.kind === 'none' && r.reason === 'error' && r.error instanceof Error && r.error.message === 'endpoint down');
    const again = completer.complete(input('z = |'), backend);
    await clock.advance(150);
    assert.equal(calls.length, 2);
    calls[1].answer('1');
    assert.equal(text(await again), '1');
  });

  it('stops reading a one-line answer at its first line break and aborts the rest', async () => {
    const { clock, completer } = setup();
    const { backend, calls } = fakeBackend();
    // Before the line's own `;`: a one-line context (at a line end the answer is read as a block, lineEnd.ts).
    const p = completer.complete(input('const x = |;'), backend);
    await clock.advance(150);
    calls[0].answer(['1', '\nconst y', ' = 2;']);
    const r = await p;
    assert.equal(text(r), '1');
    assert.equal(r.kind === 'completion' && r.request?.stoppedEarly, true);
    assert.equal(calls[0].signal.aborted, true);
  });

  it('post-processes with the template tokens; chat answers arrive parsed by their provider', async () => {
    const { completer } = setup();
    const fim = fakeBackend({ stop: ['<|endoftext|>'], auto: () => 'a + b;<|endoftext|>junk' });
    assert.equal(text(await completer.complete(input('return |', true), fim.backend)), 'a + b;');
    // The OpenAI provider already removed fences and the echoed prefix (parseInlineAnswer): no second pass.
    const chat = fakeBackend({ openai: true, auto: () => 'return c;' });
    assert.equal(text(await completer.complete({ ...input('x\nreturn |', true), documentId: 'b' }, chat.backend)), 'return c;');
  });
});
