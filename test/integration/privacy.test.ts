import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { EgressRecord } from '../../src/core/egress/egressLog';
import type { Emulator } from '../servers/common';
import { openFile } from './explainRefactorUtil';
import type { ExplainResult } from './privacyUtil';
import { privacyHooks, wholeRange } from './privacyUtil';
import { setSetting, tandem, waitFor } from './util';

/**
 * "Private means private", proven by counting requests at the loopback emulators
 * (README, "Privacy guarantees"): private workspaces never reach the OpenAI emulator, excluded files reach
 * nothing, secrets reach OpenAI only as placeholders and come back restored, and the
 * egress log lists exactly what the emulators received.
 *
 * Here: the egress log and the status bar. Inline completions are in privacyInline.test.ts,
 * explain and refactor in privacyExplainRefactor.test.ts, under the same describe title so
 * that every test keeps its full title (and a --grep on it still finds it).
 */

// The running emulators, set by the hooks of the describe below.
let openai: Emulator;
let tgi: Emulator;

describe('privacy: what reaches which server', function () {
  privacyHooks(this, (s) => ({ openai, tgi } = s));

  it('Show What Left This Machine opens a view of the egress log and returns its records', async () => {
    const api = await tandem();
    const records = await vscode.commands.executeCommand<EgressRecord[]>('tandem.showEgress');
    assert.ok(Array.isArray(records));
    const view = await waitFor('the egress view', () => api.testHooks.egressView()?.last);
    assert.match(view.file, /egress\.jsonl$/);
  });

  it('the status bar says on hover why an excluded file gets no completions', async () => {
    const api = await tandem();
    await openFile('privacy/.env.local', 'SECRET=1\n');
    // The tooltip is Markdown with punctuation escaped: compare without the backslashes.
    const plain = () => api.testHooks.status().tooltip.replace(/\\/g, '');
    const tip = await waitFor('the exclusion in the tooltip', () => plain().includes('tandem.exclude') && plain());
    assert.ok(tip.includes('"**/.env.*"'), tip);
    await openFile('privacy/plain.ts', 'export const x = 1;\n');
    await waitFor('no exclusion for an ordinary file', () => !plain().includes('tandem.exclude'));
  });

  it('every connection-test probe is in the egress log, one record per request each emulator received', async () => {
    const egress = async () => (await vscode.commands.executeCommand<EgressRecord[]>('tandem.showEgress')) ?? [];
    const lastId = Math.max(0, ...(await egress()).map((r) => r.id));
    const openaiBefore = openai.requests.length;
    const tgiBefore = tgi.requests.length;
    const results = await vscode.commands.executeCommand<{ provider: string; ok: boolean }[]>('tandem.testConnection');
    assert.ok(results && results.length === 2, JSON.stringify(results));
    const mine = (await egress()).filter((r) => r.id > lastId);
    const at = (e: Emulator) => mine.filter((r) => r.host === `127.0.0.1:${e.port}`);
    assert.ok(openai.requests.length > openaiBefore && tgi.requests.length > tgiBefore);
    assert.equal(at(openai).length, openai.requests.length - openaiBefore);
    assert.equal(at(tgi).length, tgi.requests.length - tgiBefore);
    assert.equal(mine.length, at(openai).length + at(tgi).length);
    assert.ok(mine.every((r) => r.feature === 'testConnection' && r.outcome !== 'sent'));
  });

  // Before any test makes an endpoint fail, so both circuits are closed.
  it('the egress log lists exactly the requests the emulators received, with feature, file and outcome', async () => {
    const egress = async () => (await vscode.commands.executeCommand<EgressRecord[]>('tandem.showEgress')) ?? [];
    // Only this test's requests: inline completions are off meanwhile (a keystroke may abandon one in flight).
    await vscode.commands.executeCommand('tandem.toggleInlineCompletions', false);
    const lastId = Math.max(0, ...(await egress()).map((r) => r.id));
    const openaiBefore = openai.requests.length;
    const tgiBefore = tgi.requests.length;
    const editor = await openFile('privacy/egress.ts', 'export function id<T>(x: T): T {\n  return x;\n}\n');
    try {
      await setSetting('provider', 'openai');
      openai.setReply({ text: 'Returns its argument.' });
      assert.equal((await vscode.commands.executeCommand<ExplainResult>('tandem.explain', { uri: editor.document.uri, range: wholeRange(editor.document) }))?.provider, 'openai');
      await setSetting('provider', 'huggingface');
      tgi.setReply({ text: 'Returns x.' });
      assert.equal((await vscode.commands.executeCommand<ExplainResult>('tandem.explain', { uri: editor.document.uri, range: wholeRange(editor.document) }))?.provider, 'huggingface');
    } finally {
      await vscode.commands.executeCommand('tandem.toggleInlineCompletions', true);
    }

    const mine = (await egress()).filter((r) => r.id > lastId);
    const at = (e: Emulator) => mine.filter((r) => r.host === `127.0.0.1:${e.port}`);
    assert.equal(at(openai).length, openai.requests.length - openaiBefore, 'one record per request OpenAI received');
    assert.equal(at(tgi).length, tgi.requests.length - tgiBefore, 'one record per request the private endpoint received');
    assert.equal(mine.length, at(openai).length + at(tgi).length, 'and nothing else');
    assert.ok(at(openai).length >= 1 && at(tgi).length >= 1);
    for (const r of mine) {
      assert.equal(r.file, 'privacy/egress.ts');
      assert.equal(r.feature, 'explain');
      assert.equal(r.outcome, 'ok', JSON.stringify(mine));
    }
    assert.ok(mine.some((r) => r.bytes > 0));
  });
});
