import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { DEFAULT_CONFIG } from '../../../src/core/config';
import { Engine } from '../../../src/core/engine/engine';
import { isLoopback, matchesNoProxy, proxyFor } from '../../../src/core/net/proxy';
import { createFetchFor } from '../../../src/core/net/proxyFetch';
import { startOpenAIEmulator } from '../../servers/openai';
import { startTgiEmulator } from '../../servers/tgi';

describe('proxy decisions', () => {
  const env = { HTTPS_PROXY: 'http://corp:3128', HTTP_PROXY: 'http://corp-http:3128', NO_PROXY: 'internal.example, .corp.example,git:8443' };
  it('VS Code http.proxy wins, then HTTPS_PROXY/HTTP_PROXY by scheme', () => {
    assert.equal(proxyFor('https://api.openai.com/v1', { httpProxy: 'http://vscode:8080', env }), 'http://vscode:8080');
    assert.equal(proxyFor('https://api.openai.com/v1', { env }), 'http://corp:3128');
    assert.equal(proxyFor('http://api.example.com/v1', { env }), 'http://corp-http:3128');
    assert.equal(proxyFor('https://api.openai.com/v1', { env: { https_proxy: 'http://lower:1' } }), 'http://lower:1');
    assert.equal(proxyFor('https://api.openai.com/v1', { env: {} }), undefined);
  });
  it('never for loopback; NO_PROXY hosts, suffixes and ports', () => {
    for (const u of ['http://127.0.0.1:8080', 'http://localhost:1', 'http://[::1]:80']) assert.equal(proxyFor(u, { httpProxy: 'http://p:1', env }), undefined);
    assert.ok(isLoopback('127.1.2.3') && !isLoopback('10.0.0.1'));
    assert.ok(matchesNoProxy('internal.example', '443', env.NO_PROXY));
    assert.ok(matchesNoProxy('a.corp.example', '443', env.NO_PROXY));
    assert.ok(matchesNoProxy('git', '8443', env.NO_PROXY));
    assert.ok(!matchesNoProxy('git', '443', env.NO_PROXY));
    assert.ok(matchesNoProxy('anything', '1', '*'));
    assert.equal(proxyFor('https://x.corp.example/v1', { env }), undefined);
  });
});

describe('proxy in use: the cloud through the proxy, the private endpoint never', () => {
  it('tunnels OpenAI requests through a CONNECT proxy and sends the private endpoint direct', async () => {
    const openai = await startOpenAIEmulator();
    const tgi = await startTgiEmulator();
    const connects: string[] = [];
    const sockets = new Set<net.Socket>();
    // A CONNECT proxy that sends every tunnel to 127.0.0.1 (so a made-up cloud host works offline).
    const proxy = http.createServer((_req, res) => res.writeHead(405).end());
    proxy.on('connect', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
      connects.push(req.url ?? '');
      const port = Number((req.url ?? '').split(':').pop());
      sockets.add(socket);
      const upstream = net.connect(port, '127.0.0.1', () => {
        socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(socket);
        socket.pipe(upstream);
      });
      sockets.add(upstream);
      upstream.on('error', () => socket.destroy());
      socket.on('error', () => upstream.destroy());
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    try {
      let config = { ...DEFAULT_CONFIG, fallbackToPrivate: false, openai: { ...DEFAULT_CONFIG.openai, baseUrl: `http://cloud.invalid:${openai.port}/v1` }, huggingface: { ...DEFAULT_CONFIG.huggingface, endpointUrl: `http://tgi.invalid:${tgi.port}` } };
      const engine = new Engine({
        config: () => config,
        getKey: async () => undefined,
        onUsage: () => undefined,
        fetchFor: createFetchFor(() => ({ httpProxy: proxyUrl, env: {} })),
        timeouts: { firstByteChatMs: 2000, firstByteInlineMs: 2000, gapMs: 2000 },
      });
      let text = '';
      for await (const c of engine.stream('explain', { kind: 'chat', messages: [{ role: 'user', content: 'hi' }] }, { privacy: { private: false, reason: '' }, signal: new AbortController().signal })) if (c.type === 'text') text += c.text;
      assert.ok(text.length > 0);
      assert.deepEqual(connects, [`cloud.invalid:${openai.port}`]);
      // The private endpoint is never proxied, even with http.proxy set.
      config = { ...config, huggingface: { ...config.huggingface, endpointUrl: tgi.url } };
      for await (const _c of engine.stream('explain', { kind: 'chat', messages: [{ role: 'user', content: 'hi' }] }, { privacy: { private: true, reason: 'r' }, signal: new AbortController().signal })) void _c;
      assert.equal(connects.length, 1, 'no tunnel for the private endpoint');
      assert.equal(tgi.requests.filter((r) => r.method === 'POST' && r.path !== '/tokenize').length, 1);
    } finally {
      for (const s of sockets) s.destroy();
      proxy.closeAllConnections();
      await new Promise((r) => proxy.close(r));
      await openai.close();
      await tgi.close();
    }
  });
});
