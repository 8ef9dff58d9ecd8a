import assert from 'node:assert/strict';
import type { Feature, FeatureProviderSetting, ProviderId, TandemConfig } from '../../../src/core/config';
import { DEFAULT_CONFIG } from '../../../src/core/config';
import type { HealthSnapshot } from '../../../src/core/llm/types';
import { fallbackAfterFailure, route } from '../../../src/core/engine/router';
import type { RouteInput } from '../../../src/core/engine/router';

const NOW = Date.UTC(2026, 0, 1, 12);
const healthy: HealthSnapshot = { state: 'closed', consecutiveFailures: 0 };
const open: HealthSnapshot = { state: 'open', openUntil: NOW + 30_000, consecutiveFailures: 3, lastError: { kind: 'unavailable', message: 'x', time: NOW } };
const limited: HealthSnapshot = { state: 'closed', rateLimitedUntil: NOW + 5000, consecutiveFailures: 1 };
const HEALTH = { healthy, open, limited };

function config(o: { provider: ProviderId; inline: FeatureProviderSetting; chat: FeatureProviderSetting; fallback: boolean; endpoint: boolean }): TandemConfig {
  return {
    ...DEFAULT_CONFIG,
    provider: o.provider,
    fallbackToPrivate: o.fallback,
    inline: { ...DEFAULT_CONFIG.inline, provider: o.inline },
    chat: { provider: o.chat },
    huggingface: { ...DEFAULT_CONFIG.huggingface, endpointUrl: o.endpoint ? 'http://tgi.internal:8080' : '', model: 'bigcode/starcoder2-15b' },
  };
}

describe('router: the whole truth table', () => {
  const features: Feature[] = ['inline', 'explain', 'refactor'];
  const providers: ProviderId[] = ['openai', 'huggingface'];
  const perFeature: FeatureProviderSetting[] = ['default', 'openai', 'huggingface'];
  it('matches the specification in all 5184 combinations (feature × provider settings × privacy × fallback × endpoint × health × budget)', () => {
  let rows = 0;
  for (const feature of features)
    for (const provider of providers)
      for (const inline of perFeature)
        for (const chat of perFeature)
          for (const priv of [false, true])
            for (const fallback of [false, true])
              for (const endpoint of [false, true])
                for (const oh of ['healthy', 'open', 'limited'] as const)
                  for (const hh of ['healthy', 'open'] as const)
                    for (const budgetSpent of [false, true]) {
                      rows++;
                      const input: RouteInput = {
                        feature, privacy: { private: priv, reason: 'test' }, budgetSpent, now: NOW,
                        config: config({ provider, inline, chat, fallback, endpoint }),
                        health: { openai: HEALTH[oh], huggingface: HEALTH[hh] },
                      };
                      const d = route(input);
                      // The specification, row by row (README, "Privacy guarantees" and "Fallback").
                      const setting = feature === 'inline' ? inline : chat;
                      const requested = setting === 'default' ? provider : setting;
                      const cloudBlocked = budgetSpent || oh !== 'healthy';
                      const privateUsable = endpoint && hh === 'healthy';
                      let expected: ProviderId | 'refused';
                      if (priv || requested === 'huggingface') expected = privateUsable ? 'huggingface' : 'refused';
                      else if (!cloudBlocked) expected = 'openai';
                      else expected = fallback && privateUsable ? 'huggingface' : 'refused';
                      const got = d.ok ? d.provider : 'refused';
                      if (got !== expected) {
                        assert.fail(`${JSON.stringify({ feature, provider, inline, chat, priv, fallback, endpoint, oh, hh, budgetSpent })}: expected ${expected}, got ${got} (${d.why})`);
                      }
                      if (priv) assert.equal(d.provider, 'huggingface', 'a private request never names the cloud');
                      if (d.ok && d.provider === 'huggingface' && requested === 'openai' && !priv) assert.equal(d.fallbackFrom, 'openai');
                      if (!d.ok) assert.ok(d.why.length > 20 && d.reason);
                    }
  assert.equal(rows, 5184);
  });
});

describe('router: examples a person would check', () => {
  const base = config({ provider: 'openai', inline: 'default', chat: 'default', fallback: true, endpoint: true });
  it('a private workspace uses the private endpoint whatever tandem.provider and per-feature settings say', () => {
    const c = { ...base, inline: { ...base.inline, provider: 'openai' as const }, chat: { provider: 'openai' as const } };
    for (const feature of ['inline', 'explain', 'refactor'] as const) {
      const d = route({ feature, config: c, privacy: { private: true, reason: 'set in .vscode/settings.json' } });
      assert.deepEqual(d, { ok: true, provider: 'huggingface', model: 'bigcode/starcoder2-15b', why: 'private workspace: set in .vscode/settings.json' });
    }
  });
  it('a private workspace without an endpoint is a clear refusal', () => {
    const d = route({ feature: 'explain', config: { ...base, huggingface: { ...base.huggingface, endpointUrl: '' } }, privacy: { private: true, reason: 'r' } });
    assert.equal(d.ok, false);
    assert.match(d.why, /tandem\.huggingface\.endpointUrl.*Nothing was sent/);
  });
  it('hybrid: inline on the private model, explain on OpenAI', () => {
    const c = { ...base, inline: { ...base.inline, provider: 'huggingface' as const } };
    const p = { private: false, reason: '' };
    assert.equal(route({ feature: 'inline', config: c, privacy: p }).provider, 'huggingface');
    assert.equal(route({ feature: 'explain', config: c, privacy: p }).provider, 'openai');
  });
  it('a spent budget falls back and says why', () => {
    const d = route({ feature: 'explain', config: base, privacy: { private: false, reason: '' }, budgetSpent: true });
    assert.ok(d.ok && d.provider === 'huggingface' && d.fallbackFrom === 'openai');
    assert.match(d.why, /budget/);
  });
});

describe('fallbackAfterFailure', () => {
  const base = config({ provider: 'openai', inline: 'default', chat: 'default', fallback: true, endpoint: true });
  const pub = { private: false, reason: '' };
  const cloud = { ok: true as const, provider: 'openai' as const, model: 'gpt-4.1-mini', why: '' };
  for (const kind of ['rateLimited', 'unavailable', 'network', 'timeout'] as const) {
    it(`falls back on ${kind}`, () => {
      const d = fallbackAfterFailure({ feature: 'explain', config: base, privacy: pub }, cloud, { kind, message: '' });
      assert.ok(d?.ok && d.provider === 'huggingface' && d.fallbackFrom === 'openai');
    });
  }
  for (const kind of ['badRequest', 'auth', 'notFound', 'cancelled', 'refused'] as const) {
    it(`never on ${kind}`, () => assert.equal(fallbackAfterFailure({ feature: 'explain', config: base, privacy: pub }, cloud, { kind, message: '' }), undefined));
  }
  it('never from private to cloud, never without the setting or an endpoint', () => {
    const hf = { ok: true as const, provider: 'huggingface' as const, model: '', why: '' };
    assert.equal(fallbackAfterFailure({ feature: 'explain', config: base, privacy: pub }, hf, { kind: 'unavailable', message: '' }), undefined);
    assert.equal(fallbackAfterFailure({ feature: 'explain', config: { ...base, fallbackToPrivate: false }, privacy: pub }, cloud, { kind: 'unavailable', message: '' }), undefined);
    assert.equal(fallbackAfterFailure({ feature: 'explain', config: { ...base, huggingface: { ...base.huggingface, endpointUrl: '' } }, privacy: pub }, cloud, { kind: 'unavailable', message: '' }), undefined);
  });
});
