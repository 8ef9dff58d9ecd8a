import assert from 'node:assert/strict';
import type { ConnectionResult } from '../../../src/core/connection/probe';
import { connectionRows, connectionTitle } from '../../../src/core/connection/rows';
import { problemFromConnection } from '../../../src/core/status/connectionProblem';

const okOpenAI: ConnectionResult = { provider: 'openai', ok: true, model: 'gpt-4.1-mini', latencyMs: 40, actions: [], detail: 'Key accepted.' };
const downHf: ConnectionResult = { provider: 'huggingface', ok: false, actions: ['openSettings', 'retry'], detail: 'Cannot reach 127.0.0.1:9: connection refused. Is the server running, and is tandem.huggingface.endpointUrl right?' };
const rejected: ConnectionResult = { provider: 'openai', ok: false, latencyMs: 12, actions: ['setOpenAIKey'], detail: '127.0.0.1:5 rejected the API key (401 Unauthorized): set a valid key.' };

describe('connectionRows', () => {
  it('puts failures first, each with its fixes and a way to test again', () => {
    const rows = connectionRows([okOpenAI, downHf], { privateWorkspace: false, configuredModel: 'm' });
    assert.deepEqual(rows.map((r) => [r.label, r.state]), [['$(error) Private endpoint', 'failed'], ['$(pass) OpenAI', 'ok']]);
    assert.deepEqual(rows[0].fixes, ['openSettings', 'retry']);
    assert.equal(rows[1].description, 'ok · 40 ms · gpt-4.1-mini');
    assert.equal(connectionTitle(rows), 'Tandem: Test Connection: 1 of 2 endpoints fails');
  });

  it('offers the served model when none is configured, and calls a skipped OpenAI no failure', () => {
    const hf: ConnectionResult = { provider: 'huggingface', ok: true, model: 'bigcode/starcoder2-15b', latencyMs: 3, actions: [], detail: 'TGI serves it.', serverKind: 'tgi' };
    const skipped: ConnectionResult = { provider: 'openai', ok: false, actions: [], detail: 'Not contacted: this workspace is private.' };
    const rows = connectionRows([skipped, hf], { privateWorkspace: true, configuredModel: '' });
    assert.deepEqual(rows.map((r) => r.state), ['ok', 'skipped']);
    assert.deepEqual(rows[0].fixes, ['useServedModel']);
    assert.equal(rows[0].model, 'bigcode/starcoder2-15b');
    assert.equal(rows[0].description, 'ok · 3 ms · bigcode/starcoder2-15b · TGI / Inference Endpoint');
    assert.equal(connectionTitle(rows), 'Tandem: Test Connection: every endpoint answers');
  });
});

describe('problemFromConnection', () => {
  it('shows a 401 it found as a rejected key, or as no key when none is set', () => {
    assert.equal(problemFromConnection(rejected, true)?.summary, 'key rejected');
    assert.equal(problemFromConnection(rejected, false)?.summary, 'no key');
  });
  it('calls a refused connection unreachable, and a pass nothing', () => {
    assert.equal(problemFromConnection(downHf, false)?.kind, 'unreachable');
    assert.equal(problemFromConnection(okOpenAI, true), undefined);
    assert.equal(problemFromConnection({ provider: 'openai', ok: false, actions: [], detail: 'Not contacted.' }, true), undefined);
  });
});
