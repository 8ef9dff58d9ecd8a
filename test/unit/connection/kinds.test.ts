import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { probeHuggingFace } from '../../../src/core/connection/probe';
import type { FetchLike } from '../../../src/core/connection/probe';
import type { Emulator } from '../../servers/common';
import { json, startEmulator } from '../../servers/common';
import { startKindEmulator } from '../../servers/kinds';
import { startTgiEmulator } from '../../servers/tgi';

const realFetch: FetchLike = (url, init) => fetch(url, init);
const opts = { fetch: realFetch, timeoutMs: 2000 };
const DIR = path.resolve(__dirname, '../../../../shared/realworld-protocols/fixtures');
const present = fs.existsSync(DIR);
const load = (name: string) => JSON.parse(fs.readFileSync(path.join(DIR, name), 'utf8')) as Record<string, unknown>;

describe('Test Connection names the server kind and the completion dialect', () => {
  let emu: Emulator;
  afterEach(() => emu?.close());

  const cases = [
    ['vllm', 'bigcode/starcoder2-3b', /vLLM/, 'fimPrompt'],
    ['ollama', 'qwen2.5-coder:7b', /Ollama/, 'promptSuffix'],
    ['llamacpp', 'qwen2.5-coder-7b-q8_0.gguf', /llama\.cpp/, 'infill'],
  ] as const;
  for (const [kind, model, label, dialect] of cases) {
    it(`${kind}: kind, dialect and the served model`, async () => {
      emu = await startKindEmulator(kind);
      const r = await probeHuggingFace({ endpointUrl: emu.url, model }, undefined, 'the "qwen" FIM template', opts);
      assert.equal(r.ok, true, r.detail);
      assert.equal(r.serverKind, kind);
      assert.equal(r.dialect, dialect);
      assert.equal(r.model, model);
      assert.match(r.detail, label);
      assert.equal(emu.requests.filter((q) => q.path === '/v1/models').length, 1, 'each route asked at most once');
      if (dialect !== 'fimPrompt') assert.match(r.detail, /applies the model's own FIM format/);
    });
  }

  it('TGI: kind from /info, no extra requests', async () => {
    emu = await startTgiEmulator();
    const r = await probeHuggingFace({ endpointUrl: emu.url, model: 'bigcode/starcoder2-15b' }, undefined, 'the "starcoder" FIM template', opts);
    assert.equal(r.serverKind, 'tgi');
    assert.equal(r.dialect, 'fimPrompt');
    assert.match(r.detail, /GET \/info/);
    assert.deepEqual(emu.requests.map((q) => q.path), ['/info', '/health']);
  });

  it('the serverKind setting wins and is named', async () => {
    emu = await startKindEmulator('vllm');
    const r = await probeHuggingFace({ endpointUrl: emu.url, model: 'bigcode/starcoder2-3b', serverKind: 'llamacpp' }, undefined, 'x', opts);
    assert.equal(r.serverKind, 'llamacpp');
    assert.equal(r.dialect, 'infill');
    assert.match(r.detail, /tandem\.huggingface\.serverKind/);
  });

  it('an OpenAI-compatible server that tells nothing is reported as unknown, spoken to like vLLM', async () => {
    emu = await startEmulator((x) => (x.rec.path === '/v1/models' ? json(x.res, 200, { object: 'list', data: [{ id: 'm', object: 'model' }] }) : json(x.res, 404, {})));
    const r = await probeHuggingFace({ endpointUrl: emu.url, model: 'm' }, undefined, 'x', opts);
    assert.equal(r.ok, true, r.detail);
    assert.equal(r.serverKind, 'unknown');
    assert.equal(r.dialect, 'fimPrompt');
    assert.match(r.detail, /not recognised/);
  });
});

(present ? describe : describe.skip)('Test Connection against the recorded /info, /health, /v1/models, /props and GET / answers', () => {
  let emu: Emulator;
  afterEach(() => emu?.close());

  it('TGI: the spec\'s /info example', async () => {
    const ex = (load('tgi_info.json').info_schema_examples ?? {}) as Record<string, string>;
    const info = Object.fromEntries(Object.entries(ex).map(([k, v]) => [k, v === 'null' ? null : /^\d+$/.test(v) ? Number(v) : v]));
    emu = await startEmulator((x) => (x.rec.path === '/info' ? json(x.res, 200, info) : x.rec.path === '/health' ? json(x.res, 200, {}) : json(x.res, 404, {})));
    const r = await probeHuggingFace({ endpointUrl: emu.url, model: String(info.model_id) }, undefined, 'x', opts);
    assert.equal(r.ok, true, r.detail);
    assert.equal(r.serverKind, 'tgi');
    assert.match(r.detail, /max 1024 input \/ 2048 total tokens/);
  });

  it('vLLM: its /v1/models and /info 404', async () => {
    const f = load('vllm.json');
    emu = await startKindEmulator('vllm', { gets: { '/v1/models': { status: 200, body: f.models }, '/info': { status: 404, body: f.info_404 } } });
    const r = await probeHuggingFace({ endpointUrl: emu.url, model: String(f.model) }, undefined, 'x', opts);
    assert.equal(r.serverKind, 'vllm', r.detail);
  });

  it('llama.cpp: its /v1/models, /health and /info 404; and 503 Loading model while loading', async () => {
    const f = load('llamacpp.json');
    const gets = { '/v1/models': { status: 200, body: f.models }, '/health': { status: 200, body: f.health_ok }, '/info': { status: 404, body: f.info_404 } };
    emu = await startKindEmulator('llamacpp', { gets });
    const r = await probeHuggingFace({ endpointUrl: emu.url, model: String(f.model) }, undefined, 'x', opts);
    assert.equal(r.serverKind, 'llamacpp', r.detail);
    assert.equal(r.dialect, 'infill');
    await emu.close();
    emu = await startKindEmulator('llamacpp', { gets: { ...gets, '/health': { status: 503, body: f.health_loading } } });
    const loading = await probeHuggingFace({ endpointUrl: emu.url, model: String(f.model) }, undefined, 'x', opts);
    assert.equal(loading.ok, false);
    assert.match(loading.detail, /not ready/);
  });

  it('llama.cpp without owned_by: found by GET /props', async () => {
    const f = load('llamacpp.json') as { models: { data: Record<string, unknown>[] }; model: string };
    const anonymous = { ...f.models, data: f.models.data.map((m) => ({ ...m, owned_by: 'someone' })) };
    emu = await startKindEmulator('llamacpp', { gets: { '/v1/models': { status: 200, body: anonymous } } });
    const r = await probeHuggingFace({ endpointUrl: emu.url, model: f.model }, undefined, 'x', opts);
    assert.equal(r.serverKind, 'llamacpp');
    assert.match(r.detail, /GET \/props/);
  });

  it('Ollama: its /v1/models (owned_by "library"), /info and /health 404 as text, GET / "Ollama is running"', async () => {
    const f = load('ollama.json');
    emu = await startKindEmulator('ollama', { gets: { '/v1/models': { status: 200, body: f.models } } });
    const r = await probeHuggingFace({ endpointUrl: emu.url, model: String(f.model) }, undefined, 'x', opts);
    assert.equal(r.ok, true, r.detail);
    assert.equal(r.serverKind, 'ollama');
    assert.equal(r.dialect, 'promptSuffix');
    assert.match(r.detail, /Ollama is running/);
  });
});
