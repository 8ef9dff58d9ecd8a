import assert from 'node:assert/strict';
import { EgressLog } from '../../../src/core/egress/egressLog';
import { EgressTracker } from '../../../src/core/egress/tracker';
import type { SentEvent } from '../../../src/core/egress/tracker';

type Chunk = { type: 'text'; text: string } | { type: 'done' };

/** A fake engine: sends `attempts` requests (all but the last fail over), then streams. */
function fakeEngine(onSent: (e: SentEvent) => void, attempts: { provider: 'openai' | 'huggingface'; host: string }[], fail?: Error) {
  return async function* (): AsyncGenerator<Chunk> {
    for (const a of attempts) {
      await new Promise((r) => setImmediate(r));
      onSent({ host: a.host, provider: a.provider, feature: 'explain', bytes: 100 });
    }
    await new Promise((r) => setImmediate(r));
    if (fail) throw fail;
    yield { type: 'text', text: 'hi' };
    await new Promise((r) => setImmediate(r));
    yield { type: 'text', text: ' there' };
    yield { type: 'done' };
  };
}

async function drain<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('EgressTracker', () => {
  it('attributes requests to the file and redaction of their stream, and marks the outcome', async () => {
    const log = new EgressLog();
    const tracker = new EgressTracker(log);
    const engine = fakeEngine(tracker.onSent, [{ provider: 'openai', host: 'api.openai.com' }]);
    const chunks = await drain(tracker.track({ feature: 'explain', file: 'src/a.ts', redactions: 2, redactionKinds: ['jwt'] }, engine));
    assert.equal(chunks.length, 3);
    const [r] = log.list();
    assert.equal(r.file, 'src/a.ts');
    assert.equal(r.redactions, 2);
    assert.deepEqual(r.redactionKinds, ['jwt']);
    assert.equal(r.outcome, 'ok');
  });

  it('marks retried and fallen-back requests as errors and the last with the stream outcome', async () => {
    const log = new EgressLog();
    const tracker = new EgressTracker(log);
    const engine = fakeEngine(tracker.onSent, [
      { provider: 'openai', host: 'api.openai.com' }, { provider: 'openai', host: 'api.openai.com' }, { provider: 'huggingface', host: 'tgi:8080' },
    ]);
    await drain(tracker.track({ feature: 'explain', file: 'a.ts' }, engine));
    assert.deepEqual(log.list().map((r) => [r.host, r.outcome]), [['api.openai.com', 'error'], ['api.openai.com', 'error'], ['tgi:8080', 'ok']]);
  });

  it('gives an earlier request what its server answered when the fetch is wrapped (an /info look-up stays ok)', async () => {
    const log = new EgressLog();
    const tracker = new EgressTracker(log);
    const fetch = tracker.wrapFetch(async (input) => new Response('', { status: String(input).endsWith('/info') ? 200 : 429 }));
    const engine = async function* (): AsyncGenerator<Chunk> {
      for (const [host, url] of [['tgi', 'http://tgi/info'], ['openai', 'http://openai/v1/chat'], ['tgi', 'http://tgi/generate']]) {
        tracker.onSent({ host, provider: host === 'tgi' ? 'huggingface' : 'openai', feature: 'explain', bytes: 1 });
        await fetch(url);
      }
      yield { type: 'done' };
    };
    await drain(tracker.track({ feature: 'explain' }, engine));
    assert.deepEqual(log.list().map((r) => r.outcome), ['ok', 'error', 'ok']);
  });

  it('marks a failed stream as error and rethrows', async () => {
    const log = new EgressLog();
    const tracker = new EgressTracker(log);
    const engine = fakeEngine(tracker.onSent, [{ provider: 'huggingface', host: 'tgi:8080' }], new Error('boom'));
    await assert.rejects(drain(tracker.track({ feature: 'refactor' }, engine)), /boom/);
    assert.equal(log.list()[0].outcome, 'error');
  });

  it('marks a cancelled stream, and one the consumer stopped early, as cancelled', async () => {
    const log = new EgressLog();
    const tracker = new EgressTracker(log);
    const abort = Object.assign(new Error('cancelled'), { kind: 'cancelled' });
    await assert.rejects(drain(tracker.track({ feature: 'inline' }, fakeEngine(tracker.onSent, [{ provider: 'openai', host: 'o' }], abort))));
    for await (const c of tracker.track({ feature: 'inline' }, fakeEngine(tracker.onSent, [{ provider: 'openai', host: 'o' }]))) {
      assert.equal(c.type, 'text');
      break;
    }
    assert.deepEqual(log.list().map((r) => r.outcome), ['cancelled', 'cancelled']);
  });

  it('counts a consumer that stops right after the done chunk as ok', async () => {
    const log = new EgressLog();
    const tracker = new EgressTracker(log);
    for await (const c of tracker.track({ feature: 'explain' }, fakeEngine(tracker.onSent, [{ provider: 'openai', host: 'o' }]))) {
      if (c.type === 'done') break;
    }
    assert.deepEqual(log.list().map((r) => r.outcome), ['ok']);
  });

  it('keeps concurrent streams apart', async () => {
    const log = new EgressLog();
    const tracker = new EgressTracker(log);
    await Promise.all([
      drain(tracker.track({ feature: 'explain', file: 'a.ts' }, fakeEngine(tracker.onSent, [{ provider: 'openai', host: 'o' }, { provider: 'openai', host: 'o' }]))),
      drain(tracker.track({ feature: 'inline', file: 'b.ts' }, fakeEngine(tracker.onSent, [{ provider: 'huggingface', host: 'h' }, { provider: 'huggingface', host: 'h' }]))),
    ]);
    const byFile = (f: string) => log.list().filter((r) => r.file === f).map((r) => r.host);
    assert.deepEqual(byFile('a.ts'), ['o', 'o']);
    assert.deepEqual(byFile('b.ts'), ['h', 'h']);
    assert.deepEqual(log.list().filter((r) => r.file === 'b.ts').map((r) => r.feature), ['inline', 'inline']);
  });

  it('records a request sent outside any tracked stream as final', () => {
    const log = new EgressLog();
    const tracker = new EgressTracker(log);
    tracker.onSent({ host: 'api.openai.com', provider: 'openai', feature: 'test', bytes: 0 });
    assert.equal(log.list()[0].outcome, 'sent');
    assert.equal(log.list()[0].file, undefined);
  });
});
