import assert from 'node:assert/strict';
import type { CompletionOutcome } from '../../../src/core/inline/completerTypes';
import { InlineCompleter } from '../../../src/core/inline/completer';
import { AdaptiveDebounce } from '../../../src/core/inline/debounce';
import { brokeOfferMidWord, finishedOffer, offerState } from '../../../src/core/inline/offerState';
import { linesOf } from '../../../src/core/inline/window';
import { FakeClock, fakeBackend, flush } from './fakes';

function input(code: string) {
  const i = code.indexOf('|');
  const text = code.slice(0, i) + code.slice(i + 1);
  const before = code.slice(0, i).split('\n');
  return { documentId: 'file:///a.py', doc: linesOf(text), position: { line: before.length - 1, character: before[before.length - 1].length }, explicit: false };
}

function text(o: CompletionOutcome): string | undefined {
  return o.kind === 'completion' ? o.text : undefined;
}

const offer = { documentId: 'd', prefix: 'x = 1\nfrom typing import ', suffix: '\n', text: 'Iterable' };

describe('where the person stands against the suggestion shown', () => {
  it('has finished it once its last character is typed, not before and not in another file', () => {
    assert.equal(finishedOffer(offer, 'd', 'x = 1\nfrom typing import Iterable', '\n'), true);
    assert.equal(finishedOffer(offer, 'd', 'x = 1\nfrom typing import Iterabl', '\n'), false);
    assert.equal(finishedOffer(offer, 'd', 'x = 1\nfrom typing import Iterables', '\n'), false);
    assert.equal(finishedOffer(offer, 'e', 'x = 1\nfrom typing import Iterable', '\n'), false);
    assert.equal(finishedOffer(offer, 'd', 'x = 1\nfrom typing import Iterable', '\nother'), false);
    assert.equal(finishedOffer({ ...offer, text: '  ' }, 'd', 'x = 1\nfrom typing import   ', '\n'), false);
  });

  it('has broken it mid-word when a letter differs from the suggestion\'s next one', () => {
    assert.equal(brokeOfferMidWord(offer, 'd', 'x = 1\nfrom typing import Itw', '\n'), true);
    assert.equal(brokeOfferMidWord(offer, 'd', 'x = 1\nfrom typing import Iw', '\n'), true);
    // The suggestion's own next letter is typing-through, not a break.
    assert.equal(brokeOfferMidWord(offer, 'd', 'x = 1\nfrom typing import Ite', '\n'), false);
    // A different word right where the suggestion starts (after a space) is a choice, not a typo.
    assert.equal(brokeOfferMidWord(offer, 'd', 'x = 1\nfrom typing import W', '\n'), false);
    // Punctuation is no typo of a letter either.
    assert.equal(brokeOfferMidWord(offer, 'd', 'x = 1\nfrom typing import It(', '\n'), false);
    assert.equal(brokeOfferMidWord(offer, 'e', 'x = 1\nfrom typing import Itw', '\n'), false);
  });

  it('reports the newest offer that says something', () => {
    const older = { ...offer, text: 'Iterable, List' };
    assert.equal(offerState([offer, older], 'd', 'x = 1\nfrom typing import Iterable', '\n'), 'finished');
    assert.equal(offerState([older], 'd', 'x = 1\nfrom typing import Iterable', '\n'), undefined);
    assert.equal(offerState([older], 'd', 'x = 1\nfrom typing import Iterabk', '\n'), 'broken');
  });

  it('the debounce does not wait at the end of a finished suggestion', () => {
    const d = new AdaptiveDebounce();
    assert.equal(d.delay('a', 'from typing import Iterable', 150), 150);
    assert.equal(d.delay('a', 'from typing import Iterable', 150, true), 0);
  });
});

