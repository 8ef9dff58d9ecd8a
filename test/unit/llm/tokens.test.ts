import assert from 'node:assert/strict';
import type { Emulator, RecordedRequest } from '../../servers/common';
import { startTgiEmulator } from '../../servers/tgi';
import { CHARS_PER_TOKEN, estimateTokens } from '../../../src/core/llm/estimate';
import { EndpointTokenCounter } from '../../../src/core/llm/tokenCounter';
import { HuggingFaceProvider } from '../../../src/core/llm/huggingfaceProvider';
import { collect } from './helpers';

/** Fixed strings with their token counts under OpenAI's o200k_base encoding (counted once, offline). */
const KNOWN = [
  { name: 'TypeScript', text: 'export function add(a: number, b: number): number {\n  return a + b;\n}\n', o200k: 20 },
  { name: 'indented Python', text: 'def fib(n):\n    """Return the n-th Fibonacci number."""\n    a, b = 0, 1\n    for _ in range(n):\n        a, b = b, a + b\n    return a\n', o200k: 46 },
  { name: 'English', text: 'This function adds two numbers and returns their sum; it never throws.', o200k: 14 },
];

describe('estimateTokens: the one local estimate', () => {
  it('divides characters by the documented ratio, rounding up', () => {
    assert.equal(CHARS_PER_TOKEN, 3);
    assert.equal(estimateTokens(''), 0);
    assert.equal(estimateTokens('x'), 1);
    assert.equal(estimateTokens('return a + b'), 4);
    assert.deepEqual(KNOWN.map((k) => estimateTokens(k.text)), [24, 44, 24]);
  });
  it('stays within 10% under and 40% over a real tokenizer on code, and over it on prose', () => {
    for (const k of KNOWN) {
      const ratio = estimateTokens(k.text) / k.o200k;
      if (k.name === 'English') assert.ok(ratio >= 1, `${k.name}: ${ratio}`);
      else assert.ok(ratio >= 0.9 && ratio <= 1.4, `${k.name}: ${ratio}`);
    }
  });
});

const tokenizeCalls = (emu: Emulator) => emu.requests.filter((r: RecordedRequest) => r.path === '/tokenize').length;
const signal = () => new AbortController().signal;

describe('EndpointTokenCounter (TGI POST /tokenize)', () => {
  let emu: Emulator;
  afterEach(() => emu.close());

  it('counts exactly and asks once per text', async () => {
    emu = await startTgiEmulator();
    const counter = new EndpointTokenCounter();
    const text = 'const total = items.reduce((n, i) => n + i.price, 0);'; // 55 characters: 14 emulator tokens
    assert.equal(await counter.count(emu.url, text, fetch, {}, signal()), 14);
    assert.equal(await counter.count(emu.url, text, fetch, {}, signal()), 14);
    assert.equal(await counter.count(emu.url, 'abcd', fetch, {}, signal()), 1);
    assert.equal(tokenizeCalls(emu), 2);
    assert.deepEqual((emu.requests.find((r) => r.path === '/tokenize')!.body as Record<string, unknown>).inputs, text);
  });

  it('remembers an endpoint without /tokenize and never asks it again', async () => {
    emu = await startTgiEmulator({ tokenize: false });
    const counter = new EndpointTokenCounter();
    assert.equal(await counter.count(emu.url, 'a', fetch, {}, signal()), undefined);
    assert.equal(await counter.count(emu.url, 'b', fetch, {}, signal()), undefined);
    assert.equal(tokenizeCalls(emu), 1);
    assert.ok(counter.knownUnsupported(emu.url));
  });

  it('falls back for this request only when the endpoint is briefly unavailable', async () => {
    emu = await startTgiEmulator();
    const counter = new EndpointTokenCounter();
    emu.setFault({ kind: 'status', status: 503 }, 1);
    assert.equal(await counter.count(emu.url, 'abcdefgh', fetch, {}, signal()), undefined);
    assert.equal(await counter.count(emu.url, 'abcdefgh', fetch, {}, signal()), 2);
    assert.ok(!counter.knownUnsupported(emu.url));
  });

  it('forgets the oldest counts beyond its size', async () => {
    emu = await startTgiEmulator();
    const counter = new EndpointTokenCounter(2);
    for (const t of ['a', 'b', 'c', 'a']) await counter.count(emu.url, t, fetch, {}, signal());
    assert.equal(tokenizeCalls(emu), 4, '"a" was dropped when "c" came');
  });
});

describe('HuggingFaceProvider fits chat prompts to /info with exact counts', () => {
  let emu: Emulator;
  afterEach(() => emu.close());
  const timeouts = { firstByteChatMs: 2000, firstByteInlineMs: 2000, gapMs: 2000 };
  // 1,000 characters: about 334 tokens by the estimate, 250 by the endpoint's tokenizer.
  const chat = { feature: 'explain' as const, model: 'bigcode/starcoder2-15b', maxTokens: 1200, messages: [{ role: 'user' as const, content: 'x'.repeat(1000) }] };

  it('sends a prompt the estimate would refuse, with max_tokens from the exact count', async () => {
    emu = await startTgiEmulator({ maxInputTokens: 300, maxTotalTokens: 1000 });
    const p = new HuggingFaceProvider({ baseUrl: emu.url, timeouts, fimTemplate: 'auto', tokenCounter: new EndpointTokenCounter() });
    const out = await collect(p.streamChat(chat, signal()));
    assert.equal(out.error, undefined, out.error?.message);
    const req = emu.requests.find((r) => r.path === '/v1/chat/completions')!;
    assert.equal((req.body as Record<string, unknown>).max_tokens, 1000 - (250 + 8));
  });

  it('refuses with the estimate, naming the limit, where the endpoint cannot count', async () => {
    emu = await startTgiEmulator({ maxInputTokens: 300, maxTotalTokens: 1000, tokenize: false });
    const p = new HuggingFaceProvider({ baseUrl: emu.url, timeouts, fimTemplate: 'auto', tokenCounter: new EndpointTokenCounter() });
    const out = await collect(p.streamChat(chat, signal()));
    assert.match(out.error?.message ?? '', /about 334 tokens.*at most 300 \(max_input_tokens\)/);
    assert.equal(emu.requests.filter((r) => r.path === '/v1/chat/completions').length, 0, 'nothing sent that the server would refuse');
  });
});
