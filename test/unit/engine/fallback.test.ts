import assert from 'node:assert/strict';
import { bothFailed, cloudBackAt, cloudCause, FallbackEpisodes, fallbackNoticeText, firstFailureOf, routedCause, withFirstFailure } from '../../../src/core/engine/fallback';
import { ProviderError } from '../../../src/core/llm/errors';

const at = (h: number, m: number) => new Date(2026, 11, 2, h, m).getTime();

describe('fallback: what a person is told', () => {
  it('names both causes when the fallback fails too, keeping the endpoint\'s kind and fixes', () => {
    const first = new ProviderError({ kind: 'rateLimited', provider: 'openai', status: 429, message: 'OpenAI is rate-limiting.' });
    const second = new ProviderError({ kind: 'network', provider: 'huggingface', actions: ['openSettings', 'retry'], message: 'Could not connect to tgi.internal:8080 (connection refused).' });
    const e = bothFailed(cloudCause(first), second);
    assert.equal(e.message, 'OpenAI is rate-limiting (429) and your private endpoint failed: could not connect to tgi.internal:8080 (connection refused).');
    assert.deepEqual([e.kind, e.provider, e.actions], ['network', 'huggingface', ['openSettings', 'retry']]);
  });

  it('words each cloud cause', () => {
    assert.equal(cloudCause({ kind: 'rateLimited', status: 429, until: at(14, 5) }, at(14, 0)), 'OpenAI is rate-limiting (429) until 14:05');
    assert.equal(cloudCause({ kind: 'rateLimited', status: 429, until: at(14, 5) }, at(14, 6)), 'OpenAI is rate-limiting (429)', 'a time already past says nothing');
    assert.equal(cloudCause({ kind: 'unavailable', status: 503 }), 'OpenAI is unavailable (503)');
    assert.equal(cloudCause({ kind: 'network' }), 'OpenAI could not be reached');
    assert.equal(cloudCause({ kind: 'timeout' }), 'OpenAI did not answer in time');
    assert.equal(routedCause('OpenAI is rate-limited until 14:05:10; served by the private endpoint (tandem.fallbackToPrivate)'), 'OpenAI is rate-limited until 14:05:10');
    assert.equal(routedCause("today's OpenAI budget (tandem.budget.dailyUsd = 2 USD) is spent; served by the private endpoint"), "Today's OpenAI budget (tandem.budget.dailyUsd = 2 USD) is spent");
  });

  it('remembers the cloud failure on an error thrown by the fallback hop, and only there', async () => {
    const first = new ProviderError({ kind: 'unavailable', provider: 'openai', status: 502, message: 'bad gateway' });
    const second = new ProviderError({ kind: 'unavailable', provider: 'huggingface', status: 503, message: 'down' });
    async function* failing(): AsyncGenerator<string> {
      yield 'x';
      throw second;
    }
    const seen: string[] = [];
    await assert.rejects(async () => {
      for await (const c of withFirstFailure(failing(), first)) seen.push(c);
    }, (e) => e === second);
    assert.deepEqual(seen, ['x']);
    assert.equal(firstFailureOf(second), first);
    assert.equal(firstFailureOf(new Error('other')), undefined);
    assert.equal(firstFailureOf('not an object'), undefined);
  });

  it('says until when the private endpoint answers', () => {
    const now = at(14, 0);
    assert.equal(cloudBackAt({ state: 'open', openUntil: at(14, 1), rateLimitedUntil: at(14, 5), consecutiveFailures: 3 }, now), at(14, 5));
    assert.equal(cloudBackAt({ state: 'closed', rateLimitedUntil: at(13, 0), consecutiveFailures: 0 }, now), undefined, 'a past time says nothing');
    assert.equal(fallbackNoticeText(at(14, 5), false), 'OpenAI is unavailable: answering from your private endpoint until 14:05.');
    assert.equal(fallbackNoticeText(undefined, false), 'OpenAI is unavailable: answering from your private endpoint for now.');
    assert.match(fallbackNoticeText(undefined, true), /budget is spent: answering from your private endpoint until midnight/);
  });

  it('announces once per episode; OpenAI answering again ends the episode', () => {
    const ep = new FallbackEpisodes();
    assert.equal(ep.answered('huggingface', undefined), false, 'a private request chosen by the person is no fallback');
    assert.equal(ep.answered('huggingface', 'openai'), true);
    assert.equal(ep.answered('huggingface', 'openai'), false, 'once per episode');
    assert.equal(ep.answered('openai', undefined), false);
    assert.equal(ep.answered('huggingface', 'openai'), true, 'a new episode after OpenAI answered');
    ep.end();
    assert.equal(ep.answered('huggingface', 'openai'), true);
  });
});
