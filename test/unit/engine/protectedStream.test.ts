import assert from 'node:assert/strict';
import { EgressLog } from '../../../src/core/egress/egressLog';
import { EgressTracker } from '../../../src/core/egress/tracker';
import { protectedStream, redactRequest } from '../../../src/core/engine/protectedStream';
import type { RedactableRequest } from '../../../src/core/engine/protectedStream';
import { SecretVault } from '../../../src/core/privacy/redact';

const KEY = 'ghp_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8d';
const CODE = `const token = "${KEY}";\nconst password = "hunter2";\n`;

type Req = Extract<RedactableRequest, { kind: 'chat' }> & { maxTokens: number };
type Chunk = { type: 'text'; text: string } | { type: 'done'; provider: string };

/** An echoing model that streams its answer in tiny chunks, cutting placeholders apart. */
function echo(seen: Req[], sizes = 3) {
  return async function* (req: Req): AsyncGenerator<Chunk> {
    seen.push(req);
    const answer = `Refactored:\n${req.messages[req.messages.length - 1].content.replace('const', 'let')}`;
    for (let i = 0; i < answer.length; i += sizes) yield { type: 'text', text: answer.slice(i, i + sizes) };
    yield { type: 'done', provider: 'openai' };
  };
}

async function collect(it: AsyncIterable<Chunk>): Promise<{ text: string; chunks: Chunk[] }> {
  const chunks: Chunk[] = [];
  for await (const c of it) chunks.push(c);
  return { text: chunks.map((c) => (c.type === 'text' ? c.text : '')).join(''), chunks };
}

describe('protectedStream', () => {
  it('tells which secrets were restored, from the chunk that restores them on (for the panel\'s links)', async () => {
    const request: Req = { kind: 'chat', maxTokens: 100, messages: [{ role: 'user', content: CODE }] };
    const chunks: { type: string; text?: string; restored?: readonly string[] }[] = [];
    for await (const c of protectedStream({ request, redact: true, feature: 'explain' }, echo([]))) chunks.push(c);
    const texts = chunks.filter((c) => c.type === 'text');
    const first = texts.findIndex((c) => c.restored !== undefined);
    assert.ok(first >= 0, 'some chunk says what was restored');
    assert.ok(texts.slice(0, first).every((c) => !c.text?.includes(KEY)), 'no chunk before it holds a secret');
    assert.deepEqual([...(texts[texts.length - 1].restored ?? [])].sort(), [KEY, 'hunter2'].sort());
  });

  it('sends placeholders, never the secrets, and restores them in the answer', async () => {
    const seen: Req[] = [];
    const request: Req = { kind: 'chat', maxTokens: 100, messages: [{ role: 'system', content: 'refactor' }, { role: 'user', content: CODE }] };
    const { text, chunks } = await collect(protectedStream({ request, redact: true, feature: 'refactor' }, echo(seen)));
    const sent = JSON.stringify(seen[0]);
    assert.ok(!sent.includes(KEY) && !sent.includes('hunter2'), sent);
    assert.match(sent, /TANDEM_SECRET_1/);
    assert.equal(seen[0].maxTokens, 100, 'other request fields pass through');
    assert.equal(text, `Refactored:\n${CODE.replace('const', 'let')}`);
    assert.deepEqual(chunks[chunks.length - 1], { type: 'done', provider: 'openai' }, 'done comes last, after all text');
    assert.ok(!chunks.some((c) => c.type === 'text' && /TANDEM_SEC|ECRET_\d/.test(c.text)), 'no half placeholder is ever shown');
  });

  it('sends the request untouched when redaction is off', async () => {
    const seen: Req[] = [];
    const request: Req = { kind: 'chat', maxTokens: 1, messages: [{ role: 'user', content: CODE }] };
    await collect(protectedStream({ request, redact: false, feature: 'explain' }, echo(seen)));
    assert.equal(seen[0], request);
  });

  it('records file, redaction count and kinds in the egress log when tracked', async () => {
    const log = new EgressLog();
    const tracker = new EgressTracker(log);
    const request: Req = { kind: 'chat', maxTokens: 1, messages: [{ role: 'user', content: CODE }] };
    const reported: string[] = [];
    const send = async function* (req: Req): AsyncGenerator<Chunk> {
      tracker.onSent({ host: 'api.openai.com', provider: 'openai', feature: 'refactor', bytes: JSON.stringify(req).length });
      yield { type: 'text', text: 'ok' };
      yield { type: 'done', provider: 'openai' };
    };
    await collect(protectedStream({ request, redact: true, feature: 'refactor', file: 'src/config.ts', tracker, onRedacted: (n, k) => reported.push(`${n}:${k.join(',')}`) }, send));
    const [r] = log.list();
    assert.equal(r.file, 'src/config.ts');
    assert.equal(r.redactions, 2);
    assert.deepEqual([...r.redactionKinds].sort(), ['assigned-secret', 'github-token']);
    assert.equal(r.outcome, 'ok');
    assert.deepEqual(reported, ['2:github-token,assigned-secret']);
  });

  it('restores with placeholders shared across requests of one vault', async () => {
    const vault = new SecretVault();
    const seen: Req[] = [];
    const first: Req = { kind: 'chat', maxTokens: 1, messages: [{ role: 'user', content: CODE }] };
    await collect(protectedStream({ request: first, redact: true, feature: 'explain', vault }, echo(seen)));
    const second: Req = { kind: 'chat', maxTokens: 1, messages: [{ role: 'user', content: `again ${KEY}` }] };
    const { text } = await collect(protectedStream({ request: second, redact: true, feature: 'explain', vault }, echo(seen)));
    assert.equal(seen[1].messages[0].content, 'again TANDEM_SECRET_1');
    assert.equal(text, `Refactored:\nagain ${KEY}`);
  });
});

describe('redactRequest', () => {
  it('redacts a FIM request: prefix, suffix and snippets', () => {
    const r = redactRequest({
      kind: 'fim', prefix: `const key = "${KEY}";\nconst x = `, suffix: '\nconst pw = "s3cr3tpw";',
      snippets: [{ path: 'src/config.ts', text: 'export const stripe = "sk_live_bbYrEqmSM9wCZ7Uw9xfogoEm";' }],
    });
    assert.equal(r.request.kind, 'fim');
    if (r.request.kind !== 'fim') return;
    assert.equal(r.request.prefix, 'const key = "TANDEM_SECRET_1";\nconst x = ');
    assert.equal(r.request.suffix, '\nconst pw = "TANDEM_SECRET_2";');
    assert.equal(r.request.snippets?.[0].text, 'export const stripe = "TANDEM_SECRET_3";');
    assert.equal(r.request.snippets?.[0].path, 'src/config.ts');
    assert.equal(r.count, 3);
  });

  it('does not mutate the original request', () => {
    const req: RedactableRequest = { kind: 'chat', messages: [{ role: 'user', content: CODE }] };
    redactRequest(req);
    assert.equal(req.messages[0].content, CODE);
  });
});
