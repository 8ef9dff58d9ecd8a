import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Emulator } from '../servers/common';
import { startOpenAIEmulator } from '../servers/openai';
import { startTgiEmulator } from '../servers/tgi';
import { resetSettings, setSetting, tandem } from './util';

interface Result { provider: string; ok: boolean; model?: string; latencyMs?: number; detail: string }

const TOUCHED = ['openai.baseUrl', 'huggingface.endpointUrl', 'huggingface.model', 'privateWorkspace', 'provider'];
const KEY = 'sk-test-connection-0123456789';

describe('tandem.testConnection', () => {
  let openai: Emulator;
  let tgi: Emulator;

  before(async () => {
    openai = await startOpenAIEmulator({ apiKey: KEY, models: ['gpt-4.1-mini', 'gpt-4.1-nano'] });
    tgi = await startTgiEmulator({ modelId: 'bigcode/starcoder2-15b' });
  });
  after(async () => {
    await openai.close();
    await tgi.close();
  });
  beforeEach(async () => {
    openai.requests.length = 0;
    tgi.requests.length = 0;
    await vscode.commands.executeCommand('tandem.setOpenAIKey', KEY);
    await setSetting('openai.baseUrl', `${openai.url}/v1`, vscode.ConfigurationTarget.Global);
    await setSetting('huggingface.endpointUrl', tgi.url, vscode.ConfigurationTarget.Global);
    await setSetting('huggingface.model', 'bigcode/starcoder2-15b', vscode.ConfigurationTarget.Global);
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('tandem.setOpenAIKey', '');
    await resetSettings(TOUCHED);
  });

  it('is ok for both emulators, with the served model and the FIM template', async () => {
    await tandem();
    const results = await vscode.commands.executeCommand<Result[]>('tandem.testConnection');
    assert.deepEqual(results.map((r) => [r.provider, r.ok]), [['huggingface', true], ['openai', true]]);
    const hf = results.find((r) => r.provider === 'huggingface');
    assert.equal(hf?.model, 'bigcode/starcoder2-15b');
    assert.match(hf?.detail ?? '', /"starcoder" FIM template/);
    assert.equal(typeof hf?.latencyMs, 'number');
    assert.deepEqual(openai.requests.map((r) => `${r.method} ${r.path}`), ['GET /v1/models']);
    assert.equal(openai.requests[0].headers.authorization, `Bearer ${KEY}`);
    assert.deepEqual(tgi.requests.map((r) => `${r.method} ${r.path}`), ['GET /info', 'GET /health']);
  });

  it('reports a rejected key (401) with ok: false and no key in the detail', async () => {
    await vscode.commands.executeCommand('tandem.setOpenAIKey', 'sk-test-wrong-key-000000');
    const [r] = await vscode.commands.executeCommand<Result[]>('tandem.testConnection', 'openai');
    assert.equal(r.ok, false);
    assert.match(r.detail, /rejected the API key \(401/);
    assert.ok(!r.detail.includes('sk-test-wrong'));
  });

  it('reports an unreachable endpoint with ok: false and the reason', async () => {
    const closed = await startTgiEmulator();
    await closed.close();
    await setSetting('huggingface.endpointUrl', closed.url, vscode.ConfigurationTarget.Global);
    const [r] = await vscode.commands.executeCommand<Result[]>('tandem.testConnection', 'huggingface');
    assert.equal(r.ok, false);
    assert.match(r.detail, /Cannot reach 127\.0\.0\.1:\d+: connection refused/);
  });

  it('never contacts OpenAI from a private workspace', async () => {
    await setSetting('privateWorkspace', true);
    const all = await vscode.commands.executeCommand<Result[]>('tandem.testConnection');
    assert.deepEqual(all.map((r) => [r.provider, r.ok]), [['huggingface', true]]);
    const [asked] = await vscode.commands.executeCommand<Result[]>('tandem.testConnection', 'openai');
    assert.equal(asked.ok, false);
    assert.match(asked.detail, /Not contacted: this workspace is private/);
    assert.equal(openai.requests.length, 0, 'a request reached the OpenAI emulator');
  });
});

describe('walkthrough', () => {
  it('is contributed, and every command it references exists', async () => {
    const ext = vscode.extensions.getExtension('tandem-dev.tandem');
    assert.ok(ext);
    await ext.activate();
    const walkthroughs: { id: string; steps: { id: string; description: string; completionEvents?: string[] }[] }[] = ext.packageJSON.contributes.walkthroughs;
    assert.equal(walkthroughs[0].id, 'tandem.setup');
    const all = new Set(await vscode.commands.getCommands(true));
    const referenced = new Set<string>();
    for (const step of walkthroughs[0].steps) {
      for (const m of step.description.matchAll(/\(command:([\w.]+)/g)) referenced.add(m[1]);
      for (const e of step.completionEvents ?? []) if (e.startsWith('onCommand:')) referenced.add(e.slice('onCommand:'.length));
    }
    assert.ok(referenced.size >= 8, `only ${referenced.size} commands referenced`);
    // Key, endpoint, test, then providers (issue 17); the endpoint step needs no settings editor.
    assert.deepEqual(walkthroughs[0].steps.slice(0, 4).map((s) => s.id), ['keys', 'endpoint', 'test', 'providers']);
    const endpoint = walkthroughs[0].steps[1].description;
    assert.match(endpoint, /\(command:tandem\.setPrivateEndpoint\)/);
    assert.ok(!/openSettings/.test(walkthroughs[0].steps.map((s) => s.description).join('\n')), 'a link to a settings tab that a remote window may not list');
    assert.deepEqual([...referenced].filter((c) => !all.has(c)), [], 'the walkthrough references commands that do not exist');
  });
});
