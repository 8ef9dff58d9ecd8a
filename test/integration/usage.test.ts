import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { UsageRecord } from '../../src/core/llm/types';
import type { ToUsageWebview } from '../../src/core/usage/usageProtocol';
import type { Emulator } from '../servers/common';
import { startOpenAIEmulator } from '../servers/openai';
import { startTgiEmulator } from '../servers/tgi';
import { resetSettings, setSetting, tandem, waitFor, workspaceFolder } from './util';

/** Records another window wrote (or a crash left behind), seeded straight into the ledger folder. */
function seed(globalStorage: string, records: UsageRecord[], tornTail: boolean): void {
  const dir = path.join(globalStorage, 'usage');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `usage-${new Date().toISOString().slice(0, 7)}.jsonl`);
  // Like the ledger itself: start on a fresh line if a crash left the last one torn.
  const fresh = !fs.existsSync(file) || fs.readFileSync(file, 'utf8').endsWith('\n') || fs.statSync(file).size === 0;
  const lines = records.map((r) => JSON.stringify(r)).join('\n') + '\n';
  fs.appendFileSync(file, (fresh ? '' : '\n') + lines + (tornTail ? '{"time":"2026-' : ''));
}

function record(i: number, over: Partial<UsageRecord>): UsageRecord {
  return {
    time: new Date(Date.now() - (10 - i) * 60_000).toISOString(),
    provider: 'openai', model: 'it-usage-model', feature: 'explain',
    inputTokens: 1000 * i, cachedInputTokens: 100 * i, outputTokens: 10 * i, estimated: false,
    costUsd: 0.001 * i, latencyMs: 100 * i, firstTokenMs: 10 * i, outcome: 'ok', id: `it-usage-${i}`,
    ...over,
  };
}

function lastData(messages: ToUsageWebview[]) {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (m.type === 'data') return m.view;
  }
  return undefined;
}

