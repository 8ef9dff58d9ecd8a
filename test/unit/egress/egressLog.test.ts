import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EgressFileSink, readEgressFile } from '../../../src/core/egress/egressFile';
import { EgressLog, hostOnly, safeFile } from '../../../src/core/egress/egressLog';
import type { EgressRecord } from '../../../src/core/egress/egressLog';

const T0 = Date.parse('2026-01-02T03:04:05.000Z');

describe('EgressLog', () => {
  it('records host, provider, feature, file, bytes, redaction and outcome', () => {
    const log = new EgressLog({ now: () => T0 });
    const r = log.record({ host: 'https://api.openai.com/v1/chat/completions?api-key=sk-x', provider: 'openai', feature: 'explain', file: 'src/a.ts', bytes: 1234, redactions: 2, redactionKinds: ['github-token', 'jwt'] });
    assert.deepEqual(r, { id: 1, time: '2026-01-02T03:04:05.000Z', host: 'api.openai.com', provider: 'openai', feature: 'explain', file: 'src/a.ts', bytes: 1234, redactions: 2, redactionKinds: ['github-token', 'jwt'], outcome: 'sent' });
    log.finish(r, 'ok');
    assert.equal(log.list()[0].outcome, 'ok');
    log.finish(r, 'error');
    assert.equal(log.list()[0].outcome, 'ok', 'an outcome is set once');
  });

  it('keeps only the newest records up to its capacity', () => {
    const log = new EgressLog({ capacity: 3 });
    for (let i = 0; i < 5; i++) log.record({ host: 'h', provider: 'huggingface', feature: 'inline', bytes: i });
    assert.deepEqual(log.list().map((r) => r.bytes), [2, 3, 4]);
    assert.deepEqual(log.list().map((r) => r.id), [3, 4, 5]);
  });

  it('hands out copies, so callers cannot change the log', () => {
    const log = new EgressLog();
    log.record({ host: 'h', provider: 'openai', feature: 'x', bytes: 1, redactionKinds: ['jwt'] });
    const copy = log.list()[0];
    copy.redactionKinds.push('x');
    copy.bytes = 99;
    assert.deepEqual(log.list()[0].redactionKinds, ['jwt']);
    assert.equal(log.list()[0].bytes, 1);
  });

  it('writes only final records to the sink, each once', () => {
    const written: EgressRecord[] = [];
    const log = new EgressLog({ sink: { append: (r) => written.push(r) } });
    const a = log.record({ host: 'h', provider: 'openai', feature: 'explain', bytes: 1 });
    log.record({ host: 'h', provider: 'openai', feature: 'test', bytes: 1, outcome: 'ok' });
    assert.deepEqual(written.map((r) => r.id), [2]);
    log.finish(a, 'cancelled');
    log.finish(a, 'ok');
    assert.deepEqual(written.map((r) => [r.id, r.outcome]), [[2, 'ok'], [1, 'cancelled']]);
  });

  it('tells listeners about every new record and outcome', () => {
    const log = new EgressLog();
    const seen: string[] = [];
    const off = log.onDidChange((r) => seen.push(`${r.id}:${r.outcome}`));
    const r = log.record({ host: 'h', provider: 'openai', feature: 'x', bytes: 1 });
    log.finish(r, 'ok');
    off();
    log.record({ host: 'h', provider: 'openai', feature: 'x', bytes: 1 });
    assert.deepEqual(seen, ['1:sent', '1:ok']);
  });
});

