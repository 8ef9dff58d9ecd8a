import assert from 'node:assert/strict';
import type { TandemConfig } from '../../../src/core/config';
import { DEFAULT_CONFIG } from '../../../src/core/config';
import type { EgressEvent } from '../../../src/core/llm/base';
import type { EngineChunk, EngineRequest, StreamOptions, UsageEvent } from '../../../src/core/engine/engineTypes';
import { Engine } from '../../../src/core/engine/engine';
import type { ProviderError } from '../../../src/core/llm/errors';
import { isProviderError } from '../../../src/core/llm/errors';
import type { Emulator } from '../../servers/common';
import { startOpenAIEmulator } from '../../servers/openai';
import { startTgiEmulator } from '../../servers/tgi';

const OPENAI_KEY = 'sk-engine-test-0123456789';
const HF_KEY = 'hf_enginetest0123456789';
const PUBLIC = { private: false, reason: 'not marked private' };
const PRIVATE = { private: true, reason: 'tandem.privateWorkspace is true' };
const chat: EngineRequest = { kind: 'chat', messages: [{ role: 'user', content: 'Explain: const x = 1;' }] };
const fim: EngineRequest = { kind: 'fim', prefix: 'def f():\n    ', suffix: '\n', maxTokens: 16 };

interface Run { text: string; done?: Extract<EngineChunk, { type: 'done' }>; error?: ProviderError; routes: Extract<EngineChunk, { type: 'route' }>['decision'][]; order: EngineChunk['type'][] }

async function run(engine: Engine, feature: 'inline' | 'explain', req: EngineRequest, privacy = PUBLIC, signal = new AbortController().signal, extra: Partial<StreamOptions> = {}): Promise<Run> {
  const out: Run = { text: '', routes: [], order: [] };
  try {
    for await (const c of engine.stream(feature, req, { privacy, signal, ...extra })) {
      out.order.push(c.type);
      if (c.type === 'text') out.text += c.text;
      else if (c.type === 'route') out.routes.push(c.decision);
      else out.done = c;
    }
  } catch (e) {
    if (!isProviderError(e)) throw e;
    out.error = e;
  }
  return out;
}

