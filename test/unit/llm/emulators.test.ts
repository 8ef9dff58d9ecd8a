import assert from 'node:assert/strict';
import { startOpenAIEmulator } from '../../servers/openai';
import { startTgiEmulator } from '../../servers/tgi';

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('emulators speak the wire formats', () => {
  it('OpenAI: SSE with a space, usage null on chunks, usage chunk with choices [], [DONE]', async () => {
    const emu = await startOpenAIEmulator({ apiKey: 'sk-test-emu' });
    try {
      emu.setReply({ text: 'a b', usage: { promptTokens: 10, completionTokens: 2, cachedTokens: 4 } });
      const res = await post(`${emu.url}/v1/chat/completions`, { model: 'm', messages: [{ role: 'user', content: 'hi' }], stream: true, stream_options: { include_usage: true } }, { authorization: 'Bearer sk-test-emu' });
      const text = await res.text();
      const frames = text.split('\n\n').filter(Boolean);
      assert.ok(frames.every((f) => f.startsWith('data: ')));
      assert.equal(frames.at(-1), 'data: [DONE]');
      const usage = JSON.parse(frames.at(-2)!.slice(6));
      assert.deepEqual(usage.choices, []);
      assert.equal(usage.usage.prompt_tokens_details.cached_tokens, 4);
      assert.equal(JSON.parse(frames[1].slice(6)).usage, null);
      assert.equal((await fetch(`${emu.url}/v1/models`)).status, 401);
      assert.equal(emu.requests.length, 2);
    } finally {
      await emu.close();
    }
  });

  it('TGI: data: without space, id "", finish_reason "", last chunk with reason and usage, /info, errors as {error,error_type}', async () => {
    const emu = await startTgiEmulator({ maxTotalTokens: 64 });
    try {
      emu.setReply({ text: 'x y', eosText: '<|endoftext|>' });
      const res = await post(`${emu.url}/v1/completions`, { model: 'tgi', prompt: 'p', max_tokens: 8, stream: true, stream_options: { include_usage: true } });
      const frames = (await res.text()).split('\n\n').filter((f) => f.startsWith('data:'));
      assert.ok(frames.every((f) => f.startsWith('data:{')));
      const parsed = frames.map((f) => JSON.parse(f.slice(5)));
      assert.equal(parsed[0].id, '');
      assert.equal(parsed[0].choices[0].finish_reason, '');
      assert.equal(parsed.at(-1).choices[0].finish_reason, 'eos_token');
      assert.equal(parsed.at(-1).choices[0].text, '<|endoftext|>');
      assert.ok(parsed.at(-1).usage.completion_tokens > 0);
      // Unasked, TGI reports no usage in a stream (its test_chat_openai_nousage).
      const quiet = (await (await post(`${emu.url}/v1/completions`, { model: 'tgi', prompt: 'p', max_tokens: 8, stream: true })).text()).split('\n\n').filter((f) => f.startsWith('data:{'));
      assert.ok(quiet.every((f) => JSON.parse(f.slice(5)).usage === null));
      const info = await (await fetch(`${emu.url}/info`)).json();
      assert.equal(info.max_total_tokens, 64);
      const bad = await post(`${emu.url}/v1/completions`, { model: 'tgi', prompt: 'p'.repeat(400), max_tokens: 8 });
      assert.equal(bad.status, 422);
      assert.equal((await bad.json()).error_type, 'validation');
      emu.setFault({ kind: 'errorEvent', errorType: 'overloaded', message: 'Model is overloaded', afterTokens: 0 });
      const ev = await post(`${emu.url}/generate_stream`, { inputs: 'p', parameters: { max_new_tokens: 4 } });
      assert.equal(ev.status, 200);
      assert.match(await ev.text(), /"error_type":"overloaded"/);
      emu.setFault({ kind: 'scaleFromZero', requests: 2 });
      assert.equal((await fetch(`${emu.url}/health`)).status, 503);
      assert.equal((await fetch(`${emu.url}/health`)).status, 503);
      assert.equal((await fetch(`${emu.url}/health`)).status, 200);
    } finally {
      await emu.close();
    }
  });
});
