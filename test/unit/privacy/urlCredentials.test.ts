import assert from 'node:assert/strict';
import { probeHuggingFace, probeOpenAI } from '../../../src/core/connection/probe';
import { hostOnly } from '../../../src/core/egress/egressLog';
import { inlineProblem } from '../../../src/core/inline/problem';
import { toProviderError } from '../../../src/core/llm/errorMapping';
import { ProviderError, scrubSecrets, serverMessage } from '../../../src/core/llm/errors';
import { privacyBlock } from '../../../src/core/engine/attemptGate';
import { hasUrlCredentials, scrubUrlCredentials } from '../../../src/core/net/urlCredentials';
import { toCsv, toJson } from '../../../src/core/usage/export';
import { rec } from '../usage/fixtures/records';

const URL_WITH = 'http://alice:S3cret@127.0.0.1:9/v1';
const LEAKS = /alice|S3cret/;

describe('no credentials in text: a URL\'s user:password@ becomes ***@', () => {
  it('scrubs user:password@ and user@ in any URL, leaving the rest of the text', () => {
    assert.equal(scrubUrlCredentials(`Could not reach ${URL_WITH}/chat: refused`), 'Could not reach http://***@127.0.0.1:9/v1/chat: refused');
    assert.equal(scrubUrlCredentials('see https://tok%40en@tgi.internal:8080 and ftp://bob@files'), 'see https://***@tgi.internal:8080 and ftp://***@files');
    assert.equal(scrubUrlCredentials('mail alice@example.com at https://example.com/a@b'), 'mail alice@example.com at https://example.com/a@b');
    assert.equal(hasUrlCredentials(URL_WITH), true);
    assert.equal(hasUrlCredentials('http://127.0.0.1:8080'), false);
    assert.equal(hasUrlCredentials(URL_WITH), true, 'the same answer when asked twice (no regex state left over)');
  });

  it('every ProviderError message, whoever formats it', () => {
    const e = new ProviderError({ kind: 'network', provider: 'huggingface', message: `Could not reach ${URL_WITH}.` });
    assert.doesNotMatch(e.message, LEAKS);
    assert.match(e.message, /\*\*\*@127\.0\.0\.1/);
  });

  it('toProviderError, for a fetch that refuses a URL with credentials and for any other error text', () => {
    const ctx = { provider: 'huggingface' as const, label: 'The private endpoint (127.0.0.1:9)', baseUrl: URL_WITH, model: 'm', keys: [], aborted: false, now: 0 };
    const refused = new TypeError(`Request cannot be constructed from a URL that includes credentials: ${URL_WITH}/v1/chat/completions`);
    assert.doesNotMatch(toProviderError(refused, ctx).message, LEAKS);
    assert.doesNotMatch(toProviderError(new Error(`proxy said no for ${URL_WITH}`), ctx).message, LEAKS);
    assert.doesNotMatch(toProviderError({ status: 500, error: { message: `upstream ${URL_WITH} failed` } }, ctx).message, LEAKS);
  });

  it('serverMessage and scrubSecrets', () => {
    assert.doesNotMatch(serverMessage(JSON.stringify({ error: `bad gateway ${URL_WITH}` }), []) ?? '', LEAKS);
    assert.doesNotMatch(scrubSecrets(`at ${URL_WITH}`), LEAKS);
  });

  it('the connection test (both probes) never echoes them', async () => {
    const fetchFails = async (url: string | URL | Request): Promise<Response> => {
      throw new TypeError(`Request cannot be constructed from a URL that includes credentials: ${String(url)}`);
    };
    const o = await probeOpenAI({ baseUrl: URL_WITH, chatModel: 'a', completionModel: 'b' }, 'sk-test-fake', { fetch: fetchFails });
    const h = await probeHuggingFace({ endpointUrl: 'http://alice:S3cret@127.0.0.1:9', model: '' }, undefined, 'note', { fetch: fetchFails });
    for (const r of [o, h]) {
      assert.equal(r.ok, false);
      assert.doesNotMatch(JSON.stringify(r), LEAKS);
    }
  });

  it('the status bar text of an inline failure, the egress host, the exports', () => {
    const p = inlineProblem(new ProviderError({ kind: 'badRequest', provider: 'openai', message: `rejected by ${URL_WITH}` }), 'openai');
    assert.doesNotMatch(JSON.stringify(p), LEAKS);
    assert.equal(hostOnly(URL_WITH), '127.0.0.1:9');
    const r = rec({ model: `${URL_WITH}/model` });
    assert.doesNotMatch(toCsv([r]), LEAKS);
    assert.doesNotMatch(toJson([r]), LEAKS);
  });

  it('the privacy refusals carry no path or URL of their own', () => {
    const e = privacyBlock('openai', { privacy: { private: true, reason: `its folder matches "${URL_WITH}" in tandem.privateFolders` } });
    assert.doesNotMatch(e?.message ?? '', LEAKS);
  });
});
