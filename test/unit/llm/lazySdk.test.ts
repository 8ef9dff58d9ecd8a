import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/**
 * Runs `body` in a fresh Node (this process has long loaded everything) and returns
 * which of the client libraries it loaded.
 */
function librariesLoadedBy(body: string): string[] {
  const script = `${body}
const libs = ['openai', '@huggingface/inference', 'undici'];
const loaded = Object.keys(require.cache);
process.stdout.write(JSON.stringify(libs.filter((l) => loaded.some((f) => f.includes('/node_modules/' + l + '/')))));`;
  const out = execFileSync(process.execPath, ['-r', 'tsx/cjs', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  return JSON.parse(out) as string[];
}

describe('client libraries load on first use', () => {
  it('building the engine, the proxy fetch and mapping an error loads none of them', () => {
    const loaded = librariesLoadedBy(`
const { createFetchFor } = require('./src/core/net/proxyFetch.ts');
const { toProviderError } = require('./src/core/llm/errorMapping.ts');
require('./src/core/engine/engine.ts');
require('./src/core/llm/factory.ts');
createFetchFor(() => ({ httpProxy: '', env: {} }))('openai', 'https://api.openai.com/v1');
toProviderError(new TypeError('fetch failed'), { provider: 'openai', label: 'OpenAI', baseUrl: 'https://api.openai.com/v1', model: 'm', keys: [], aborted: false, now: 0 });`);
    assert.deepEqual(loaded, []);
  }).timeout(30000);

  it('the first provider request loads them', () => {
    const loaded = librariesLoadedBy(`require('./src/core/net/sdkLoader.ts').sdk();`);
    assert.deepEqual(loaded, ['openai', '@huggingface/inference', 'undici']);
  }).timeout(30000);
});
