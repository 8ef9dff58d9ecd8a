import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint } from 'eslint';

const root = path.resolve(__dirname, '../../..');
const eslint = new ESLint({ cwd: root, overrideConfigFile: path.join(root, 'eslint.config.mjs') });

async function ruleIds(text: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(text, { filePath: path.join(root, file) });
  return result.messages.map((m) => m.ruleId ?? m.message);
}

describe('layer lint', function () {
  this.timeout(20_000);

  it('rejects net/ importing upwards from llm/', async () => {
    const ids = await ruleIds("import { ProviderError } from '../llm/errors';\nexport const e = ProviderError;\n", 'src/core/net/upward.ts');
    assert.ok(ids.includes('import-x/no-restricted-paths'), ids.join(', '));
  });

  it('rejects one feature folder importing another that is not below it', async () => {
    const ids = await ruleIds("import { parseLedgerLine } from '../usage/parse';\nexport const p = parseLedgerLine;\n", 'src/core/inline/sideways.ts');
    assert.ok(ids.includes('import-x/no-restricted-paths'), ids.join(', '));
  });

  it('allows a downward import', async () => {
    const ids = await ruleIds("import { scrubUrlCredentials } from '../net/urlCredentials';\nexport const s = scrubUrlCredentials;\n", 'src/core/llm/fine.ts');
    assert.deepEqual(ids, []);
  });

  it('keeps the whole source tree within its layers', async () => {
    const results = await eslint.lintFiles(['src']);
    const layerErrors = results.flatMap((r) => r.messages
      .filter((m) => m.ruleId === 'import-x/no-cycle' || m.ruleId === 'import-x/no-restricted-paths')
      .map((m) => `${r.filePath}: ${m.message}`));
    assert.deepEqual(layerErrors, []);
  });
});
