import assert from 'node:assert/strict';
import { egressFetch } from '../../../src/core/egress/egressFetch';
import { EgressLog } from '../../../src/core/egress/egressLog';

describe('egressFetch', () => {
  it('records host, bytes and outcome of every request, never the path or query', async () => {
    const log = new EgressLog();
    const ok = egressFetch(log, async () => new Response('{}', { status: 200 }), 'openai', 'testConnection');
    await ok('https://api.openai.com/v1/models?x=1', { method: 'GET' });
    const denied = egressFetch(log, async () => new Response('no', { status: 401 }), 'openai', 'testConnection');
    await denied(new URL('https://api.openai.com/v1/models'), { method: 'POST', body: 'héllo' });
    const down = egressFetch(log, async () => {
      throw new TypeError('fetch failed');
    }, 'huggingface', 'testConnection');
    await assert.rejects(down('http://127.0.0.1:9/info'));
    assert.deepEqual(log.list().map((r) => [r.host, r.provider, r.feature, r.bytes, r.outcome]), [
      ['api.openai.com', 'openai', 'testConnection', 0, 'ok'],
      ['api.openai.com', 'openai', 'testConnection', 6, 'error'],
      ['127.0.0.1:9', 'huggingface', 'testConnection', 0, 'error'],
    ]);
  });
});
