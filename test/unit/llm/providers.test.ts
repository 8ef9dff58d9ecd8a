import assert from 'node:assert/strict';
import type { Emulator, Fault } from '../../servers/common';
import { startOpenAIEmulator } from '../../servers/openai';
import { startTgiEmulator } from '../../servers/tgi';
import { HuggingFaceProvider } from '../../../src/core/llm/huggingfaceProvider';
import { OpenAIProvider } from '../../../src/core/llm/openaiProvider';
import type { BaseProvider } from '../../../src/core/llm/base';
import type { ProviderErrorKind } from '../../../src/core/llm/types';
import { collect, eventually } from './helpers';

const KEY = 'sk-test-0123456789abcdef';
const HF_KEY = 'hf_testtoken0123456789';
const timeouts = { firstByteChatMs: 400, firstByteInlineMs: 400, gapMs: 400 };

interface Setup {
  name: string;
  start(): Promise<{ emu: Emulator; provider: BaseProvider; key: string }>;
  keyAction: string;
}

const setups: Setup[] = [
  {
    name: 'openai',
    keyAction: 'setOpenAIKey',
    async start() {
      const emu = await startOpenAIEmulator({ apiKey: KEY });
      return { emu, key: KEY, provider: new OpenAIProvider({ baseUrl: `${emu.url}/v1`, key: KEY, timeouts }) };
    },
  },
  {
    name: 'huggingface',
    keyAction: 'setHuggingFaceToken',
    async start() {
      const emu = await startTgiEmulator({ token: HF_KEY });
      return { emu, key: HF_KEY, provider: new HuggingFaceProvider({ baseUrl: emu.url, key: HF_KEY, timeouts, fimTemplate: 'auto' }) };
    },
  },
];

const chatReq = { feature: 'explain' as const, model: 'm', messages: [{ role: 'user' as const, content: 'Explain this code please' }], maxTokens: 64 };
const fimReq = { feature: 'inline' as const, model: 'bigcode/starcoder2-15b', prefix: 'def add(a, b):\n    ', suffix: '\n', maxTokens: 32 };

const faults: { fault: Fault; kind: ProviderErrorKind; check?: (e: NonNullable<Awaited<ReturnType<typeof collect>>['error']>, s: Setup) => void }[] = [
  { fault: { kind: 'status', status: 401 }, kind: 'auth', check: (e, s) => assert.ok(e.actions.includes(s.keyAction as never)) },
  { fault: { kind: 'status', status: 403 }, kind: 'auth' },
  { fault: { kind: 'status', status: 404 }, kind: 'notFound', check: (e) => assert.deepEqual(e.actions, ['openSettings']) },
  { fault: { kind: 'status', status: 429, retryAfterSec: 3 }, kind: 'rateLimited', check: (e) => { assert.equal(e.retryAfterMs, 3000); assert.ok(e.until! > Date.now()); } },
  { fault: { kind: 'status', status: 429, retryAfterSec: 3, retryAfterMs: 1500 }, kind: 'rateLimited', check: (e) => assert.equal(e.retryAfterMs, 1500) },
  { fault: { kind: 'status', status: 500 }, kind: 'unavailable' },
  { fault: { kind: 'status', status: 503 }, kind: 'unavailable' },
  { fault: { kind: 'stallBeforeHeaders' }, kind: 'timeout', check: (e) => assert.match(e.message, /did not start answering/) },
  { fault: { kind: 'stallAfterHeaders' }, kind: 'timeout' },
  { fault: { kind: 'dropMidStream', afterTokens: 2 }, kind: 'network' },
  { fault: { kind: 'malformedFrame', afterTokens: 1 }, kind: 'unavailable' },
  { fault: { kind: 'slowTokens', perTokenMs: 600 }, kind: 'timeout', check: (e) => assert.match(e.message, /within 0.4 s/) },
  { fault: { kind: 'neverEnding', intervalMs: 600 }, kind: 'timeout', check: (e) => { assert.match(e.message, /mid-answer/); assert.equal(e.usage?.estimated, true); } },
];