describe('usage: ledger, API and the usage view', () => {
  const seeded = [
    record(1, {}),
    record(2, { provider: 'huggingface', model: 'it-usage-private', feature: 'inline', accepted: true, costUsd: 0.0005 }),
    record(3, { outcome: 'error', errorKind: 'timeout' }),
  ];

  it('api.usage() returns what another window appended, oldest first, skipping a torn last line', async () => {
    const api = await tandem();
    seed(api.testHooks.storagePaths()[0], seeded, true);
    const ours = await waitFor('seeded records', async () => {
      const all = await api.usage();
      const mine = all.filter((r) => r.id?.startsWith('it-usage-'));
      return mine.length === seeded.length && mine;
    });
    assert.deepEqual(ours, seeded);
  });

  it('opens the usage view, which says ready and receives the ledger\'s figures', async () => {
    const api = await tandem();
    const hook = api.testHooks.usageView;
    assert.ok(hook, 'the usage view test hook is exported');
    await vscode.commands.executeCommand('tandem.showUsage');
    const view = await waitFor('data in the webview', () => {
      const snap = hook();
      return snap?.ready && lastData(snap.messages);
    }, 15_000);
    const all = await api.usage();
    assert.equal(view.ledgerRecords, all.length);
    const model = view.byModel.find((b) => b.key === 'it-usage-model');
    assert.equal(model?.requests, 2);
    assert.equal(model?.inputTokens, 1000 + 3000);
    assert.equal(model?.cachedInputTokens, 100 + 300);
    assert.ok(Math.abs((model?.costUsd ?? 0) - 0.004) < 1e-12);
    const privateModel = view.byModel.find((b) => b.key === 'it-usage-private');
    assert.equal(privateModel?.provider, 'huggingface');
    // The open panel is revealed, not duplicated.
    await vscode.commands.executeCommand('tandem.showUsage');
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.label === 'Tandem: Usage and Cost');
    assert.equal(tabs.length, 1);
  });

  it('updates the open view live when another window appends', async () => {
    const api = await tandem();
    const hook = api.testHooks.usageView;
    assert.ok(hook);
    const before = lastData(hook()?.messages ?? [])?.ledgerRecords ?? 0;
    seed(api.testHooks.storagePaths()[0], [record(4, { id: 'it-usage-live' })], false);
    const after = await waitFor('a live update', () => {
      const v = lastData(hook()?.messages ?? []);
      return v && v.ledgerRecords > before && v;
    }, 15_000);
    assert.equal(after.ledgerRecords, before + 1);
  });

  it('exports the records as JSON and RFC 4180 CSV', async () => {
    const api = await tandem();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-export-'));
    try {
      const jsonPath = await vscode.commands.executeCommand<string>('tandem.exportUsage', { format: 'json', path: path.join(dir, 'u.json') });
      assert.deepEqual(JSON.parse(fs.readFileSync(jsonPath, 'utf8')), await api.usage());
      const csvPath = await vscode.commands.executeCommand<string>('tandem.exportUsage', { format: 'csv', path: path.join(dir, 'u.csv') });
      const rows = fs.readFileSync(csvPath, 'utf8').split('\r\n');
      assert.match(rows[0], /^time,provider,model,feature,inputTokens,cachedInputTokens,outputTokens,estimated,costUsd/);
      assert.equal(rows.length, (await api.usage()).length + 2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('clears the history (confirmed by a script) and the view shows the empty state', async () => {
    const api = await tandem();
    assert.equal(await vscode.commands.executeCommand('tandem.clearUsage', { confirmed: true }), true);
    assert.deepEqual(await api.usage(), []);
    const hook = api.testHooks.usageView;
    assert.ok(hook);
    await waitFor('the empty view', () => lastData(hook()?.messages ?? [])?.ledgerRecords === 0, 15_000);
  });
});

/** A request through a real feature: the record's tokens are what the emulator reported, its cost tokens × the configured price. */
describe('usage: records of real requests against the emulators', function () {
  this.timeout(60_000);
  const TOUCHED = ['provider', 'openai.baseUrl', 'huggingface.endpointUrl', 'huggingface.model', 'pricing', 'huggingface.hourlyCostUsd', 'privateWorkspace'];
  const PRICE = { input: 2, cachedInput: 0.5, output: 8 };
  let openai: Emulator;
  let tgi: Emulator;
  let editor: vscode.TextEditor;

  before(async function () {
    // The explain feature drives the requests; this suite waits for it on main.
    if (!(await vscode.commands.getCommands(true)).includes('tandem.explain')) this.skip();
    openai = await startOpenAIEmulator();
    tgi = await startTgiEmulator({ modelId: 'bigcode/starcoder2-15b', streamHeaders: true, computeMs: 1500 });
    await setSetting('openai.baseUrl', `${openai.url}/v1`, vscode.ConfigurationTarget.Global);
    await setSetting('huggingface.endpointUrl', tgi.url, vscode.ConfigurationTarget.Global);
    await setSetting('huggingface.model', 'bigcode/starcoder2-15b', vscode.ConfigurationTarget.Global);
    await setSetting('pricing', { 'gpt-4.1-mini': PRICE }, vscode.ConfigurationTarget.Global);
    await setSetting('huggingface.hourlyCostUsd', 3.6, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('tandem.setOpenAIKey', 'sk-test-usage-fake-0000');
    const file = path.join(workspaceFolder().uri.fsPath, 'usage', 'add.js');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, 'export function add(a, b) {\n  return a + b;\n}\n');
    editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.file(file)), { preview: false });
  });
  after(async () => {
    await resetSettings(TOUCHED);
    await vscode.commands.executeCommand('tandem.setOpenAIKey', '');
    await openai?.close();
    await tgi?.close();
  });

  async function newRecord(before: number): Promise<UsageRecord> {
    const api = await tandem();
    return waitFor('the request\'s record', async () => {
      const all = await api.usage();
      return all.length > before && all[all.length - 1];
    }, 10_000);
  }

  it('records an OpenAI explain request with the reported tokens, priced by tandem.pricing incl. cached input', async () => {
    const api = await tandem();
    await setSetting('provider', 'openai');
    openai.setReply({ text: 'It adds a and b.', usage: { promptTokens: 1234, completionTokens: 56, cachedTokens: 1000 } });
    const before = (await api.usage()).length;
    const r = await vscode.commands.executeCommand<{ provider: string; model: string }>('tandem.explain', { uri: editor.document.uri, range: new vscode.Range(0, 0, 2, 1) });
    assert.equal(r.provider, 'openai');
    const rec = await newRecord(before);
    assert.deepEqual(
      [rec.provider, rec.model, rec.feature, rec.inputTokens, rec.cachedInputTokens, rec.outputTokens, rec.estimated, rec.outcome],
      ['openai', 'gpt-4.1-mini', 'explain', 1234, 1000, 56, false, 'ok'],
    );
    assert.equal(rec.costUsd, ((1234 - 1000) * PRICE.input + 1000 * PRICE.cachedInput + 56 * PRICE.output) / 1e6);
    assert.ok(rec.latencyMs >= 0 && rec.firstTokenMs !== undefined);
  });

  it('records a private explain request, charged by the hour of compute time', async () => {
    const api = await tandem();
    await setSetting('provider', 'huggingface');
    tgi.setReply({ text: 'Adds two numbers.', usage: { promptTokens: 321, completionTokens: 12 } });
    const before = (await api.usage()).length;
    const r = await vscode.commands.executeCommand<{ provider: string }>('tandem.explain', { uri: editor.document.uri, range: new vscode.Range(0, 0, 2, 1) });
    assert.equal(r.provider, 'huggingface');
    const rec = await newRecord(before);
    assert.deepEqual([rec.provider, rec.feature, rec.inputTokens, rec.outputTokens, rec.estimated], ['huggingface', 'explain', 321, 12, false]);
    assert.equal(rec.costUsd, (3.6 * (rec.computeMs ?? rec.latencyMs)) / 3_600_000);
    assert.equal(rec.priceKnown, undefined);
  });

  it('shows those figures in the usage view, with what the private request would have cost on OpenAI', async () => {
    const api = await tandem();
    const hook = api.testHooks.usageView;
    assert.ok(hook);
    await vscode.commands.executeCommand('tandem.showUsage');
    const all = await api.usage();
    const view = await waitFor('a view with every record', () => {
      const v = lastData(hook()?.messages ?? []);
      return v && v.ledgerRecords === all.length && v;
    }, 15_000);
    // Every record of this run is from today, so every range holds them all.
    const sum = (rs: UsageRecord[]) => rs.reduce((t, r) => t + r.costUsd, 0);
    assert.equal(view.totals.requests, all.length);
    assert.ok(Math.abs((view.byProvider.find((b) => b.key === 'openai')?.costUsd ?? 0) - sum(all.filter((r) => r.provider === 'openai'))) < 1e-12);
    assert.ok(Math.abs(view.budget.spentUsd - sum(all.filter((r) => r.provider === 'openai'))) < 1e-12);
    const nano = { input: 0.1, cachedInput: 0.025, output: 0.4 };
    const equivalent = all.filter((r) => r.provider === 'huggingface').reduce((t, r) => {
      const p = r.feature === 'inline' ? nano : PRICE;
      return t + ((r.inputTokens - r.cachedInputTokens) * p.input + r.cachedInputTokens * p.cachedInput + r.outputTokens * p.output) / 1e6;
    }, 0);
    assert.ok(Math.abs((view.savings?.openaiEquivalentUsd ?? 0) - equivalent) < 1e-12);
  });
});
