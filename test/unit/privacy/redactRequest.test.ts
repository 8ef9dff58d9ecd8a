import assert from 'node:assert/strict';
import type { ChatRequest, FimRequest } from '../../../src/core/llm/types';
import { restore } from '../../../src/core/privacy/redact';
import { redactChatRequest, redactFimRequest } from '../../../src/core/privacy/redactRequest';

const KEY = 'ghp_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8d';

describe('redactChatRequest', () => {
  it('redacts every message with one placeholder per secret and leaves the request otherwise alone', () => {
    const req: ChatRequest = {
      feature: 'refactor', model: 'gpt-4.1-mini', maxTokens: 500,
      messages: [
        { role: 'system', content: 'You refactor code.' },
        { role: 'user', content: `const token = "${KEY}";\nconst password = "hunter2";` },
        { role: 'assistant', content: `Earlier: ${KEY}` },
      ],
    };
    const r = redactChatRequest(req);
    assert.equal(r.request.messages[0].content, 'You refactor code.');
    assert.equal(r.request.messages[1].content, 'const token = "TANDEM_SECRET_1";\nconst password = "TANDEM_SECRET_2";');
    assert.equal(r.request.messages[2].content, 'Earlier: TANDEM_SECRET_1');
    assert.equal(r.count, 3);
    assert.deepEqual(r.kinds.sort(), ['assigned-secret', 'github-token']);
    assert.equal(r.request.model, 'gpt-4.1-mini');
    assert.equal(r.request.maxTokens, 500);
    assert.equal(req.messages[1].content.includes(KEY), true, 'the original request is not mutated');
    assert.equal(restore(r.request.messages[1].content, r.secrets), req.messages[1].content);
  });

  it('reports nothing for a clean request', () => {
    const r = redactChatRequest({ feature: 'explain', model: 'm', messages: [{ role: 'user', content: 'function add(a, b) { return a + b; }' }] });
    assert.equal(r.count, 0);
    assert.deepEqual(r.kinds, []);
    assert.equal(r.secrets.size, 0);
  });
});

describe('redactFimRequest', () => {
  it('redacts prefix, suffix and snippets', () => {
    const req: FimRequest = {
      feature: 'inline', model: 'm', maxTokens: 64, prefix: `const key = "${KEY}";\nconst x = `, suffix: '\nconst pw = "s3cr3tpw";',
      snippets: [{ path: 'src/config.ts', text: 'export const stripe = "sk_live_bbYrEqmSM9wCZ7Uw9xfogoEm";' }],
    };
    const r = redactFimRequest(req);
    assert.equal(r.request.prefix, 'const key = "TANDEM_SECRET_1";\nconst x = ');
    assert.equal(r.request.suffix, '\nconst pw = "TANDEM_SECRET_2";');
    assert.equal(r.request.snippets?.[0].text, 'export const stripe = "TANDEM_SECRET_3";');
    assert.equal(r.count, 3);
  });
});
