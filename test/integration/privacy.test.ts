import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EgressRecord } from '../../src/core/egress/egressLog';
import type { Emulator, RecordedRequest } from '../servers/common';
import { startOpenAIEmulator } from '../servers/openai';
import { startTgiEmulator } from '../servers/tgi';
import { pointAt, resetSettings, setSetting, tandem, waitFor, workspaceFolder } from './util';

/**
 * "Private means private", proven by counting requests at the loopback emulators
 * (README, "Privacy guarantees"): private workspaces never reach the OpenAI emulator, excluded files reach
 * nothing, secrets reach OpenAI only as placeholders and come back restored, and the
 * egress log lists exactly what the emulators received.
 */

interface ExplainResult { text: string; provider: string; model: string }
interface RefactorResult { applied: boolean; newText: string; provider: string; model: string }

const TOUCHED = ['provider', 'chat.provider', 'inline.provider', 'inline.enabled', 'fallbackToPrivate', 'privateWorkspace', 'openai.baseUrl', 'huggingface.endpointUrl', 'huggingface.model'];

// Fake secrets in real shapes (none is live).
const GITHUB = 'ghp_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8d';
const AWS_ID = 'AKIAZ7VQ4MLP2XH6TR3N';
const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzq8RTb5VKj';
const DB_PASSWORD = 'Tr0ub4dor&3x';
const SECRETS = [GITHUB, AWS_ID, AWS_SECRET, DB_PASSWORD];
const CONFIG_TS = [
  `const githubToken = "${GITHUB}";`,
  `const awsAccessKeyId = "${AWS_ID}";`,
  `const awsSecretAccessKey = "${AWS_SECRET}";`,
  `const databaseUrl = "postgres://app:${DB_PASSWORD}@db.internal:5432/app";`,
  '',
].join('\n');
const ENV_MARKER = 'ENV_ONLY_MARKER_4417';

function bodies(e: Emulator): string {
  return JSON.stringify(e.requests.map((r) => r.body));
}

function modelCalls(e: Emulator): RecordedRequest[] {
  return e.requests.filter((r) => r.method === 'POST');
}

