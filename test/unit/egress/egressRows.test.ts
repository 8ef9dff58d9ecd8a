import assert from 'node:assert/strict';
import type { EgressRecord } from '../../../src/core/egress/egressLog';
import { isFromEgressWebview, isToEgressWebview } from '../../../src/core/egress/egressProtocol';
import { egressRows, filterChoices, hostTotals, maskCredentials, matches } from '../../../src/core/egress/egressRows';

let id = 0;
const rec = (over: Partial<EgressRecord>): EgressRecord => ({
  id: ++id, time: '2026-12-02T10:00:00.000Z', host: 'api.openai.com', provider: 'openai', feature: 'inline', bytes: 2048,
  redactions: 0, redactionKinds: [], outcome: 'ok', ...over,
});
const time = (iso: string) => iso.slice(11, 19);
const all = { host: '', feature: '' };

describe('egress view rows', () => {
  const records = [
    rec({ feature: 'inline', file: 'src/a.ts' }),
    rec({ host: 'tgi.internal:8080', provider: 'huggingface', feature: 'testConnection', bytes: 0 }),
    rec({ feature: 'explain', file: 'src/b.ts', redactions: 2, redactionKinds: ['aws-key', 'password'], outcome: 'error' }),
  ];

  it('lists newest first, labels probes as probes, and words provider, size and redactions', () => {
    const rows = egressRows(records, all, time);
    assert.deepEqual(rows.map((r) => r.feature), ['explain', 'probe (Test Connection)', 'inline']);
    assert.deepEqual(rows.map((r) => r.probe), [false, true, false]);
    assert.deepEqual([rows[0].provider, rows[0].sent, rows[0].redacted, rows[0].outcome, rows[0].time], ['OpenAI', '2.0 KB', '2 (aws-key, password)', 'error', '10:00:00']);
    assert.deepEqual([rows[1].provider, rows[1].file, rows[1].redacted], ['Private endpoint', '', '']);
  });

  it('filters by host and by feature, with "probe" selecting every probe', () => {
    assert.deepEqual(egressRows(records, { host: 'tgi.internal:8080', feature: '' }, time).map((r) => r.probe), [true]);
    assert.deepEqual(egressRows(records, { host: '', feature: 'probe' }, time).map((r) => r.host), ['tgi.internal:8080']);
    assert.deepEqual(egressRows(records, { host: 'api.openai.com', feature: 'inline' }, time).map((r) => r.file), ['src/a.ts']);
    assert.equal(matches(records[0], { host: 'nowhere', feature: '' }), false);
    assert.deepEqual(filterChoices(records), { hosts: ['api.openai.com', 'tgi.internal:8080'], features: ['explain', 'inline', 'probe'] });
  });

  it('never shows credentials: user:password@ becomes ***@', () => {
    assert.equal(maskCredentials('alice:s3cret@tgi.internal:8080'), '***@tgi.internal:8080');
    assert.equal(maskCredentials('http://u:p@h/x'), 'http://***@h/x');
    assert.equal(maskCredentials('tgi.internal:8080'), 'tgi.internal:8080');
    const [row] = egressRows([rec({ host: 'bob:pw@10.0.0.5:8080' })], all, time);
    assert.equal(row.host, '***@10.0.0.5:8080');
    assert.deepEqual(hostTotals([rec({ host: 'bob:pw@h:1', bytes: 10 }), rec({ host: 'h:1', bytes: 10 })]), [{ host: '***@h:1', requests: 1, bytes: '10 B' }, { host: 'h:1', requests: 1, bytes: '10 B' }]);
  });

  it('checks messages both ways (the webview is untrusted)', () => {
    assert.ok(isFromEgressWebview({ type: 'ready' }));
    assert.ok(isFromEgressWebview({ type: 'filter', filter: { host: 'h', feature: 'probe' } }));
    assert.ok(!isFromEgressWebview({ type: 'filter', filter: { host: 1, feature: '' } }));
    assert.ok(!isFromEgressWebview({ type: 'clear' }));
    assert.ok(isToEgressWebview({ type: 'records', records: [], file: '/x/egress.jsonl' }));
    assert.ok(!isToEgressWebview({ type: 'records', records: 'no', file: '' }));
  });
});
