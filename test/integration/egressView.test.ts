import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { EgressRecord } from '../../src/core/egress/egressLog';
import { egressRows } from '../../src/core/egress/egressRows';
import { openFile, useEmulators } from './explainRefactorUtil';
import { setSetting, tandem, waitFor } from './util';

const SOURCE = 'export function secretSauce(a, b) {\n  return a * b + 42;\n}\n';

describe('the egress view', function () {
  this.timeout(60_000);
  const emu = useEmulators({ teardown: () => vscode.commands.executeCommand('workbench.action.closeAllEditors') });

  it('is a live table of what left: the feature and file, probes labelled as probes, never code or keys', async () => {
    const h = (await tandem()).testHooks;
    await setSetting('provider', 'openai');
    emu.openai.setReply({ text: 'Multiplies.' });
    const editor = await openFile('egress/view.js', SOURCE);
    await vscode.commands.executeCommand('tandem.explain', { uri: editor.document.uri, range: new vscode.Range(0, 0, 2, 1) });
    await vscode.commands.executeCommand('tandem.testConnection', 'huggingface');

    const returned = await vscode.commands.executeCommand<EgressRecord[]>('tandem.showEgress');
    assert.ok(returned.length >= 2);
    const first = await waitFor('the view got its records', () => h.egressView()?.last);
    assert.equal(h.egressView()?.ready, true, 'the page sent ready before it was sent records');
    const rows = egressRows(first.records, { host: '', feature: '' }, (iso) => iso);
    const explainRow = rows.find((r) => r.feature === 'explain' && r.file === 'egress/view.js');
    assert.ok(explainRow, JSON.stringify(rows.slice(0, 5)));
    assert.equal(explainRow.provider, 'OpenAI');
    assert.equal(explainRow.outcome, 'ok');
    const probes = egressRows(first.records, { host: '', feature: 'probe' }, (iso) => iso);
    // Earlier suites' probes may be in this window's log too: every probe is labelled, and ours is there.
    assert.ok(probes.every((r) => r.probe && r.feature === 'probe (Test Connection)'), JSON.stringify(probes));
    assert.ok(probes.some((r) => r.provider === 'Private endpoint'));
    assert.ok(rows.filter((r) => r.probe).length === probes.length, 'the probe filter finds every probe');
    const json = JSON.stringify(first);
    assert.doesNotMatch(json, /secretSauce|a \* b/, 'no code in the view');
    assert.doesNotMatch(json, /sk-test/, 'no key in the view');
    assert.doesNotMatch(json, /[^\s/"]+@/, 'no credentials in the view');

    // Live: a request sent while the view is open reaches it without reopening.
    const count = first.records.length;
    await vscode.commands.executeCommand('tandem.explain', { uri: editor.document.uri, range: new vscode.Range(1, 0, 1, 20) });
    const later = await waitFor('the new request in the view', () => {
      const last = h.egressView()?.last;
      return last && last.records.length > count ? last : undefined;
    });
    assert.equal(later.records[later.records.length - 1].feature, 'explain');
  });
});