describe('the completer at the end of a suggestion and after a typo', () => {
  function setup() {
    const clock = new FakeClock();
    const completer = new InlineCompleter({ debounceMs: () => 150, debounce: new AdaptiveDebounce(), maxTokens: () => 64, clock });
    return { clock, completer };
  }

  it('asks at once when the person has typed a suggestion out (the statement is done)', async () => {
    const { clock, completer } = setup();
    const { backend, calls } = fakeBackend();
    const first = completer.complete(input('import |'), backend);
    await clock.advance(150);
    calls[0].answer('os');
    assert.equal(text(await first), 'os');
    // `import o` is served from memory; `import os` has no suggestion left and is no pause character.
    assert.equal(text(await completer.complete(input('import o|'), backend)), 's');
    void completer.complete(input('import os|'), backend);
    await flush();
    assert.equal(calls.length, 2, 'no debounce at the end of the suggestion');
    assert.equal(calls[1].req.prefix, 'import os');
  });

  it('reads the answer after a finished line as a block, so the lines after the next are served from memory too', async () => {
    const { clock, completer } = setup();
    const { backend, calls } = fakeBackend();
    const first = completer.complete(input('import |'), backend);
    await clock.advance(150);
    calls[0].answer('os');
    await first;
    await completer.complete(input('import o|'), backend);
    const next = completer.complete(input('import os|'), backend);
    await flush();
    calls[1].answer(['\nimport sys\n', 'import re\n']);
    assert.equal(text(await next), '\nimport sys');
    await flush();
    assert.equal(calls[1].signal.aborted, false, 'the rest of the block is read, not cut after one line');
    const later = await completer.complete(input('import os\nimport sys\n|'), backend);
    assert.equal(text(later), 'import re');
    assert.equal(later.kind === 'completion' && later.source, 'typing');
    assert.equal(calls.length, 2);
  });

  it('sends nothing for a letter that breaks the suggestion mid-word, keeps the request in flight, and serves the Backspace from memory', async () => {
    const { clock, completer } = setup();
    const { backend, calls } = fakeBackend();
    const first = completer.complete(input('import |'), backend);
    await clock.advance(150);
    calls[0].answer('collections');
    assert.equal(text(await first), 'collections');
    assert.equal(text(await completer.complete(input('import co|'), backend)), 'llections');
    const typo = await completer.complete(input('import cop|'), backend);
    await clock.advance(1000);
    assert.deepEqual(typo, { kind: 'none', reason: 'typo' });
    assert.equal(calls.length, 1);
    assert.equal(completer.stats.typos, 1);
    const fixed = await completer.complete(input('import co|'), backend);
    assert.equal(text(fixed), 'llections');
    // A person who goes on with another word is asked for after the usual wait.
    void completer.complete(input('import copy|'), backend);
    await clock.advance(150);
    assert.equal(calls.length, 2);
  });

  it('the editor asking for the state a request was sent for gets its first line as soon as it is there', async () => {
    const clock = new FakeClock();
    const completer = new InlineCompleter({ debounceMs: () => 0, maxTokens: () => 64, clock });
    let push: ((t: string) => void) | undefined;
    let end: (() => void) | undefined;
    const backend = {
      providerId: 'huggingface' as const,
      model: 'm',
      promptTokens: 1000,
      async *stream() {
        const queue: string[] = [];
        let ended = false;
        let wake: (() => void) | undefined;
        push = (t) => {
          queue.push(t);
          wake?.();
        };
        end = () => {
          ended = true;
          wake?.();
        };
        for (;;) {
          while (queue.length) yield { type: 'text' as const, text: queue.shift() ?? '' };
          if (ended) break;
          await new Promise<void>((r) => (wake = r));
        }
        yield { type: 'done' as const, provider: 'huggingface' as const, why: 'test', usage: { inputTokens: 1, cachedInputTokens: 0, outputTokens: 1, estimated: false }, finishReason: 'stop' as const, model: 'm' };
      },
    };
    const sent = completer.complete(input('def f(a):\n|'), backend);
    await flush();
    const again = completer.complete(input('def f(a):\n|'), backend);
    await flush();
    push?.('    b = a + 1\n');
    assert.equal(text(await sent), '    b = a + 1');
    assert.equal(text(await again), '    b = a + 1', 'the first line, while the rest still streams');
    push?.('    return b\n');
    end?.();
    await flush();
    assert.equal(completer.stats.upstream, 1);
  });
});
