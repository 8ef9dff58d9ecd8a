import assert from 'node:assert/strict';
import type { TandemConfig } from '../../../src/core/config';
import { DEFAULT_CONFIG } from '../../../src/core/config';
import { EgressLog } from '../../../src/core/egress/egressLog';
import { EgressTracker } from '../../../src/core/egress/tracker';
import type { EngineChunk, EngineRequest } from '../../../src/core/engine/engineTypes';
import { Engine } from '../../../src/core/engine/engine';
import { mayReachOpenAI } from '../../../src/core/engine/guard';
import type { Emulator, RecordedRequest } from '../../servers/common';
import { startOpenAIEmulator } from '../../servers/openai';
import { startTgiEmulator } from '../../servers/tgi';

const PUBLIC = { private: false, reason: 'not marked private' };
const PRIVATE = { private: true, reason: 'set in .vscode/settings.json (tandem.privateWorkspace)' };
const GITHUB = 'ghp_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8d';
const CODE = `const token = "${GITHUB}";\nconst password = "hunter2";`;

function userText(r: RecordedRequest): string {
  const b = r.body;
  if (!b || typeof b !== 'object') return '';
  if ('messages' in b && Array.isArray(b.messages)) return b.messages.map((m: unknown) => (m && typeof m === 'object' && 'content' in m ? String(m.content) : '')).join('\n');
  return 'inputs' in b ? String(b.inputs) : JSON.stringify(b);
}

async function text(stream: AsyncIterable<EngineChunk>): Promise<string> {
  let out = '';
  for await (const c of stream) if (c.type === 'text') out += c.text;
  return out;
}

describe('the engine privacy step (guard.ts)', () => {
  let openai: Emulator;
  let tgi: Emulator;
  let config: TandemConfig;
  let log: EgressLog;
  let engine: Engine;

  beforeEach(async () => {
    openai = await startOpenAIEmulator();
    tgi = await startTgiEmulator({ modelId: 'bigcode/starcoder2-15b' });
    config = {
      ...DEFAULT_CONFIG,
      openai: { ...DEFAULT_CONFIG.openai, baseUrl: `${openai.url}/v1` },
      huggingface: { ...DEFAULT_CONFIG.huggingface, endpointUrl: tgi.url, model: 'bigcode/starcoder2-15b' },
    };
    log = new EgressLog();
    const tracker = new EgressTracker(log);
    engine = new Engine({
      config: () => config,
      getKey: async () => 'sk-test-guarded-0000',
      onUsage: () => undefined,
      onEgress: tracker.onSent,
      retry: { maxAttempts: 1 },
      tracker,
    });
    // The model echoes what it was sent: placeholders come back and must be restored.
    openai.setReply({ text: (r) => `Echo: ${userText(r)}` });
    tgi.setReply({ text: (r) => `Echo: ${userText(r)}` });
  });

  afterEach(async () => {
    await openai.close();
    await tgi.close();
  });

  const chat = (content: string): EngineRequest => ({ kind: 'chat', messages: [{ role: 'user', content }] });

  it('sends OpenAI placeholders only and restores the secrets in the streamed answer', async () => {
    const answer = await text(engine.stream('refactor', chat(CODE), { privacy: PUBLIC, filePath: 'src/config.ts', signal: new AbortController().signal }));
    const sent = JSON.stringify(openai.requests.map((r) => r.body));
    assert.ok(!sent.includes(GITHUB) && !sent.includes('hunter2'), sent);
    assert.match(sent, /TANDEM_SECRET_1/);
    assert.equal(answer, `Echo: ${CODE}`);
    const records = log.list();
    assert.equal(records.length, openai.requests.length);
    assert.deepEqual(records.map((r) => [r.file, r.feature, r.redactions, r.outcome]), [['src/config.ts', 'refactor', 2, 'ok']]);
  });

  it('redacts inline (FIM) requests to OpenAI too', async () => {
    const prefix = `const token = "${GITHUB}";\nconst next = `;
    await text(engine.stream('inline', { kind: 'fim', prefix, suffix: '\n', maxTokens: 16 }, { privacy: PUBLIC, signal: new AbortController().signal }));
    assert.ok(openai.requests.length > 0);
    assert.ok(!JSON.stringify(openai.requests.map((r) => r.body)).includes(GITHUB));
  });

  it('sends the private endpoint the code as it is, in a private workspace or when it is the chosen provider', async () => {
    const a = await text(engine.stream('explain', chat(CODE), { privacy: PRIVATE, signal: new AbortController().signal }));
    assert.equal(a, `Echo: ${CODE}`);
    config = { ...config, provider: 'huggingface' };
    await text(engine.stream('explain', chat(CODE), { privacy: PUBLIC, signal: new AbortController().signal }));
    assert.equal(openai.requests.length, 0);
    assert.ok(JSON.stringify(tgi.requests.map((r) => r.body)).includes(GITHUB));
  });

  it('keeps the prompt redacted when a rate-limited OpenAI request falls back to the private endpoint', async () => {
    openai.setFault({ kind: 'status', status: 429, retryAfterSec: 0 });
    const answer = await text(engine.stream('explain', chat(CODE), { privacy: PUBLIC, filePath: 'a.ts', signal: new AbortController().signal }));
    assert.equal(answer, `Echo: ${CODE}`, 'the answer from the fallback is restored as well');
    assert.ok(!JSON.stringify(openai.requests.map((r) => r.body)).includes(GITHUB));
    const records = log.list();
    assert.deepEqual(records.map((r) => [r.provider, r.outcome]).filter(([p]) => p === 'openai').map(([, o]) => o).every((o) => o === 'error'), true);
    assert.equal(records.filter((r) => r.provider === 'huggingface' && r.outcome === 'ok').length, 1);
    assert.equal(records.length, openai.requests.length + tgi.requests.length);
  });
});

describe('mayReachOpenAI', () => {
  const signal = new AbortController().signal;
  it('is false in a private workspace and when the private endpoint is requested', () => {
    assert.equal(mayReachOpenAI('explain', { privacy: PRIVATE, signal }, DEFAULT_CONFIG), false);
    assert.equal(mayReachOpenAI('explain', { privacy: PUBLIC, signal }, { ...DEFAULT_CONFIG, provider: 'huggingface' }), false);
    assert.equal(mayReachOpenAI('inline', { privacy: PUBLIC, signal }, { ...DEFAULT_CONFIG, provider: 'huggingface', inline: { ...DEFAULT_CONFIG.inline, provider: 'openai' } }), true);
    assert.equal(mayReachOpenAI('refactor', { privacy: PUBLIC, signal }, DEFAULT_CONFIG), true);
  });
});
