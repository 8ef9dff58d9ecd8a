import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ToPanel } from '../../src/core/prompts/panelProtocol';
import { featureHooks, openFile, useEmulators } from './explainRefactorUtil';
import { setSetting, tandem, waitFor } from './util';

const SOURCE = 'export function add(a, b) {\n  return a + b;\n}\n';
const FAKE_KEY = 'sk-test-fake-key-0000';

type Failure = Extract<ToPanel, { type: 'failure' }>;
const lastFailure = (messages: ToPanel[]): Failure | undefined => [...messages].reverse().find((m): m is Failure => m.type === 'failure');

describe('recovering from errors', function () {
  this.timeout(90_000);
  const emu = useEmulators({ teardown: () => vscode.commands.executeCommand('tandem.setOpenAIKey', FAKE_KEY) });
  afterEach(async () => {
    emu.openai.setFault(undefined);
    emu.tgi.setFault(undefined);
    (await tandem()).testHooks.resetHealth();
  });

  const explain = async (file: string) => {
    const editor = await openFile(file, SOURCE);
    return vscode.commands.executeCommand<{ text: string } | undefined>('tandem.explain', { uri: editor.document.uri, range: new vscode.Range(0, 0, 2, 1) });
  };

  it('shows the error and its fixes in the panel, then offers "Run Explain again" once the key is set', async () => {
    const h = featureHooks(await tandem());
    await setSetting('provider', 'openai');
    emu.openai.setFault({ kind: 'status', status: 401, message: 'Incorrect API key provided.' });
    assert.equal(await explain('recovery/key.js'), undefined);

    const failure = lastFailure(h.explainPanel());
    assert.ok(failure, `the panel got a failure view: ${JSON.stringify(h.explainPanel().map((m) => m.type))}`);
    assert.match(failure.message, /key/i);
    assert.deepEqual(failure.actions.find((b) => b.action === 'setOpenAIKey'), { action: 'setOpenAIKey', label: 'Set OpenAI Key' });
    assert.ok(!h.explainPanel().some((m) => m.type === 'error'), 'no bare error line under the placeholder');
    assert.doesNotMatch(failure.message, /sk-test/);

    // The person sets a working key (here as a script would): the panel and a notification offer to run it again.
    emu.openai.setFault(undefined);
    emu.openai.setReply({ text: 'Adds two numbers.' });
    await vscode.commands.executeCommand('tandem.setOpenAIKey', 'sk-test-fixed-key-1111');
    const offered = await waitFor('"Run Explain again" in the panel', () => {
      const f = lastFailure(h.explainPanel());
      return f?.actions[0]?.action === 'runAgain' ? f : undefined;
    });
    assert.equal(offered.actions[0].label, 'Run Explain again');
    assert.ok(h.notices().some((n) => n.feature === 'explain' && /OpenAI key changed.*run the explanation that failed again/i.test(n.message)));

    const before = emu.openai.requests.length;
    assert.equal(h.pressExplainAction('runAgain'), true);
    await waitFor('the same explanation again, answered', () => h.explainPanel().some((m) => m.type === 'done'), 20_000);
    assert.ok(h.explainPanel().some((m) => m.type === 'text' && m.text === 'Adds two numbers.'));
    assert.equal(emu.openai.requests.length, before + 1, 'one new request, with the new key');
    assert.equal(emu.openai.requests[emu.openai.requests.length - 1].headers.authorization, 'Bearer sk-test-fixed-key-1111');
  });

  it('a Retry pressed in the panel closes the open circuit at once and sends the request', async () => {
    const h = featureHooks(await tandem());
    await setSetting('provider', 'huggingface');
    emu.tgi.setFault({ kind: 'status', status: 503 });
    assert.equal(await explain('recovery/retry.js'), undefined);
    assert.equal(h.health().huggingface.state, 'open', 'three failed attempts opened the circuit');
    assert.ok(lastFailure(h.explainPanel())?.actions.some((b) => b.action === 'retry'));

    // Without the person asking, the pause holds: a new explain is refused and sends nothing.
    const chats = () => emu.tgi.requests.filter((r) => r.path.startsWith('/v1/chat/completions')).length;
    const held = chats();
    assert.equal(await explain('recovery/retry.js'), undefined);
    assert.equal(chats(), held);

    // The person fixed the server and presses Retry in the panel, which still shows the failure.
    emu.tgi.setFault(undefined);
    emu.tgi.setReply({ text: 'Sums a and b.' });
    assert.equal(h.pressExplainAction('retry'), true);
    await waitFor('the retried explanation, answered', () => h.explainPanel().some((m) => m.type === 'done'), 20_000);
    assert.ok(h.explainPanel().some((m) => m.type === 'text' && m.text === 'Sums a and b.'));
    assert.equal(chats(), held + 1, 'sent at once, not after the pause');
    assert.equal(h.health().huggingface.state, 'closed');
  });

  it('a passing Test Connection closes the circuit of the endpoint it reached', async () => {
    const h = featureHooks(await tandem());
    await setSetting('provider', 'huggingface');
    emu.tgi.setFault({ kind: 'status', status: 503 });
    assert.equal(await explain('recovery/probe.js'), undefined);
    assert.equal(h.health().huggingface.state, 'open');
    emu.tgi.setFault(undefined);
    const results = await vscode.commands.executeCommand<{ provider: string; ok: boolean }[]>('tandem.testConnection', 'huggingface');
    assert.deepEqual(results?.map((r) => [r.provider, r.ok]), [['huggingface', true]]);
    assert.equal(h.health().huggingface.state, 'closed');
    emu.tgi.setReply({ text: 'Adds.' });
    assert.equal((await explain('recovery/probe.js'))?.text, 'Adds.');
  });

  describe('fallback to the private endpoint', () => {
    it('a failed fallback names both causes in one message', async () => {
      const h = featureHooks(await tandem());
      await setSetting('provider', 'openai');
      await setSetting('fallbackToPrivate', true);
      emu.openai.setFault({ kind: 'status', status: 429, retryAfterSec: 0 });
      emu.tgi.setFault({ kind: 'status', status: 503 });
      assert.equal(await explain('recovery/both.js'), undefined);
      const n = [...h.notices()].reverse().find((x) => x.feature === 'explain' && x.level === 'error');
      assert.match(n?.message ?? '', /OpenAI is rate-limiting \(429\)( until \d\d:\d\d)? and your private endpoint failed: .*unavailable \(503\)/);
      assert.match(lastFailure(h.explainPanel())?.message ?? '', /OpenAI is rate-limiting \(429\).* and your private endpoint failed/);
    });

    it('a working fallback says so once per episode, until OpenAI answers again', async () => {
      const h = featureHooks(await tandem());
      await setSetting('provider', 'openai');
      await setSetting('fallbackToPrivate', true);
      const before = h.fallbackNotices().length;
      emu.openai.setFault({ kind: 'status', status: 429, retryAfterSec: 0 });
      emu.tgi.setReply({ text: 'From the private endpoint.' });
      const first = await explain('recovery/fallback.js');
      assert.equal(first?.text, 'From the private endpoint.');
      const said = await waitFor('the fallback notice', () => (h.fallbackNotices().length > before ? h.fallbackNotices() : undefined));
      assert.match(said[said.length - 1], /answering from your private endpoint (until \d\d:\d\d|for now)\./);

      assert.equal((await explain('recovery/fallback.js'))?.text, 'From the private endpoint.');
      // Give the second record time to reach the ledger: still one notice for the episode.
      await waitFor('second record', async () => (await (await tandem()).usage()).filter((r) => r.fallbackFrom === 'openai').length >= 2);
      assert.equal(h.fallbackNotices().length, before + 1, 'once per episode');

      emu.openai.setFault(undefined);
      h.resetHealth();
      emu.openai.setReply({ text: 'From OpenAI.' });
      assert.equal((await explain('recovery/fallback.js'))?.text, 'From OpenAI.');
      emu.openai.setFault({ kind: 'status', status: 429, retryAfterSec: 0 });
      assert.equal((await explain('recovery/fallback.js'))?.text, 'From the private endpoint.');
      await waitFor('a new episode, told again', () => h.fallbackNotices().length === before + 2);
    });
  });
});
