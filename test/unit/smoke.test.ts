import assert from 'node:assert/strict';
import { parseConfig } from '../../src/core/config';

describe('parseConfig', () => {
  it('returns defaults for an empty source', () => {
    const { config, problems } = parseConfig({ get: () => undefined, allScopes: () => [] });
    assert.equal(config.provider, 'openai');
    assert.deepEqual(problems, []);
  });
});