describe('hostOnly and safeFile', () => {
  it('keeps the host and port, never path, query or credentials', () => {
    assert.equal(hostOnly('https://user:pw@api.openai.com/v1/x?key=1'), 'api.openai.com');
    assert.equal(hostOnly('http://127.0.0.1:8080/generate_stream'), '127.0.0.1:8080');
    assert.equal(hostOnly('tgi.internal:8080'), 'tgi.internal:8080');
    assert.equal(hostOnly('::not a url::'), 'unknown');
  });

  it('keeps a relative path and only the name of an absolute one', () => {
    assert.equal(safeFile('src/a.ts'), 'src/a.ts');
    assert.equal(safeFile('/home/alice/private/notes.ts'), 'notes.ts');
    assert.equal(safeFile('C:\\Users\\alice\\x.py'), 'x.py');
    const log = new EgressLog();
    assert.equal(log.record({ host: 'h', provider: 'openai', feature: 'x', bytes: 1, file: '/home/alice/secret-project/a.ts' }).file, 'a.ts');
  });
});

describe('EgressFileSink', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-egress-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('appends one JSON line per final record and reads them back, skipping a torn line', () => {
    const file = path.join(dir, 'sub', 'egress.jsonl');
    const log = new EgressLog({ sink: new EgressFileSink(file) });
    const r = log.record({ host: 'api.openai.com', provider: 'openai', feature: 'refactor', file: 'a.ts', bytes: 10, redactions: 1, redactionKinds: ['assigned-secret'] });
    log.finish(r, 'ok');
    log.record({ host: '127.0.0.1:8080', provider: 'huggingface', feature: 'inline', bytes: 5, outcome: 'cancelled' });
    fs.appendFileSync(file, '{"id": 3, "time": "2026-');
    const back = readEgressFile(file);
    assert.deepEqual(back.map((x) => [x.id, x.host, x.outcome]), [[1, 'api.openai.com', 'ok'], [2, '127.0.0.1:8080', 'cancelled']]);
    log.record({ host: 'h', provider: 'openai', feature: 'x', bytes: 7, outcome: 'ok' });
    assert.deepEqual(readEgressFile(file).map((x) => x.id), [1, 2, 3], 'a record after a torn line is intact');
  });

  it('moves a full file aside and starts a new one', () => {
    const file = path.join(dir, 'egress.jsonl');
    const sink = new EgressFileSink(file, 300);
    const log = new EgressLog({ sink });
    for (let i = 0; i < 6; i++) log.record({ host: 'h', provider: 'openai', feature: 'x', bytes: i, outcome: 'ok' });
    assert.ok(fs.existsSync(`${file}.1`));
    assert.ok(fs.statSync(file).size < 300 + 200, 'at most one record beyond the limit');
    const back = readEgressFile(file);
    assert.deepEqual(back.map((r) => r.bytes), [...back.map((r) => r.bytes)].sort((a, b) => a - b), 'rotated part first');
    assert.equal(back[back.length - 1].bytes, 5);
  });

  it('reports a write failure once and never throws', () => {
    const errors: string[] = [];
    const blocker = path.join(dir, 'file');
    fs.writeFileSync(blocker, 'x');
    const sink = new EgressFileSink(path.join(blocker, 'egress.jsonl'), 1000, (m) => errors.push(m));
    const log = new EgressLog({ sink });
    log.record({ host: 'h', provider: 'openai', feature: 'x', bytes: 1, outcome: 'ok' });
    log.record({ host: 'h', provider: 'openai', feature: 'x', bytes: 1, outcome: 'ok' });
    assert.equal(errors.length, 1);
    assert.equal(log.list().length, 2);
  });

  it('stores no field beyond the record (no code)', () => {
    const file = path.join(dir, 'egress.jsonl');
    const log = new EgressLog({ sink: new EgressFileSink(file) });
    log.record({ host: 'h', provider: 'openai', feature: 'x', bytes: 1, outcome: 'ok' });
    const line: unknown = JSON.parse(fs.readFileSync(file, 'utf8').trim());
    assert.ok(typeof line === 'object' && line !== null);
    assert.deepEqual(Object.keys(line).sort(), ['bytes', 'feature', 'host', 'id', 'outcome', 'provider', 'redactionKinds', 'redactions', 'time']);
  });
});

