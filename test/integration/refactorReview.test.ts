import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { featureHooks, lastChat, openFile, useEmulators } from './explainRefactorUtil';
import { setSetting, tandem, waitFor } from './util';

interface RefactorResult { applied: boolean; newText: string; provider: string; model: string }

const SOURCE = 'function total(items) {\n  var sum = 0;\n  for (var i = 0; i < items.length; i++) sum += items[i].price;\n  return sum;\n}\n';
const BODY = new vscode.Range(1, 0, 4, 0);
const FIRST = 'return items.reduce((sum, item) => sum + item.price, 0);';
const SECOND = 'return items.reduce((total, { price }) => total + price, 0);';

describe('refactor review', function () {
  this.timeout(60_000);
  const emu = useEmulators({ setup: () => setSetting('provider', 'openai') });
  afterEach(async () => {
    emu.openai.setReply({});
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  const start = async (file: string) => {
    const editor = await openFile(file, SOURCE);
    const pending = vscode.commands.executeCommand<RefactorResult>('tandem.refactor', { instruction: 'simplify', uri: editor.document.uri, range: BODY });
    await waitFor('the diff preview', () => diffTab(), 20_000);
    return { editor, pending };
  };

  it('stays in view until decided: a status item and Accept / Discard / Refine on the changed range, Accept from the keyboard', async () => {
    const h = featureHooks(await tandem());
    emu.openai.setReply({ text: '```js\n' + FIRST + '\n```' });
    const { editor, pending } = await start('review/accept.js');
    const review = h.refactorReview(editor.document.uri);
    assert.deepEqual(review.status, { visible: true, text: '$(diff) Review refactor' });
    assert.equal(review.lenses.length, 3, JSON.stringify(review.lenses));
    assert.match(review.lenses[0], /Accept refactor \((Ctrl\+Alt\+Enter|⌥⌘↵)\)/);
    assert.match(review.lenses[1], /Discard/);
    assert.match(review.lenses[2], /Refine…/);
    const tab = diffTab();
    assert.ok(tab && tab.input instanceof vscode.TabInputTextDiff);
    const proposed = await vscode.workspace.openTextDocument(tab.input.modified);
    assert.equal(h.refactorReview(proposed.uri).lenses.length, 3, 'the lenses sit on the proposal too');

    // The keybinding's command (Ctrl+Alt+Enter while a proposal waits).
    await vscode.commands.executeCommand('tandem.refactor.accept');
    const r = await pending;
    assert.equal(r?.applied, true);
    assert.ok(editor.document.getText().includes(FIRST));
    assert.equal(h.refactorReview(editor.document.uri).status.visible, false, 'the status item goes once decided');
    assert.deepEqual(h.refactorReview(editor.document.uri).lenses, []);
  });

  it('Discard leaves the file alone and ends the review', async () => {
    const h = featureHooks(await tandem());
    emu.openai.setReply({ text: '```js\n' + FIRST + '\n```' });
    const { editor, pending } = await start('review/discard.js');
    await vscode.commands.executeCommand('tandem.refactor.discard');
    assert.equal((await pending)?.applied, false);
    assert.equal(editor.document.getText(), SOURCE);
    assert.equal(h.refactorReview(editor.document.uri).status.visible, false);
  });

  it('Refine asks again with the previous proposal and the follow-up, and proposes again', async () => {
    const h = featureHooks(await tandem());
    emu.openai.setReply({ text: '```js\n' + FIRST + '\n```' });
    const { editor, pending } = await start('review/refine.js');
    const requests = emu.openai.requests.length;
    emu.openai.setReply({ text: '```js\n' + SECOND + '\n```' });
    assert.equal(h.refineRefactor('destructure the price'), true);
    await waitFor('the second proposal', () => emu.openai.requests.length > requests && h.refactorReview(editor.document.uri).status.visible, 20_000);
    const asked = lastChat(emu.openai.requests).messages.map((m) => m.content).join('\n');
    assert.match(asked, /Revise it: destructure the price/);
    assert.ok(asked.includes(FIRST), 'the model sees its previous proposal');
    assert.equal(editor.document.getText(), SOURCE, 'nothing applied while refining');
    await waitFor('the new diff', () => diffTab());
    await vscode.commands.executeCommand('tandem.refactor.accept');
    const r = await pending;
    assert.equal(r?.applied, true);
    assert.ok(editor.document.getText().includes(SECOND), editor.document.getText());
  });
});

function diffTab(): vscode.Tab | undefined {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.scheme === 'tandem-proposal');
}
