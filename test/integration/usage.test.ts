import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { UsageRecord } from '../../src/core/llm/types';
import type { ToUsageWebview } from '../../src/core/protocol';
import { tandem, waitFor } from './util';

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