/** The last fenced block of the last user message: the selection as the model saw it. */
function selectionSeen(r: RecordedRequest): string {
  const b = r.body;
  const messages = b && typeof b === 'object' && 'messages' in b && Array.isArray(b.messages) ? b.messages : [];
  const last = [...messages].reverse().find((m: unknown) => typeof m === 'object' && m !== null && 'role' in m && m.role === 'user');
  const content = last && typeof last === 'object' && 'content' in last && typeof last.content === 'string' ? last.content : '';
  const blocks = [...content.matchAll(/(`{3,})[^\n]*\n([\s\S]*?)\n\1/g)].map((m) => m[2]);
  return blocks[blocks.length - 1] ?? '';
}

async function openFile(rel: string, text: string): Promise<vscode.TextEditor> {
  const file = path.join(workspaceFolder().uri.fsPath, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  return vscode.window.showTextDocument(doc, { preview: false });
}

function wholeRange(doc: vscode.TextDocument): vscode.Range {
  return new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
}

/**
 * Triggers ghost text at the end of the document until `until` holds. Each trigger gets time
 * to pass the debounce before the next one, which would otherwise abandon it.
 */
async function triggerInline(editor: vscode.TextEditor, what: string, until: () => boolean): Promise<void> {
  const end = editor.document.positionAt(editor.document.getText().length);
  editor.selection = new vscode.Selection(end, end);
  await waitFor(what, async () => {
    // Ghost text only comes to the focused editor: take focus back from any view or notification.
    await vscode.window.showTextDocument(editor.document, { preview: false, preserveFocus: false, selection: new vscode.Range(end, end) });
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    for (let i = 0; i < 30 && !until(); i++) await new Promise((r) => setTimeout(r, 50));
    return until();
  }, 15_000);
}

/** A loopback port nothing listens on: the private endpoint is down. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = address && typeof address === 'object' ? address.port : 9;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe('privacy: what reaches which server', function () {
  this.timeout(90_000);
  let openai: Emulator;
  let tgi: Emulator;

  before(async () => {
    await tandem();
    openai = await startOpenAIEmulator();
    tgi = await startTgiEmulator({ modelId: 'bigcode/starcoder2-15b' });
    await pointAt(openai.url, tgi.url, 'sk-test-privacy-fake-0000');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await resetSettings(TOUCHED);
    await vscode.commands.executeCommand('tandem.setOpenAIKey', '');
    await openai.close();
    await tgi.close();
  });

  afterEach(async () => {
    openai.setFault(undefined);
    tgi.setFault(undefined);
    openai.setReply({});
    tgi.setReply({});
    await resetSettings(['privateWorkspace', 'provider', 'chat.provider', 'inline.provider', 'fallbackToPrivate']);
    await setSetting('huggingface.endpointUrl', tgi.url, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

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

  it('inline: in a private workspace completions go to the private endpoint only, whatever the provider settings say', async () => {
    const api = await tandem();
    await setSetting('provider', 'openai');
    await setSetting('inline.provider', 'openai');
    await setSetting('fallbackToPrivate', true);
    await setSetting('privateWorkspace', true);
    await waitFor('status Private', () => api.testHooks.status().text.includes('Private'));
    tgi.setReply({ text: '1;' });
    const openaiBefore = openai.requests.length;
    const tgiBefore = modelCalls(tgi).length;
    const editor = await openFile('privacy/inline-private.ts', 'export const total = ');
    await triggerInline(editor, 'an inline request at the private endpoint', () => modelCalls(tgi).length > tgiBefore);
    assert.equal(openai.requests.length, openaiBefore, `OpenAI received: ${openai.requests.slice(openaiBefore).map((r) => r.path).join(', ')}`);
  });

  it('inline: a private endpoint that fails (503) gets no help from OpenAI in a private workspace', async () => {
    await setSetting('provider', 'openai');
    await setSetting('fallbackToPrivate', true);
    await setSetting('privateWorkspace', true);
    tgi.setFault({ kind: 'status', status: 503, message: 'down for maintenance' });
    const openaiBefore = openai.requests.length;
    const tgiBefore = modelCalls(tgi).length;
    const editor = await openFile('privacy/inline-down.ts', 'export const answer = ');
    await triggerInline(editor, 'inline attempts at the failing private endpoint', () => modelCalls(tgi).length > tgiBefore);
    assert.equal(openai.requests.length, openaiBefore);
  });

  it('inline: an excluded .env sends nothing anywhere and is never context; secrets before the cursor reach OpenAI only as placeholders', async () => {
    await setSetting('provider', 'openai');
    const openaiBefore = modelCalls(openai).length;
    const tgiBefore = tgi.requests.length;
    const egressBefore = Math.max(0, ...((await vscode.commands.executeCommand<EgressRecord[]>('tandem.showEgress')) ?? []).map((r) => r.id));
    const env = await openFile('privacy/inline/.env', `API_TOKEN=${ENV_MARKER}\nDEBUG=`);
    const end = env.document.positionAt(env.document.getText().length);
    env.selection = new vscode.Selection(end, end);
    for (let i = 0; i < 3; i++) {
      await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
      await new Promise((r) => setTimeout(r, 300));
    }

    // The .env stays open in another tab (a context candidate). This completion is also the
    // sentinel: once it arrived, anything the .env had sent would have arrived before it.
    openai.setReply({ text: '"us-east-1";' });
    const editor = await openFile('privacy/inline/settings.ts', `${CONFIG_TS}export const region = `);
    await triggerInline(editor, 'an inline request at OpenAI', () => modelCalls(openai).length > openaiBefore);
    const sent = JSON.stringify(modelCalls(openai).slice(openaiBefore).map((x) => x.body));
    assert.ok(!sent.includes(ENV_MARKER) && !bodies(tgi).includes(ENV_MARKER), 'the .env content never left, not even as context');
    assert.equal(tgi.requests.length, tgiBefore, 'nothing reached the private endpoint');
    for (const s of SECRETS) assert.ok(!sent.includes(s), `OpenAI received the secret ${s.slice(0, 6)}…`);
    assert.match(sent, /TANDEM_SECRET_\d+/);
    const records = await waitFor('the inline egress record', async () => {
      const all = ((await vscode.commands.executeCommand<EgressRecord[]>('tandem.showEgress')) ?? []).filter((r) => r.id > egressBefore);
      return all.length > 0 && all;
    });
    assert.ok(records.every((r) => r.feature === 'inline' && r.provider === 'openai' && r.file === 'privacy/inline/settings.ts' && r.redactions >= SECRETS.length), JSON.stringify(records));
  });

  it('explain and refactor: in a private workspace they send nothing to OpenAI, whatever the provider settings say', async () => {
    const api = await tandem();
    await setSetting('provider', 'openai');
    await setSetting('chat.provider', 'openai');
    await setSetting('inline.provider', 'openai');
    await setSetting('fallbackToPrivate', true);
    await setSetting('privateWorkspace', true);
    await waitFor('status Private', () => api.testHooks.status().text.includes('Private'));
    tgi.setReply({ text: '```ts\nlet total = 1;\n```' });
    const openaiBefore = openai.requests.length;
    const editor = await openFile('privacy/private.ts', 'const total = 1;\n');

    const explained = await vscode.commands.executeCommand<ExplainResult>('tandem.explain', { uri: editor.document.uri, range: wholeRange(editor.document) });
    assert.equal(explained?.provider, 'huggingface');
    const refactored = await vscode.commands.executeCommand<RefactorResult>('tandem.refactor', { instruction: 'simplify', apply: 'immediately', uri: editor.document.uri, range: wholeRange(editor.document) });
    assert.equal(refactored?.provider, 'huggingface');
    assert.equal(openai.requests.length, openaiBefore, `OpenAI received: ${openai.requests.slice(openaiBefore).map((r) => r.path).join(', ')}`);
  });

  it('explain and refactor: in a private workspace whose endpoint is down they fail clearly and still send nothing to OpenAI (fallbackToPrivate on)', async () => {
    const api = await tandem();
    await setSetting('provider', 'openai');
    await setSetting('fallbackToPrivate', true);
    await setSetting('privateWorkspace', true);
    await setSetting('huggingface.endpointUrl', `http://127.0.0.1:${await closedPort()}`, vscode.ConfigurationTarget.Global);
    await waitFor('status Private', () => api.testHooks.status().text.includes('Private'));
    const openaiBefore = openai.requests.length;
    const editor = await openFile('privacy/down.ts', 'export const answer = 42;\n');

    const explained = await vscode.commands.executeCommand('tandem.explain', { uri: editor.document.uri, range: wholeRange(editor.document) });
    assert.equal(explained, undefined, 'a failed explain returns undefined to a script');
    const refactored = await vscode.commands.executeCommand('tandem.refactor', { instruction: 'simplify', apply: 'immediately', uri: editor.document.uri, range: wholeRange(editor.document) });
    assert.equal(refactored, undefined);
    assert.equal(editor.document.getText(), 'export const answer = 42;\n', 'nothing was applied');

    // The endpoint answers but fails (503 on every request): same rule.
    await setSetting('huggingface.endpointUrl', tgi.url, vscode.ConfigurationTarget.Global);
    tgi.setFault({ kind: 'status', status: 503, message: 'down for maintenance' });
    // (After the failures above the private endpoint's circuit may be open: then nothing is even tried.)
    assert.equal(await vscode.commands.executeCommand('tandem.explain', { uri: editor.document.uri, range: wholeRange(editor.document) }), undefined);

    assert.equal(openai.requests.length, openaiBefore, `OpenAI received: ${openai.requests.slice(openaiBefore).map((r) => r.path).join(', ')}`);
  });

  it('explain and refactor: an excluded file (.env) is refused and sent nowhere, and never context for another file', async () => {
    await setSetting('provider', 'openai');
    const env = await openFile('privacy/.env', `API_TOKEN=${ENV_MARKER}\nDEBUG=true\n`);
    const openaiBefore = openai.requests.length;
    const tgiBefore = tgi.requests.length;

    assert.equal(await vscode.commands.executeCommand('tandem.explain', { uri: env.document.uri, range: wholeRange(env.document) }), undefined);
    assert.equal(await vscode.commands.executeCommand('tandem.refactor', { instruction: 'simplify', apply: 'immediately', uri: env.document.uri, range: wholeRange(env.document) }), undefined);
    assert.equal(env.document.getText(), `API_TOKEN=${ENV_MARKER}\nDEBUG=true\n`);
    assert.equal(openai.requests.length, openaiBefore);

    // The .env stays open in another tab, so it would be a candidate for context.
    const ok = await openFile('privacy/uses-env.ts', 'import { config } from "./config";\nexport const debug = true;\n');
    openai.setReply({ text: 'It exports a flag.' });
    assert.ok(await vscode.commands.executeCommand<ExplainResult>('tandem.explain', { uri: ok.document.uri, range: wholeRange(ok.document) }));

    assert.equal(tgi.requests.length, tgiBefore, 'nothing reached the private endpoint');
    assert.ok(!bodies(openai).includes(ENV_MARKER), 'the .env content never reached OpenAI, not even as context');
    assert.ok(!bodies(tgi).includes(ENV_MARKER));
  });

  it('refactor: a selection with secrets reaches OpenAI without them, and a refactor echoing the placeholders writes the originals back', async () => {
    await setSetting('provider', 'openai');
    const editor = await openFile('privacy/config.ts', CONFIG_TS);
    // The model rewrites const -> let and copies everything else, placeholders included.
    openai.setReply({ text: (req) => '```ts\n' + selectionSeen(req).replace(/\bconst\b/g, 'let') + '\n```' });
    const callsBefore = modelCalls(openai).length;

    const r = await vscode.commands.executeCommand<RefactorResult>('tandem.refactor', { instruction: 'use let', apply: 'immediately', uri: editor.document.uri, range: wholeRange(editor.document) });

    const sent = JSON.stringify(modelCalls(openai).slice(callsBefore).map((x) => x.body));
    for (const s of SECRETS) assert.ok(!sent.includes(s), `OpenAI received the secret ${s.slice(0, 6)}…`);
    assert.match(sent, /TANDEM_SECRET_\d+/);
    assert.equal(r?.applied, true);
    const expected = CONFIG_TS.replace(/\bconst\b/g, 'let');
    assert.equal(editor.document.getText(), expected, 'the secrets are back in the file, byte for byte');
    for (const s of SECRETS) assert.ok(r?.newText.includes(s), 'the returned text holds the original secrets');
    assert.ok(!editor.document.getText().includes('TANDEM_SECRET_'));

    // An explanation naming a placeholder shows the original.
    openai.setReply({ text: (req) => `The token is ${/TANDEM_SECRET_\d+/.exec(JSON.stringify(req.body))?.[0] ?? 'missing'}.` });
    const e = await vscode.commands.executeCommand<ExplainResult>('tandem.explain', { uri: editor.document.uri, range: editor.document.lineAt(0).range });
    assert.ok(e?.text.includes(GITHUB), e?.text);
    assert.ok(!e?.text.includes('TANDEM_SECRET_'));

    const records = (await vscode.commands.executeCommand<EgressRecord[]>('tandem.showEgress')) ?? [];
    const mine = records.filter((x) => x.file === 'privacy/config.ts' && x.host === `127.0.0.1:${openai.port}`);
    assert.ok(mine.length >= 2);
    assert.ok(mine.every((x) => x.redactions > 0 && x.redactionKinds.length > 0));
    assert.ok(!JSON.stringify(records).includes(GITHUB) && !JSON.stringify(records).includes('const '), 'the egress log holds no secret and no code');
  });
});
