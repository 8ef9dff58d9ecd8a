import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { featureHooks, lastChat, lastNotice, openFile, useEmulators } from './explainRefactorUtil';
import { setSetting, tandem, waitFor } from './util';

interface RefactorResult { applied: boolean; newText: string; provider: string; model: string }

const SOURCE = [
  'class Cart {',
  '    total(items) {',
  '        var sum = 0;',
  '        for (var i = 0; i < items.length; i++) {',
  '            sum += items[i].price;',
  '        }',
  '        return sum;',
  '    }',
  '}',
  '',
].join('\n');
/** Lines 2–6 (the method body), whole lines. */
const BODY = new vscode.Range(2, 0, 7, 0);
const MODERN = 'return items.reduce((sum, item) => sum + item.price, 0);';

describe('tandem.refactor', function () {
  this.timeout(60_000);
  const emu = useEmulators({ setup: () => setSetting('provider', 'openai') });
  afterEach(async () => {
    emu.openai.setFault(undefined);
    emu.tgi.setFault(undefined);
    emu.openai.setReply({});
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('applies immediately, re-indented, and one undo restores the original byte for byte', async () => {
    emu.openai.setReply({ text: '```javascript\n' + MODERN + '\n```' });
    const editor = await openFile('refactor/a.js', SOURCE);
    const r = await vscode.commands.executeCommand<RefactorResult>('tandem.refactor', { instruction: 'modernize', apply: 'immediately', uri: editor.document.uri, range: BODY });
    assert.deepEqual(r, { applied: true, newText: `        ${MODERN}\n`, provider: 'openai', model: 'gpt-4.1-mini' });
    assert.equal(editor.document.getText(), SOURCE.replace(/ {8}var sum[\s\S]*?return sum;\n/, `        ${MODERN}\n`));
    assert.match(lastChat(emu.openai.requests).messages[1].content, /Instruction: Rewrite this code using modern idioms/);
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), SOURCE);
  });

  it('takes the code out of a prose-wrapped answer with several blocks', async () => {
    emu.openai.setReply({ text: 'Sure! Here is a cleaner version:\n\n```js\n' + MODERN + '\n```\n\nYou can call it like:\n```js\ncart.total([]);\n```\nHope this helps.' });
    const editor = await openFile('refactor/b.js', SOURCE);
    const r = await vscode.commands.executeCommand<RefactorResult>('tandem.refactor', { instruction: 'simplify', apply: 'immediately', uri: editor.document.uri, range: BODY });
    assert.equal(r?.applied, true);
    assert.equal(r?.newText, `        ${MODERN}\n`);
  });

  it('applies an unfenced answer on the private endpoint', async () => {
    await setSetting('provider', 'huggingface');
    emu.tgi.setReply({ text: MODERN });
    const editor = await openFile('refactor/c.js', SOURCE);
    const r = await vscode.commands.executeCommand<RefactorResult>('tandem.refactor', { instruction: 'simplify', apply: 'immediately', uri: editor.document.uri, range: BODY });
    assert.deepEqual(r, { applied: true, newText: `        ${MODERN}\n`, provider: 'huggingface', model: 'bigcode/starcoder2-15b' });
    await setSetting('provider', 'openai');
  });

  it('never applies an answer cut at the token limit', async () => {
    const h = featureHooks(await tandem());
    emu.openai.setReply({ text: '```js\nreturn items.reduce((sum, item) =>', finishReason: 'length' });
    const editor = await openFile('refactor/d.js', SOURCE);
    const r = await vscode.commands.executeCommand('tandem.refactor', { instruction: 'simplify', apply: 'immediately', uri: editor.document.uri, range: BODY });
    assert.equal(r, undefined);
    assert.equal(editor.document.getText(), SOURCE);
    assert.match(lastNotice(h, 'refactor')?.message ?? '', /token limit/);
  });

  it('never applies a stream dropped mid-answer', async () => {
    emu.openai.setReply({ text: '```js\n' + MODERN + '\n```' });
    emu.openai.setFault({ kind: 'dropMidStream', afterTokens: 3 });
    await setSetting('fallbackToPrivate', false);
    const editor = await openFile('refactor/e.js', SOURCE);
    const r = await vscode.commands.executeCommand('tandem.refactor', { instruction: 'simplify', apply: 'immediately', uri: editor.document.uri, range: BODY });
    assert.equal(r, undefined);
    assert.equal(editor.document.getText(), SOURCE);
    await setSetting('fallbackToPrivate', true);
  });

  it('does not touch a document edited while the refactor ran', async () => {
    const h = featureHooks(await tandem());
    emu.openai.setReply({ text: '```js\n' + MODERN + '\n```', firstTokenMs: 1500 });
    const editor = await openFile('refactor/f.js', SOURCE);
    const count = emu.openai.requests.length;
    const pending = vscode.commands.executeCommand<RefactorResult>('tandem.refactor', { instruction: 'simplify', apply: 'immediately', uri: editor.document.uri, range: BODY });
    await waitFor('the request at the server', () => emu.openai.requests.length > count, 20_000);
    await editor.edit((b) => b.insert(new vscode.Position(2, 8), '/* mine */ '));
    const edited = editor.document.getText();
    const r = await pending;
    assert.equal(r?.applied, false);
    assert.equal(editor.document.getText(), edited);
    assert.match(lastNotice(h, 'refactor')?.message ?? '', /edited while the refactor ran/);
  });

  it('previews a diff and applies on Accept', async () => {
    emu.openai.setReply({ text: '```js\n' + MODERN + '\n```' });
    const editor = await openFile('refactor/g.js', SOURCE);
    const pending = vscode.commands.executeCommand<RefactorResult>('tandem.refactor', { instruction: 'simplify', uri: editor.document.uri, range: BODY });
    await waitFor('the diff preview', () => diffTab());
    assert.equal(editor.document.getText(), SOURCE, 'nothing applied before Accept');
    await vscode.commands.executeCommand('tandem.refactor.accept');
    const r = await pending;
    assert.equal(r?.applied, true);
    assert.ok(editor.document.getText().includes(MODERN));
    await waitFor('the diff closed', () => !diffTab());
  });

  it('applies nothing on Discard', async () => {
    emu.openai.setReply({ text: '```js\n' + MODERN + '\n```' });
    const editor = await openFile('refactor/h.js', SOURCE);
    const pending = vscode.commands.executeCommand<RefactorResult>('tandem.refactor', { instruction: 'simplify', uri: editor.document.uri, range: BODY });
    await waitFor('the diff preview', () => diffTab());
    await vscode.commands.executeCommand('tandem.refactor.discard');
    const r = await pending;
    assert.equal(r?.applied, false);
    assert.equal(r?.newText, `        ${MODERN}\n`);
    assert.equal(editor.document.getText(), SOURCE);
  });

  it('cancel aborts the request: the server sees the connection closed', async () => {
    const h = featureHooks(await tandem());
    emu.openai.setFault({ kind: 'neverEnding', intervalMs: 10 });
    const editor = await openFile('refactor/i.js', SOURCE);
    const count = emu.openai.requests.length;
    const pending = vscode.commands.executeCommand('tandem.refactor', { instruction: 'simplify', apply: 'immediately', uri: editor.document.uri, range: BODY });
    await waitFor('the request at the server', () => emu.openai.requests.length > count, 20_000);
    h.cancelRefactor();
    assert.equal(await pending, undefined);
    const rec = emu.openai.requests[emu.openai.requests.length - 1];
    await waitFor('connection closed at the server', () => rec.closedEarly);
    assert.equal(editor.document.getText(), SOURCE);
  });
});

function diffTab(): vscode.Tab | undefined {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.scheme === 'tandem-proposal');
}
