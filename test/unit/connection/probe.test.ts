import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { probeHuggingFace, probeOpenAI } from '../../../src/core/connection/probe';
import type { FetchLike } from '../../../src/core/connection/probe';

type Route = (req: http.IncomingMessage) => { status: number; body?: unknown };

async function serve(routes: Record<string, Route>): Promise<{ url: string; hits: string[]; close(): Promise<void> }> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    const route = routes[req.url ?? ''];
    const out = route ? route(req) : { status: 404, body: { error: 'not found' } };
    res.writeHead(out.status, { 'content-type': 'application/json' });
    res.end(out.body === undefined ? '' : JSON.stringify(out.body));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, hits, close: () => new Promise((r) => server.close(() => r())) };
}

const realFetch: FetchLike = (url, init) => fetch(url, init);
const opts = { fetch: realFetch, timeoutMs: 2000 };
const models = (...ids: string[]) => ({ object: 'list', data: ids.map((id) => ({ id, object: 'model' })) });

describe('probeOpenAI', () => {
  it('is ok when the key is accepted and both models are listed', async () => {
    const s = await serve({ '/v1/models': (req) => (req.headers.authorization === 'Bearer sk-good' ? { status: 200, body: models('gpt-4.1-mini', 'gpt-4.1-nano') } : { status: 401 }) });
    try {
      const r = await probeOpenAI({ baseUrl: `${s.url}/v1`, chatModel: 'gpt-4.1-mini', completionModel: 'gpt-4.1-nano' }, 'sk-good', opts);
      assert.equal(r.ok, true);
      assert.equal(r.model, 'gpt-4.1-mini');
      assert.equal(typeof r.latencyMs, 'number');
      assert.deepEqual(s.hits, ['GET /v1/models']);
    } finally {
      await s.close();
    }
  });

  it('reports a rejected key with the Set key action and never the key', async () => {
    const s = await serve({ '/v1/models': () => ({ status: 401, body: { error: { message: 'Incorrect API key provided: sk-bad' } } }) });
    try {
      const r = await probeOpenAI({ baseUrl: `${s.url}/v1`, chatModel: 'a', completionModel: 'b' }, 'sk-bad', opts);
      assert.equal(r.ok, false);
      assert.deepEqual(r.actions, ['setOpenAIKey']);
      assert.match(r.detail, /rejected the API key \(401/);
      assert.ok(!r.detail.includes('sk-bad'));
    } finally {
      await s.close();
    }
  });

  it('reports configured models that the key cannot use', async () => {
    const s = await serve({ '/v1/models': () => ({ status: 200, body: models('gpt-4.1-mini') }) });
    try {
      const r = await probeOpenAI({ baseUrl: `${s.url}/v1`, chatModel: 'gpt-4.1-mini', completionModel: 'gpt-9' }, 'k', opts);
      assert.equal(r.ok, false);
      assert.match(r.detail, /"gpt-9" is not among the 1 models/);
    } finally {
      await s.close();
    }
  });

  it('says an unreachable host is unreachable, without a stack', async () => {
    const s = await serve({});
    await s.close();
    const r = await probeOpenAI({ baseUrl: `${s.url}/v1`, chatModel: 'a', completionModel: 'b' }, 'k', opts);
    assert.equal(r.ok, false);
    assert.match(r.detail, /Cannot reach 127\.0\.0\.1:\d+: connection refused/);
    assert.ok(!/\n\s+at /.test(r.detail));
  });

  it('sends nothing without a key to api.openai.com', async () => {
    let called = false;
    const r = await probeOpenAI({ baseUrl: 'https://api.openai.com/v1', chatModel: 'a', completionModel: 'b' }, undefined, {
      fetch: async () => {
        called = true;
        throw new Error('must not be called');
      },
    });
    assert.equal(called, false);
    assert.equal(r.ok, false);
    assert.deepEqual(r.actions, ['setOpenAIKey']);
  });
});

describe('probeHuggingFace', () => {
  const info = { model_id: 'bigcode/starcoder2-15b', max_input_tokens: 4095, max_total_tokens: 4096, max_stop_sequences: 4 };

  it('reads TGI /info then /health', async () => {
    const s = await serve({ '/info': () => ({ status: 200, body: info }), '/health': () => ({ status: 200 }) });
    try {
      const r = await probeHuggingFace({ endpointUrl: s.url, model: 'bigcode/starcoder2-15b' }, undefined, 'the "starcoder" template', opts);
      assert.equal(r.ok, true, r.detail);
      assert.equal(r.model, 'bigcode/starcoder2-15b');
      assert.match(r.detail, /TGI at 127\.0\.0\.1:\d+ serves "bigcode\/starcoder2-15b" \(max 4095 input \/ 4096 total tokens\)/);
      assert.match(r.detail, /starcoder" template/);
      assert.deepEqual(s.hits, ['GET /info', 'GET /health']);
    } finally {
      await s.close();
    }
  });

  it('falls back to /v1/models (vLLM, llama.cpp, Ollama) and checks the configured model', async () => {
    const s = await serve({ '/v1/models': () => ({ status: 200, body: models('Qwen/Qwen2.5-Coder-7B') }) });
    try {
      const ok = await probeHuggingFace({ endpointUrl: s.url, model: 'Qwen/Qwen2.5-Coder-7B' }, undefined, 'qwen', opts);
      assert.equal(ok.ok, true, ok.detail);
      const wrong = await probeHuggingFace({ endpointUrl: s.url, model: 'bigcode/starcoder2-3b' }, undefined, 'starcoder', opts);
      assert.equal(wrong.ok, false);
      assert.match(wrong.detail, /serves "Qwen\/Qwen2\.5-Coder-7B", not "bigcode\/starcoder2-3b"/);
    } finally {
      await s.close();
    }
  });

  it('names the token for 401 and scale-from-zero for 503', async () => {
    const s401 = await serve({ '/info': () => ({ status: 401 }) });
    const s503 = await serve({ '/info': () => ({ status: 503, body: { error: 'Service Unavailable' } }) });
    try {
      const a = await probeHuggingFace({ endpointUrl: s401.url, model: 'm' }, 'hf_x', 'x', opts);
      assert.deepEqual([a.ok, a.actions], [false, ['setHuggingFaceToken']]);
      const b = await probeHuggingFace({ endpointUrl: s503.url, model: 'm' }, undefined, 'x', opts);
      assert.equal(b.ok, false);
      assert.match(b.detail, /scaled to zero/);
    } finally {
      await s401.close();
      await s503.close();
    }
  });

  it('asks for an endpoint when none is set, sending nothing', async () => {
    const r = await probeHuggingFace({ endpointUrl: '', model: '' }, undefined, 'x', { fetch: async () => { throw new Error('no'); } });
    assert.deepEqual([r.ok, r.actions], [false, ['openSettings']]);
  });

  it('gives up on a server that never answers, within the timeout', async () => {
    const server = http.createServer(() => undefined);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    try {
      const r = await probeHuggingFace({ endpointUrl: `http://127.0.0.1:${port}`, model: 'm' }, undefined, 'x', { fetch: realFetch, timeoutMs: 200 });
      assert.equal(r.ok, false);
      assert.match(r.detail, /no answer within 200 ms/);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