describe('Engine: route → key → provider → retry → fallback, with usage and egress events', () => {
  let openai: Emulator;
  let tgi: Emulator;
  let usage: UsageEvent[];
  let egress: EgressEvent[];
  let logs: string[];
  let config: TandemConfig;
  let budgetSpent: boolean;
  let engine: Engine;

  beforeEach(async () => {
    openai = await startOpenAIEmulator({ apiKey: OPENAI_KEY });
    tgi = await startTgiEmulator({ token: HF_KEY });
    usage = [];
    egress = [];
    logs = [];
    budgetSpent = false;
    config = {
      ...DEFAULT_CONFIG,
      openai: { ...DEFAULT_CONFIG.openai, baseUrl: `${openai.url}/v1` },
      huggingface: { ...DEFAULT_CONFIG.huggingface, endpointUrl: tgi.url, model: 'bigcode/starcoder2-15b' },
    };
    engine = new Engine({
      config: () => config,
      getKey: async (p) => (p === 'openai' ? OPENAI_KEY : HF_KEY),
      onUsage: (e) => usage.push(e),
      onEgress: (e) => egress.push(e),
      budgetSpent: () => budgetSpent,
      log: (_l, m) => logs.push(m),
      timeouts: { firstByteChatMs: 300, firstByteInlineMs: 300, gapMs: 300 },
      retry: { baseDelayMs: 5, maxDelayMs: 200 },
      circuit: { failureThreshold: 3, coolDownMs: 60_000 },
    });
  });
  afterEach(async () => {
    await openai.close();
    await tgi.close();
  });

  const chatCalls = (e: Emulator) => e.requests.filter((r) => r.method === 'POST').length;

  it('serves explain on OpenAI with one exact usage event and one egress event', async () => {
    openai.setReply({ text: 'It sets x.', usage: { promptTokens: 20, completionTokens: 4, cachedTokens: 8 } });
    const r = await run(engine, 'explain', chat);
    assert.equal(r.text, 'It sets x.');
    assert.equal(r.done?.provider, 'openai');
    assert.equal(r.done?.model, 'gpt-4.1-mini');
    assert.equal(usage.length, 1);
    assert.deepEqual(
      { p: usage[0].provider, i: usage[0].inputTokens, c: usage[0].cachedInputTokens, o: usage[0].outputTokens, e: usage[0].estimated, out: usage[0].outcome, f: usage[0].feature },
      { p: 'openai', i: 20, c: 8, o: 4, e: false, out: 'ok', f: 'explain' },
    );
    assert.equal(egress.length, 1);
    assert.equal(egress[0].host, new URL(openai.url).host);
    assert.ok(egress[0].bytes > 20);
    assert.equal(tgi.requests.length, 0);
    assert.equal(r.order[0], 'route', 'the decision is the first event');
    assert.deepEqual(r.routes.map((d) => [d.provider, d.model]), [['openai', 'gpt-4.1-mini']]);
  });

  it('uses the decision a request carries instead of routing again', async () => {
    tgi.setReply({ text: 'from the carried route' });
    const carried = { ok: true as const, provider: 'huggingface' as const, model: 'bigcode/starcoder2-15b', why: 'decided by the caller' };
    const r = await run(engine, 'explain', chat, PUBLIC, undefined, { route: carried });
    assert.equal(r.text, 'from the carried route');
    assert.deepEqual(r.routes, [carried]);
    assert.equal(r.done?.provider, 'huggingface');
    assert.equal(openai.requests.length, 0, 'tandem.provider (openai) was not asked again');
  });

  it('a private workspace goes to the private endpoint only, whatever tandem.provider says', async () => {
    config = { ...config, provider: 'openai', chat: { provider: 'openai' }, inline: { ...config.inline, provider: 'openai' } };
    const a = await run(engine, 'explain', chat, PRIVATE);
    const b = await run(engine, 'inline', fim, PRIVATE);
    assert.equal(a.done?.provider, 'huggingface');
    assert.equal(b.done?.provider, 'huggingface');
    assert.equal(openai.requests.length, 0);
    assert.ok(egress.every((e) => e.host === new URL(tgi.url).host));
  });

  it('a failing private endpoint in a private workspace fails clearly and sends nothing to the cloud', async () => {
    tgi.setFault({ kind: 'status', status: 500 });
    const r = await run(engine, 'explain', chat, PRIVATE);
    assert.equal(r.error?.kind, 'unavailable');
    assert.equal(openai.requests.length, 0);
    assert.ok(usage.every((u) => u.provider === 'huggingface' && u.outcome === 'error'));
  });

  it('a missing private endpoint in a private workspace is a refusal, nothing sent', async () => {
    config = { ...config, huggingface: { ...config.huggingface, endpointUrl: '' } };
    const r = await run(engine, 'explain', chat, PRIVATE);
    assert.equal(r.error?.kind, 'refused');
    assert.deepEqual(r.error?.actions, ['openSettings']);
    assert.deepEqual(r.order, [], 'refused before any event');
    assert.equal(openai.requests.length + tgi.requests.length, 0);
    assert.equal(usage.length, 0);
  });

  it('chat: 429 retried, then served by the private endpoint; every request recorded', async () => {
    openai.setFault({ kind: 'status', status: 429, retryAfterMs: 10 });
    tgi.setReply({ text: 'private answer' });
    const r = await run(engine, 'explain', chat);
    assert.equal(r.text, 'private answer');
    assert.equal(r.done?.provider, 'huggingface');
    assert.equal(r.done?.fallbackFrom, 'openai');
    assert.equal(chatCalls(openai), 3, 'three tries on the cloud');
    assert.deepEqual(usage.map((u) => `${u.provider}:${u.outcome}`), ['openai:error', 'openai:error', 'openai:error', 'huggingface:ok']);
    assert.equal(usage[3].fallbackFrom, 'openai');
    assert.deepEqual(r.routes.map((d) => [d.provider, d.fallbackFrom]), [['openai', undefined], ['huggingface', 'openai']], 'the fallback announces its own route');
  });

  it('inline: 429 falls back at once, without a retry', async () => {
    openai.setFault({ kind: 'status', status: 429, retryAfterMs: 10 });
    const r = await run(engine, 'inline', fim);
    assert.equal(r.done?.provider, 'huggingface');
    assert.equal(chatCalls(openai), 1);
  });

  for (const status of [400, 401, 403, 404]) {
    it(`never falls back on ${status}`, async () => {
      openai.setFault({ kind: 'status', status });
      const r = await run(engine, 'explain', chat);
      assert.ok(r.error);
      assert.equal(tgi.requests.length, 0);
      assert.ok(!r.error.message.includes(OPENAI_KEY));
    });
  }

  it('without tandem.fallbackToPrivate a cloud failure is shown', async () => {
    config = { ...config, fallbackToPrivate: false };
    openai.setFault({ kind: 'status', status: 500 });
    const r = await run(engine, 'inline', fim);
    assert.equal(r.error?.kind, 'unavailable');
    assert.equal(tgi.requests.length, 0);
  });

  it('a spent budget sends nothing to OpenAI and serves from the private endpoint', async () => {
    budgetSpent = true;
    const r = await run(engine, 'explain', chat);
    assert.equal(r.done?.provider, 'huggingface');
    assert.match(r.done!.why, /budget/);
    assert.equal(openai.requests.length, 0);
  });

  it('the circuit opens after repeated failures; later requests skip the cloud; health listeners hear it', async () => {
    const states: string[] = [];
    engine.onHealthChange((p, s) => p === 'openai' && states.push(s.state));
    config = { ...config, fallbackToPrivate: false };
    openai.setFault({ kind: 'status', status: 503 });
    for (let i = 0; i < 3; i++) await run(engine, 'inline', fim);
    assert.equal(engine.healthSnapshot().openai.state, 'open');
    assert.ok(states.includes('open'));
    const before = openai.requests.length;
    const refused = await run(engine, 'inline', fim);
    assert.equal(refused.error?.kind, 'refused');
    assert.equal(openai.requests.length, before, 'failing fast');
    config = { ...config, fallbackToPrivate: true };
    const served = await run(engine, 'inline', fim);
    assert.equal(served.done?.provider, 'huggingface');
    assert.equal(engine.route('inline', PUBLIC).provider, 'huggingface');
  });

  it('an abort mid-stream records one cancelled usage event and closes the request', async () => {
    openai.setFault({ kind: 'neverEnding', intervalMs: 5 });
    const ac = new AbortController();
    const out: Run = { text: '', routes: [], order: [] };
    try {
      for await (const c of engine.stream('explain', chat, { privacy: PUBLIC, signal: ac.signal })) if (c.type === 'text') ac.abort();
    } catch (e) {
      if (isProviderError(e)) out.error = e;
    }
    assert.equal(out.error?.kind, 'cancelled');
    assert.deepEqual(usage.map((u) => u.outcome), ['cancelled']);
    assert.equal(tgi.requests.length, 0, 'a cancel is not a reason to fall back');
  });

  for (const provider of ['openai', 'huggingface'] as const) {
    it(`a reader that stops once it has enough still leaves the request's usage record under its id (${provider})`, async () => {
      config = { ...config, provider, inline: { ...config.inline, provider } };
      (provider === 'openai' ? openai : tgi).setReply({ text: 'a + b\nmore\nlines\n' });
      for await (const c of engine.stream('inline', fim, { privacy: PUBLIC, signal: new AbortController().signal, usageId: 'inline-7' })) {
        if (c.type === 'text') break;
      }
      assert.equal(usage.length, 1);
      assert.deepEqual(
        { p: usage[0].provider, id: usage[0].id, out: usage[0].outcome, e: usage[0].estimated, f: usage[0].feature },
        { p: provider, id: 'inline-7', out: 'ok', e: true, f: 'inline' },
      );
      assert.ok(usage[0].inputTokens > 0 && usage[0].outputTokens > 0);
      assert.equal(engine.healthSnapshot()[provider].state, 'closed');
    });
  }

  it('rebuilds the provider when settings change', async () => {
    const other = await startOpenAIEmulator({ apiKey: OPENAI_KEY });
    try {
      await run(engine, 'explain', chat);
      config = { ...config, openai: { ...config.openai, baseUrl: `${other.url}/v1` } };
      await run(engine, 'explain', chat);
      assert.equal(chatCalls(openai), 1);
      assert.equal(chatCalls(other), 1);
    } finally {
      await other.close();
    }
  });

  it('keys never appear in errors, logs, usage or egress events', async () => {
    openai.setFault({ kind: 'status', status: 401, message: `Incorrect API key provided: ${OPENAI_KEY}` });
    const a = await run(engine, 'explain', chat);
    tgi.setFault({ kind: 'status', status: 422, message: `bad token ${HF_KEY}` });
    const b = await run(engine, 'explain', chat, PRIVATE);
    const everything = JSON.stringify({ a: a.error?.message, b: b.error?.message, logs, usage, egress });
    assert.ok(a.error && b.error);
    assert.ok(!everything.includes(OPENAI_KEY) && !everything.includes(HF_KEY), everything);
  });
  it('a new endpoint or a new key starts healthy; the same settings keep the open circuit', async () => {
    engine.invalidate();
    openai.setFault({ kind: 'status', status: 500 });
    for (let i = 0; i < 3; i++) await run(engine, 'inline', fim);
    assert.equal(engine.healthSnapshot().openai.state, 'open');
    engine.invalidate();
    assert.equal(engine.healthSnapshot().openai.state, 'open', 'an unrelated settings change keeps the circuit');
    config = { ...config, openai: { ...config.openai, baseUrl: `http://localhost:${openai.port}/v1` } };
    engine.invalidate();
    assert.equal(engine.healthSnapshot().openai.state, 'closed', 'a new endpoint starts healthy');
    for (let i = 0; i < 3; i++) await run(engine, 'inline', fim);
    assert.equal(engine.healthSnapshot().openai.state, 'open');
    engine.invalidate('openai');
    assert.equal(engine.healthSnapshot().openai.state, 'closed', 'a new key starts healthy');
  });
});
