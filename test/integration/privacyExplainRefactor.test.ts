import assert from 'node:assert/strict';
import * as net from 'node:net';
import * as vscode from 'vscode';
import type { EgressRecord } from '../../src/core/egress/egressLog';
import type { Emulator, RecordedRequest } from '../servers/common';
import { openFile } from './explainRefactorUtil';
import type { ExplainResult } from './privacyUtil';
import { bodies, CONFIG_TS, ENV_MARKER, GITHUB, modelCalls, privacyHooks, SECRETS, wholeRange } from './privacyUtil';
import { setSetting, tandem, waitFor } from './util';

// "Private means private" for explain and refactor (see privacy.test.ts): private workspaces
// never reach OpenAI, excluded files reach nothing, secrets go as placeholders and come back restored.

// The running emulators, set by the hooks of the describe below.
let openai: Emulator;
let tgi: Emulator;

interface RefactorResult { applied: boolean; newText: string; provider: string; model: string }

/** The last fenced block of the last user message: the selection as the model saw it. */
function selectionSeen(r: RecordedRequest): string {
  const b = r.body;
  const messages = b && typeof b === 'object' && 'messages' in b && Array.isArray(b.messages) ? b.messages : [];
  const last = [...messages].reverse().find((m: unknown) => typeof m === 'object' && m !== null && 'role' in m && m.role === 'user');
  const content = last && typeof last === 'object' && 'content' in last && typeof last.content === 'string' ? last.content : '';
  const blocks = [...content.matchAll(/(`{3,})[^\n]*\n([\s\S]*?)\n\1/g)].map((m) => m[2]);
  return blocks[blocks.length - 1] ?? '';
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
  privacyHooks(this, (s) => ({ openai, tgi } = s));

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