for (const s of setups) {
  describe(`${s.name} provider against its emulator`, () => {
    let emu: Emulator;
    let provider: BaseProvider;
    let key: string;
    beforeEach(async () => ({ emu, provider, key } = await s.start()));
    afterEach(() => emu.close());

    it('streams chat text and ends with exact usage from the server', async () => {
      emu.setReply({ text: 'It adds two numbers.', usage: { promptTokens: 11, completionTokens: 5, cachedTokens: s.name === 'openai' ? 3 : 0 } });
      const out = await collect(provider.streamChat(chatReq, new AbortController().signal));
      assert.equal(out.error, undefined);
      assert.equal(out.text, 'It adds two numbers.');
      assert.deepEqual({ ...out.usage }, { inputTokens: 11, cachedInputTokens: s.name === 'openai' ? 3 : 0, outputTokens: 5, estimated: false });
      assert.equal(out.done?.finishReason, 'stop');
      assert.ok(out.done!.firstTokenMs! >= 0 && out.done!.latencyMs! >= out.done!.firstTokenMs!);
      const chat = emu.requests.find((r) => r.path.endsWith('/chat/completions'))!;
      assert.equal((chat.body as { model: string }).model, 'm');
    });

    it('streams an inline completion', async () => {
      emu.setReply({ text: 'return a + b' });
      const out = await collect(provider.streamFim(fimReq, new AbortController().signal));
      assert.equal(out.error, undefined);
      assert.equal(out.text, 'return a + b');
    });

    for (const f of faults) {
      it(`fault ${JSON.stringify(f.fault)} → ${f.kind}, with a usable message and no key`, async () => {
        emu.setFault(f.fault);
        emu.setReply({ text: 'one two three four five' });
        const out = await collect(provider.streamChat(chatReq, new AbortController().signal));
        assert.ok(out.error, `expected an error, got text ${JSON.stringify(out.text)}`);
        assert.equal(out.error.kind, f.kind, out.error.message);
        assert.ok(out.error.message.length > 10 && !/[{}]/.test(out.error.message), out.error.message);
        assert.ok(!out.error.message.includes(key));
        assert.ok(out.error.usage, 'usage as far as known');
        f.check?.(out.error, s);
      });
    }

    it('usage is estimated and flagged when the stream is cut', async () => {
      emu.setFault({ kind: 'dropMidStream', afterTokens: 2 });
      emu.setReply({ text: 'one two three four five' });
      const out = await collect(provider.streamChat(chatReq, new AbortController().signal));
      assert.equal(out.usage?.estimated, true);
      assert.ok(out.usage!.inputTokens > 0);
    });

    it('abort mid-stream stops the request on the server side', async () => {
      emu.setFault({ kind: 'neverEnding', intervalMs: 5 });
      const controller = new AbortController();
      const out = await collect(provider.streamChat(chatReq, controller.signal), { controller, abortAfter: 3 });
      assert.equal(out.error?.kind, 'cancelled');
      const rec = emu.requests.find((r) => r.path.endsWith('/chat/completions'))!;
      assert.ok(await eventually(() => rec.closedEarly), 'the server saw the connection closed');
    });

    it('abort before the answer starts is a cancel, not a timeout', async () => {
      emu.setFault({ kind: 'stallBeforeHeaders' });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      const out = await collect(provider.streamChat(chatReq, controller.signal));
      assert.equal(out.error?.kind, 'cancelled');
    });

    it('a consumer that stops reading closes the connection', async () => {
      emu.setFault({ kind: 'neverEnding', intervalMs: 5 });
      for await (const c of provider.streamChat(chatReq, new AbortController().signal)) if (c.type === 'text') break;
      const rec = emu.requests.find((r) => r.path.endsWith('/chat/completions'))!;
      assert.ok(await eventually(() => rec.closedEarly));
    });

    it('slow tokens within the gap timeout still complete with exact usage', async () => {
      emu.setFault({ kind: 'slowTokens', perTokenMs: 20 });
      emu.setReply({ text: 'a b c', usage: { promptTokens: 7, completionTokens: 3 } });
      const out = await collect(provider.streamChat(chatReq, new AbortController().signal));
      assert.equal(out.text, 'a b c');
      assert.equal(out.usage?.estimated, false);
    });
  });
}
