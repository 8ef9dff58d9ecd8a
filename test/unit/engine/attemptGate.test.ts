import assert from 'node:assert/strict';
import type { TandemConfig } from '../../../src/core/config';
import { DEFAULT_CONFIG } from '../../../src/core/config';
import type { EngineRequest, StreamOptions } from '../../../src/core/engine/engineTypes';
import { Engine } from '../../../src/core/engine/engine';
import type { ProviderError } from '../../../src/core/llm/errors';
import { isProviderError } from '../../../src/core/llm/errors';
import type { PrivacyNow } from '../../../src/core/engine/attemptGate';
import type { Emulator } from '../../servers/common';
import { startOpenAIEmulator } from '../../servers/openai';
import { startTgiEmulator } from '../../servers/tgi';

const OPENAI_KEY = 'sk-gate-test-0123456789';
const HF_KEY = 'hf_gatetest0123456789';
const PUBLIC = { private: false, reason: 'not marked private' };
const PRIVATE = { private: true, reason: 'its folder matches "/w/**" in tandem.privateFolders' };
const chat: EngineRequest = { kind: 'chat', messages: [{ role: 'user', content: 'Explain: const x = 1;' }] };

/** Requests that carry the prompt (a /tokenize count before the request is not an attempt). */
function posts(e: Emulator): number {
  return e.requests.filter((r) => r.method === 'POST' && r.path !== '/tokenize').length;
}

describe('Privacy is decided again before every attempt of a request', () => {
  let openai: Emulator;
  let tgi: Emulator;
  let config: TandemConfig;
  let engine: Engine;
  let now: PrivacyNow;

  beforeEach(async () => {
    openai = await startOpenAIEmulator({ apiKey: OPENAI_KEY });
    tgi = await startTgiEmulator({ token: HF_KEY });
    now = { privacy: PUBLIC };
    config = {
      ...DEFAULT_CONFIG,
      openai: { ...DEFAULT_CONFIG.openai, baseUrl: `${openai.url}/v1` },
      huggingface: { ...DEFAULT_CONFIG.huggingface, endpointUrl: tgi.url, model: 'bigcode/starcoder2-15b' },
    };
    engine = new Engine({ config: () => config, getKey: async (p) => (p === 'openai' ? OPENAI_KEY : HF_KEY), onUsage: () => undefined, retry: { baseDelayMs: 5, maxDelayMs: 60_000 } });
  });
  afterEach(async () => {
    await openai.close();
    await tgi.close();
  });

  async function explain(opts: Partial<StreamOptions> = {}): Promise<{ text: string; error?: ProviderError }> {
    const out: { text: string; error?: ProviderError } = { text: '' };
    try {
      for await (const c of engine.stream('explain', chat, { privacy: PUBLIC, signal: new AbortController().signal, recheck: () => now, ...opts })) {
        if (c.type === 'text') out.text += c.text;
      }
    } catch (e) {
      if (!isProviderError(e)) throw e;
      out.error = e;
    }
    return out;
  }

  it('a folder marked private during a retry-after wait stops the retry: nothing more reaches OpenAI', async () => {
    openai.setFault({ kind: 'status', status: 429, retryAfterMs: 30 });
    const pending = explain();
    while (posts(openai) < 1) await new Promise((r) => setTimeout(r, 2));
    now = { privacy: PRIVATE };
    const r = await pending;
    assert.equal(posts(openai), 1, 'the retry never left');
    assert.equal(posts(tgi), 0, 'and it was not silently re-routed either');
    assert.equal(r.error?.kind, 'refused');
    assert.match(r.error?.message ?? '', /This workspace is private .*nothing more was sent to OpenAI/);
  });

  it('privacyChanged() ends the back-off wait at once, with the private-workspace message', async () => {
    // A wait this long would outlast the test: only the abort can end it.
    openai.setFault({ kind: 'status', status: 429, retryAfterSec: 50 });
    const pending = explain();
    while (posts(openai) < 1) await new Promise((r) => setTimeout(r, 2));
    await new Promise((r) => setTimeout(r, 20));
    now = { privacy: PRIVATE };
    engine.privacyChanged();
    const r = await pending;
    assert.equal(posts(openai), 1);
    assert.equal(r.error?.kind, 'refused');
    assert.match(r.error?.message ?? '', /private/);
  });

  it('privacyChanged() aborts a cloud stream in flight whose file became private', async () => {
    openai.setReply({ text: Array.from({ length: 200 }, (_, i) => `t${i}`).join(' ') });
    openai.setFault({ kind: 'slowTokens', perTokenMs: 5 });
    let sawText = false;
    let error: ProviderError | undefined;
    try {
      for await (const c of engine.stream('explain', chat, { privacy: PUBLIC, signal: new AbortController().signal, recheck: () => now })) {
        if (c.type === 'text' && !sawText) {
          sawText = true;
          now = { privacy: PRIVATE };
          engine.privacyChanged();
        }
      }
    } catch (e) {
      if (isProviderError(e)) error = e;
    }
    assert.ok(sawText);
    assert.equal(error?.kind, 'refused');
    assert.match(error?.message ?? '', /private/);
  });

  it('a change that leaves the request allowed changes nothing', async () => {
    openai.setFault({ kind: 'status', status: 429, retryAfterMs: 20 }, 1);
    const pending = explain();
    while (posts(openai) < 1) await new Promise((r) => setTimeout(r, 2));
    engine.privacyChanged();
    const r = await pending;
    assert.equal(r.error, undefined);
    assert.ok(r.text.length > 0);
    assert.equal(posts(openai), 2);
  });

  it('a private request on the private endpoint goes on when privacy changes', async () => {
    now = { privacy: PRIVATE };
    const r = await explain({ privacy: PRIVATE });
    assert.equal(r.error, undefined);
    assert.equal(posts(openai), 0);
    assert.equal(posts(tgi), 1);
  });

  it('a file that became excluded is sent nowhere, not even on the fallback hop', async () => {
    openai.setFault({ kind: 'status', status: 503 });
    const pending = explain();
    while (posts(openai) < 1) await new Promise((r) => setTimeout(r, 2));
    now = { privacy: PUBLIC, excludedBy: '**/.env' };
    const r = await pending;
    assert.equal(r.error?.kind, 'refused');
    assert.match(r.error?.message ?? '', /tandem\.exclude/);
    assert.equal(posts(openai), 1);
    assert.equal(posts(tgi), 0);
  });

  it('inline (no retries): a file that became private before the fallback hop fails with the private-workspace message', async () => {
    openai.setFault({ kind: 'status', status: 429, retryAfterMs: 10 });
    let error: ProviderError | undefined;
    let calls = 0;
    const recheck = (): PrivacyNow => (++calls > 1 ? { privacy: PRIVATE } : { privacy: PUBLIC });
    try {
      for await (const _c of engine.stream('inline', { kind: 'fim', prefix: 'a', suffix: '', maxTokens: 4 }, { privacy: PUBLIC, signal: new AbortController().signal, recheck })) { /* drain */ }
    } catch (e) {
      if (isProviderError(e)) error = e;
    }
    assert.equal(error?.kind, 'refused');
    assert.match(error?.message ?? '', /This workspace is private/);
    assert.equal(posts(openai), 1);
    assert.equal(posts(tgi), 0);
  });
});
