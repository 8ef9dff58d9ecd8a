import assert from 'node:assert/strict';
import type { Emulator } from '../../servers/common';
import { startOpenAIEmulator } from '../../servers/openai';
import { OpenAIProvider } from '../../../src/core/llm/openaiProvider';
import { parseInlineAnswer } from '../../../src/core/llm/inlinePrompt';
import { collect } from './helpers';

const timeouts = { firstByteChatMs: 400, firstByteInlineMs: 400, gapMs: 400 };
const fim = { feature: 'inline' as const, model: 'gpt-4.1-nano', prefix: 'function add(a, b) {\n  return', suffix: '\n}\n', maxTokens: 32, filePath: 'src/a.ts', languageId: 'typescript' };

describe('OpenAIProvider specifics', () => {
  let emu: Emulator;
  afterEach(() => emu?.close());

  it('asks for include_usage, sends no retries, and uses a dummy key for keyless servers', async () => {
    emu = await startOpenAIEmulator();
    const p = new OpenAIProvider({ baseUrl: `${emu.url}/v1`, timeouts });
    const out = await collect(p.streamChat({ feature: 'explain', model: 'local', messages: [{ role: 'user', content: 'hi' }] }, new AbortController().signal));
    assert.equal(out.error, undefined, out.error?.message);
    const req = emu.requests[0];
    assert.deepEqual((req.body as { stream_options: unknown }).stream_options, { include_usage: true });
    assert.equal(req.headers.authorization, 'Bearer sk-no-key-required');
    assert.equal(req.headers['x-stainless-retry-count'] ?? '0', '0');
  });

  it('refuses without a key on api.openai.com, sending nothing', async () => {
    const sent: string[] = [];
    const p = new OpenAIProvider({ baseUrl: 'https://api.openai.com/v1', timeouts, fetch: async (u) => { sent.push(String(u)); return new Response('{}'); } });
    const out = await collect(p.streamChat({ feature: 'explain', model: 'gpt-4.1-mini', messages: [{ role: 'user', content: 'hi' }] }, new AbortController().signal));
    assert.equal(out.error?.kind, 'auth');
    assert.deepEqual(out.error?.actions, ['setOpenAIKey']);
    assert.deepEqual(sent, []);
  });

  it('inline completion: a chat prompt with the cursor, fenced echoed answers cleaned', async () => {
    emu = await startOpenAIEmulator();
    const p = new OpenAIProvider({ baseUrl: `${emu.url}/v1`, timeouts });
    emu.setReply({ text: '```typescript\n  return a + b;\n```' });
    const out = await collect(p.streamFim(fim, new AbortController().signal));
    assert.equal(out.text, ' a + b;');
    const msgs = (emu.requests[0].body as { messages: { content: string }[] }).messages;
    assert.ok(msgs[1].content.includes('return<CURSOR>\n}'));
    assert.ok(msgs[1].content.startsWith('File: src/a.ts (typescript)'));
  });

  it('a server that is not there is a network error naming the host and the cause', async () => {
    const emuGone = await startOpenAIEmulator();
    const port = emuGone.port;
    await emuGone.close();
    const p = new OpenAIProvider({ baseUrl: `http://127.0.0.1:${port}/v1`, timeouts });
    const out = await collect(p.streamChat({ feature: 'explain', model: 'm', messages: [{ role: 'user', content: 'hi' }] }, new AbortController().signal));
    assert.equal(out.error?.kind, 'network');
    assert.match(out.error!.message, new RegExp(`127.0.0.1:${port}: connection refused`));
    assert.deepEqual(out.error?.actions, ['retry', 'openSettings']);
  });

  it('parseInlineAnswer strips fences, an echoed line and an echoed suffix', () => {
    assert.equal(parseInlineAnswer('```js\nx + 1;\n```', 'const y = ', ''), 'x + 1;');
    assert.equal(parseInlineAnswer('const y = x + 1;', 'foo();\nconst y = ', ''), 'x + 1;');
    assert.equal(parseInlineAnswer('x + 1;\n}', 'const y = ', '\n}'), 'x + 1;');
    assert.equal(parseInlineAnswer('plain', 'a', 'b'), 'plain');
  });
});
