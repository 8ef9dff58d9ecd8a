import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ESLint } from 'eslint';
import { DEFAULT_CONFIG } from '../../../src/core/config';
import type { ProviderId, TandemConfig } from '../../../src/core/config';
import type { ErrorAction } from '../../../src/core/llm/types';
import { isKeyAction, isProviderId, keyCommandName, PROVIDER_IDS, providerOfKeyAction, PROVIDERS } from '../../../src/core/providers';

const root = path.resolve(__dirname, '../../..');
// The manifest's own commands and settings: the table must name ones that exist.
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  contributes: { commands: { command: string; title: string }[]; configuration: { properties: Record<string, unknown> } };
};
const commandTitle = (id: string) => manifest.contributes.commands.find((c) => c.command === id)?.title;
const settingIds = () => Object.keys(manifest.contributes.configuration.properties);

function config(change: (c: TandemConfig) => void): TandemConfig {
  const c = structuredClone(DEFAULT_CONFIG);
  change(c);
  return c;
}

describe('provider facts', () => {
  it('has one row per provider id, each naming itself', () => {
    assert.deepEqual([...PROVIDER_IDS].sort(), Object.keys(PROVIDERS).sort());
    for (const id of PROVIDER_IDS) assert.equal(PROVIDERS[id].id, id);
  });

  it('spells each name one way: the mid-sentence label is the sentence label with a small article, the title has no article', () => {
    assert.deepEqual(PROVIDER_IDS.map((id) => [PROVIDERS[id].label, PROVIDERS[id].labelMid, PROVIDERS[id].title, PROVIDERS[id].shortLabel]), [
      ['OpenAI', 'OpenAI', 'OpenAI', 'OpenAI'],
      ['The private endpoint', 'the private endpoint', 'Private endpoint', 'Private'],
    ]);
    for (const id of PROVIDER_IDS) {
      const p = PROVIDERS[id];
      assert.equal(p.labelMid, p.label.replace(/^The /, 'the '));
      const bare = p.label.replace(/^The /, '');
      assert.equal(p.title, bare.charAt(0).toUpperCase() + bare.slice(1));
      assert.ok(p.title.startsWith(p.shortLabel), `${p.shortLabel} shortens ${p.title}`);
      assert.ok(p.serverLabel('tgi:8080').startsWith(p.label) || id === 'openai', p.serverLabel('tgi:8080'));
    }
  });

  it('names key commands and settings that the manifest contributes', () => {
    const settings = settingIds();
    for (const id of PROVIDER_IDS) {
      const p = PROVIDERS[id];
      assert.equal(commandTitle(p.keyCommand), p.keyCommandTitle, p.keyCommand);
      assert.equal(keyCommandName(id), `Tandem: ${p.keyCommandTitle}`);
      assert.ok(settings.includes(p.endpointSetting), p.endpointSetting);
      for (const s of Object.values(p.modelSettings)) assert.ok(settings.includes(s), s);
      assert.ok(p.keyCommandTitle.toLowerCase().endsWith(p.keyName.split(' ').slice(-2).join(' ').toLowerCase()), `${p.keyCommandTitle} / ${p.keyName}`);
      assert.ok(p.keyName.endsWith(p.keyNoun), p.keyName);
    }
  });

  it('keeps each key action an ErrorAction and tells key actions apart from the others', () => {
    const actions: ErrorAction[] = PROVIDER_IDS.map((id) => PROVIDERS[id].keyAction);
    assert.deepEqual(actions, ['setOpenAIKey', 'setHuggingFaceToken']);
    assert.ok(actions.every(isKeyAction));
    assert.equal(isKeyAction('openSettings'), false);
    for (const id of PROVIDER_IDS) assert.equal(providerOfKeyAction(PROVIDERS[id].keyAction), id);
    assert.equal(providerOfKeyAction('retry'), undefined);
    // Each key command runs the action of the same name.
    for (const id of PROVIDER_IDS) assert.equal(PROVIDERS[id].keyCommand, `tandem.${PROVIDERS[id].keyAction}`);
  });

  it('reads the address and the models from the settings', () => {
    const c = config((x) => {
      x.openai = { baseUrl: 'http://127.0.0.1:9/v1', chatModel: 'chat-m', completionModel: 'fim-m' };
      x.huggingface.endpointUrl = 'http://tgi:8080';
      x.huggingface.model = 'starcoder2';
    });
    assert.equal(PROVIDERS.openai.baseUrl(c), 'http://127.0.0.1:9/v1');
    assert.equal(PROVIDERS.huggingface.baseUrl(c), 'http://tgi:8080');
    assert.deepEqual([PROVIDERS.openai.model(c, 'chat'), PROVIDERS.openai.model(c, 'completion')], ['chat-m', 'fim-m']);
    assert.deepEqual([PROVIDERS.huggingface.model(c, 'chat'), PROVIDERS.huggingface.model(c, 'completion')], ['starcoder2', 'starcoder2']);
  });

  it('changes a fingerprint only with the settings its provider is built from', () => {
    const base = DEFAULT_CONFIG;
    const changes: [string, (c: TandemConfig) => void, ProviderId[]][] = [
      ['openai.baseUrl', (c) => { c.openai.baseUrl = 'http://127.0.0.1:1/v1'; }, ['openai']],
      ['openai.chatModel', (c) => { c.openai.chatModel = 'other'; }, []],
      ['huggingface.endpointUrl', (c) => { c.huggingface.endpointUrl = 'http://tgi:8080'; }, ['huggingface']],
      ['huggingface.fimTemplate', (c) => { c.huggingface.fimTemplate = 'starcoder'; }, ['huggingface']],
      ['huggingface.serverKind', (c) => { c.huggingface.serverKind = 'vllm'; }, ['huggingface']],
      ['huggingface.model', (c) => { c.huggingface.model = 'm'; }, []],
    ];
    for (const [what, change, expected] of changes) {
      const after = config(change);
      const changed = PROVIDER_IDS.filter((id) => PROVIDERS[id].fingerprint(after) !== PROVIDERS[id].fingerprint(base));
      assert.deepEqual(changed, expected, what);
    }
  });

  it('labels the server that answered, and knows which one needs a key', () => {
    assert.equal(PROVIDERS.openai.serverLabel('api.openai.com'), 'OpenAI');
    assert.equal(PROVIDERS.openai.serverLabel('127.0.0.1:8000'), 'The OpenAI-compatible server at 127.0.0.1:8000');
    assert.equal(PROVIDERS.huggingface.serverLabel('tgi:8080'), 'The private endpoint (tgi:8080)');
    assert.equal(PROVIDERS.openai.keyRequired('https://api.openai.com/v1'), true);
    assert.equal(PROVIDERS.openai.keyRequired('http://127.0.0.1:8000/v1'), false);
    assert.equal(PROVIDERS.openai.keyRequired('https://api.openai.com.evil.test/v1'), false);
    assert.equal(PROVIDERS.huggingface.keyRequired('https://x.endpoints.huggingface.cloud'), false);
  });

  it('tells the cloud from your own server', () => {
    assert.deepEqual(PROVIDER_IDS.filter((id) => PROVIDERS[id].cloud), ['openai']);
    assert.deepEqual(PROVIDER_IDS.filter((id) => PROVIDERS[id].scalesToZero), ['huggingface']);
  });

  it('recognises provider ids', () => {
    assert.ok(isProviderId('openai') && isProviderId('huggingface'));
    assert.equal(isProviderId('OpenAI'), false);
    assert.equal(isProviderId(undefined), false);
  });

  it('sits at the bottom of the layers: it may import config.ts and nothing else of the core', async function () {
    this.timeout(20_000);
    const eslint = new ESLint({ cwd: root, overrideConfigFile: path.join(root, 'eslint.config.mjs') });
    const lint = async (text: string) => (await eslint.lintText(text, { filePath: path.join(root, 'src/core/providers.ts') }))[0].messages.map((m) => m.ruleId);
    assert.ok((await lint("import { hostOf } from './llm/errors';\nexport const h = hostOf;\n")).includes('import-x/no-restricted-paths'));
    assert.deepEqual(await lint("import { DEFAULT_CONFIG } from './config';\nexport const d = DEFAULT_CONFIG;\n"), []);
  });
});
