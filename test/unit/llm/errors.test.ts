import assert from 'node:assert/strict';
import { retryAfterFrom, scrubSecrets, serverMessage } from '../../../src/core/llm/errors';
import { limitFrom, toProviderError } from '../../../src/core/llm/errorMapping';
import type { ErrorContext } from '../../../src/core/llm/errorMapping';

const ctx = (over: Partial<ErrorContext> = {}): ErrorContext => ({
  provider: 'openai', label: 'OpenAI', baseUrl: 'https://api.openai.com/v1', model: 'gpt-4.1-mini',
  keys: ['my-configured-secret-123'], aborted: false, now: Date.UTC(2026, 0, 1, 12, 0, 0), ...over,
});

describe('errors', () => {
  it('scrubs sk-/hf_ keys, bearer tokens and the configured key', () => {
    const s = scrubSecrets('bad sk-abcdefghijkl and hf_ABCDEFGHIJ, Bearer xyzxyzxyz1, my-configured-secret-123', ['my-configured-secret-123']);
    assert.ok(!/sk-abc|hf_ABC|xyzxyz|my-configured/.test(s), s);
  });
  it('retry-after-ms wins, then retry-after seconds', () => {
    assert.equal(retryAfterFrom(new Headers({ 'retry-after': '3', 'retry-after-ms': '1500' }), 0), 1500);
    assert.equal(retryAfterFrom(new Headers({ 'retry-after': '3' }), 0), 3000);
    assert.equal(retryAfterFrom(new Headers({}), 0), undefined);
  });
  it('extracts a readable server message and never raw JSON', () => {
    assert.equal(serverMessage('{"error":"Input validation error","error_type":"validation"}', []), 'Input validation error');
    assert.equal(serverMessage({ error: { message: 'bad key sk-abcdefghijk' } }, []), 'bad key [redacted]');
    assert.equal(serverMessage('<html>oops</html>', []), undefined);
  });
  it('finds the limit in validation messages', () => {
    assert.deepEqual(limitFrom('Input validation error: `inputs` tokens + `max_new_tokens` must be <= 4096. Given: 5000'), { name: 'max_total_tokens', value: 4096 });
    assert.deepEqual(limitFrom("This model's maximum context length is 8192 tokens"), { name: 'context length', value: 8192 });
  });
  it('maps an openai-style 429 with headers to rateLimited with an absolute until', () => {
    const err = toProviderError({ status: 429, headers: new Headers({ 'retry-after': '7' }), error: { message: 'slow down' } }, ctx());
    assert.equal(err.kind, 'rateLimited');
    assert.equal(err.retryAfterMs, 7000);
    assert.equal(err.until, Date.UTC(2026, 0, 1, 12, 0, 7));
    assert.deepEqual(err.actions, ['retry', 'switchProvider']);
  });
  it('maps an HF stream error event (200 + error_type) by its type', () => {
    const err = toProviderError({ httpResponse: { status: 200, body: { error: 'Input validation error: must be <= 2048', error_type: 'validation' } } }, ctx({ provider: 'huggingface', label: 'The private endpoint (h)' }));
    assert.equal(err.kind, 'badRequest');
    assert.deepEqual(err.limit, { name: 'max_total_tokens', value: 2048 });
  });
  it('maps a connection refused to network without leaking the key', () => {
    const e = new TypeError('fetch failed my-configured-secret-123', { cause: { code: 'ECONNREFUSED' } });
    const err = toProviderError(e, ctx());
    assert.equal(err.kind, 'network');
    assert.match(err.message, /connection refused/);
    assert.ok(!err.message.includes('my-configured-secret-123'));
  });
});
