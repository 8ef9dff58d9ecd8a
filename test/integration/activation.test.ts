// The extension activates without a single request, and registers only the contract's
// commands, each declared in package.json.
import * as assert from 'assert';
import * as http from 'http';
import type { AddressInfo } from 'net';
import { performance } from 'perf_hooks';
import * as vscode from 'vscode';

const EXTENSION_ID = 'tandem-dev.tandem';

// README, "Commands": ids users and scripts rely on.
const CONTRACT_COMMANDS = [
  'tandem.explain',
  'tandem.refactor',
  'tandem.switchProvider',
  'tandem.showUsage',
  'tandem.setOpenAIKey',
  'tandem.setHuggingFaceToken',
  'tandem.toggleInlineCompletions',
  'tandem.showLog',
  'tandem.testConnection',
  'tandem.menu',
  'tandem.setPrivateEndpoint',
];

// Commands the issues add beyond the contract's table (each one named by an issue):
// the walkthrough's "mark a repository private" (issue 9), the egress view (issue 7),
// usage export and clearing (issue 6), and the refactor preview's Accept/Discard (issue 4).
const ADDED_COMMANDS = [
  'tandem.markWorkspacePrivate',
  'tandem.showEgress',
  'tandem.exportUsage',
  'tandem.clearUsage',
  'tandem.refactor.accept',
  'tandem.refactor.discard',
  // Issue 17: the refactor review's Refine and its keyboard-only quick pick.
  'tandem.refactor.refine',
  'tandem.refactor.review',
  // Issue 5: the command an accepted inline completion runs (acceptance tracking; hidden from the palette).
  'tandem.inline.accepted',
];

const ENDPOINT_KEYS = ['openai.baseUrl', 'huggingface.endpointUrl'] as const;

type Recorded = { method: string; path: string };
type CountingServer = { origin: string; requests: Recorded[]; close: () => Promise<void> };

function startCountingServer(): Promise<CountingServer> {
  const requests: Recorded[] = [];
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method ?? '', path: (req.url ?? '').split('?')[0] });
    req.resume();
    res.writeHead(503);
    res.end();
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        origin: `http://127.0.0.1:${port}`,
        requests,
        close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
      });
    });
  });
}

/** Requests the runner's canaries (the test profile's endpoint settings) have received. */
async function canaryRequests(): Promise<Recorded[]> {
  const control = process.env.TANDEM_CANARY_CONTROL_PATH;
  const origins = [process.env.TANDEM_CANARY_OPENAI_URL, process.env.TANDEM_CANARY_HF_URL];
  if (!control || origins.some((o) => !o)) return [];
  const all: Recorded[] = [];
  for (const o of origins) {
    const res = await fetch(new URL(control, o).toString());
    all.push(...((await res.json()) as Recorded[]));
  }
  return all;
}

describe('activation', () => {
  const servers: CountingServer[] = [];
  const previous = new Map<string, unknown>();

  before(async () => {
    const config = vscode.workspace.getConfiguration('tandem');
    // Point both endpoints at counting servers before activation (when the extension is not
    // already active), so a request sent while activating would be seen here; the runner's
    // canaries cover the time before this file ran.
    for (const key of ENDPOINT_KEYS) {
      const s = await startCountingServer();
      servers.push(s);
      previous.set(key, config.inspect(key)?.globalValue);
      await config.update(key, key === 'openai.baseUrl' ? `${s.origin}/v1` : s.origin, vscode.ConfigurationTarget.Global);
    }
  });

  after(async () => {
    const config = vscode.workspace.getConfiguration('tandem');
    for (const key of ENDPOINT_KEYS) await config.update(key, previous.get(key), vscode.ConfigurationTarget.Global);
    await Promise.all(servers.map((s) => s.close()));
  });

  it('activates and sends no request anywhere while doing so', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not installed in the extension host`);
    const wasActive = ext.isActive;
    const started = performance.now();
    const api: unknown = await ext.activate();
    const ms = performance.now() - started;
    console.log(wasActive
      ? `      (${EXTENSION_ID} was already active via onStartupFinished)`
      : `      (${EXTENSION_ID} activated in ${ms.toFixed(1)} ms)`);
    assert.ok(ext.isActive);
    assert.strictEqual((api as { apiVersion?: unknown } | undefined)?.apiVersion, 1, 'activate() returns the TandemApi');

    // Anything activation started asynchronously gets a moment to reach the network.
    await new Promise((r) => setTimeout(r, 500));
    assert.deepStrictEqual(servers.flatMap((s) => s.requests), [], 'requests reached the endpoint settings during activation');
    assert.deepStrictEqual(await canaryRequests(), [], 'requests reached the test profile canaries');
  });

  it('registers only contract (or issue-named) commands, each declared in package.json, and every declared one', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    await ext.activate();
    const declared: string[] = (ext.packageJSON.contributes?.commands ?? []).map((c: { command: string }) => c.command);
    const registered = (await vscode.commands.getCommands(true)).filter((id) => id.startsWith('tandem.')).sort();

    assert.ok(registered.length > 0, 'the extension registers no tandem.* command');
    assert.deepStrictEqual(registered.filter((id) => !CONTRACT_COMMANDS.includes(id) && !ADDED_COMMANDS.includes(id)), [], 'registered commands that are not in the contract');
    assert.deepStrictEqual(registered.filter((id) => !declared.includes(id)), [], 'registered commands missing from contributes.commands');
    assert.deepStrictEqual(declared.filter((id) => !registered.includes(id)).sort(), [], 'declared commands that are not registered (placeholders)');
  });
});
