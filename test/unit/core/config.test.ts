import assert from 'node:assert/strict';
import { DEFAULT_CONFIG, DEFAULT_EXCLUDE, normalizeEndpointUrl, parseConfig } from '../../../src/core/config';
import type { SettingsSource } from '../../../src/core/config';

function source(values: Record<string, unknown>, scopes: Record<string, unknown[]> = {}): SettingsSource {
  return { get: (k) => values[k], allScopes: (k) => scopes[k] ?? [] };
}

describe('parseConfig', () => {
  it('gives the contract defaults for an empty source', () => {
    const { config, problems } = parseConfig(source({}));
    assert.deepEqual(config, DEFAULT_CONFIG);
    assert.deepEqual(problems, []);
  });

  it('reads typed values', () => {
    const { config } = parseConfig(source({
      provider: 'huggingface', 'huggingface.endpointUrl': 'http://tgi:8080/v1/', 'huggingface.model': 'bigcode/starcoder2-15b',
      'inline.debounceMs': 50, 'inline.provider': 'openai', 'chat.provider': 'huggingface', 'budget.dailyUsd': 2,
    }));
    assert.equal(config.provider, 'huggingface');
    assert.equal(config.huggingface.endpointUrl, 'http://tgi:8080');
    assert.equal(config.huggingface.model, 'bigcode/starcoder2-15b');
    assert.equal(config.inline.debounceMs, 50);
    assert.equal(config.inline.provider, 'openai');
    assert.equal(config.chat.provider, 'huggingface');
    assert.equal(config.budget.dailyUsd, 2);
  });

  it('falls back to the default and reports each invalid value', () => {
    const { config, problems } = parseConfig(source({ provider: 'anthropic', 'inline.debounceMs': -5, 'inline.enabled': 'yes', 'huggingface.fimTemplate': 'gpt' }));
    assert.equal(config.provider, 'openai');
    assert.equal(config.inline.debounceMs, 150);
    assert.equal(config.inline.enabled, true);
    assert.equal(config.huggingface.fimTemplate, 'auto');
    assert.equal(problems.length, 4);
    assert.match(problems[0], /tandem\.provider: expected "openai" \| "huggingface", got "anthropic"/);
  });

  it('unions exclude and privateFolders over every scope, defaults always kept', () => {
    const { config } = parseConfig(source({}, {
      exclude: [[...DEFAULT_EXCLUDE], ['**/*.sql'], []],
      privateFolders: [['~/work/**'], ['/srv/secret']],
    }));
    assert.deepEqual(config.exclude, [...DEFAULT_EXCLUDE, '**/*.sql']);
    assert.deepEqual(config.privateFolders, ['~/work/**', '/srv/secret']);
  });

  it('keeps valid pricing overrides and reports the rest', () => {
    const { config, problems } = parseConfig(source({ pricing: { 'gpt-4.1-mini': { input: 0.4, cachedInput: 0.1, output: 1.6 }, bad: { input: 'x' } } }));
    assert.deepEqual(config.pricing, { 'gpt-4.1-mini': { input: 0.4, cachedInput: 0.1, output: 1.6 } });
    assert.equal(problems.length, 1);
  });

  it('strips a trailing /v1 and slashes from the endpoint', () => {
    assert.equal(normalizeEndpointUrl(' http://127.0.0.1:8080/v1/ '), 'http://127.0.0.1:8080');
    assert.equal(normalizeEndpointUrl('http://host/base/'), 'http://host/base');
    assert.equal(normalizeEndpointUrl(''), '');
  });
});
