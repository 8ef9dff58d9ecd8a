import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Ledger } from '../../../src/core/usage/ledger';
import { rec } from './fixtures/records';

const run = promisify(execFile);

describe('usage ledger', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'tandem-ledger-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const march = () => new Date('2026-03-10T12:00:00Z');

  it('reads nothing from a missing directory', async () => {
    const ledger = new Ledger(path.join(dir, 'not-yet'));
    assert.deepEqual((await ledger.readAll()).records, []);
  });

  it('appends one JSON line per record into a monthly segment and reads them back oldest first', async () => {
    const ledger = new Ledger(path.join(dir, 'global'), march);
    await ledger.append(rec({ time: '2026-03-10T10:00:00.000Z', id: 'a' }));
    await ledger.append(rec({ time: '2026-03-10T10:00:01.000Z', id: 'b' }));
    const { records, skippedLines } = await ledger.readAll();
    assert.deepEqual(records.map((r) => r.id), ['a', 'b']);
    assert.equal(skippedLines, 0);
    assert.deepEqual(readdirSync(path.join(dir, 'global')), ['usage-2026-03.jsonl']);
    const text = readFileSync(path.join(dir, 'global', 'usage-2026-03.jsonl'), 'utf8');
    assert.equal(text.split('\n').length, 3);
    assert.deepEqual(JSON.parse(text.split('\n')[0]), rec({ time: '2026-03-10T10:00:00.000Z', id: 'a' }));
  });

  it('rotates to a new segment each month and reads across segments', async () => {
    let now = new Date('2026-01-31T23:00:00Z');
    const ledger = new Ledger(dir, () => now);
    await ledger.append(rec({ time: '2026-01-31T23:00:00.000Z', id: 'jan' }));
    now = new Date('2026-02-01T01:00:00Z');
    await ledger.append(rec({ time: '2026-02-01T01:00:00.000Z', id: 'feb' }));
    assert.deepEqual(await ledger.segmentNames(), ['usage-2026-01.jsonl', 'usage-2026-02.jsonl']);
    assert.deepEqual((await new Ledger(dir).readAll()).records.map((r) => r.id), ['jan', 'feb']);
  });

  it('skips a torn last line after a crash, and the next append starts on a fresh line', async () => {
    const file = path.join(dir, 'usage-2026-03.jsonl');
    const whole = JSON.stringify(rec({ id: 'ok1' }));
    const torn = JSON.stringify(rec({ id: 'torn' })).slice(0, 57);
    writeFileSync(file, `${whole}\n${torn}`);
    const ledger = new Ledger(dir, march);
    // The torn tail has no newline yet: it is still "being written" and not counted.
    assert.deepEqual((await ledger.readAll()).records.map((r) => r.id), ['ok1']);
    await ledger.append(rec({ id: 'after', time: '2026-03-10T11:00:00.000Z' }));
    const fresh = await new Ledger(dir).readAll();
    assert.deepEqual(fresh.records.map((r) => r.id), ['ok1', 'after']);
    assert.equal(fresh.skippedLines, 1);
    // The same instance, reading incrementally, agrees.
    assert.deepEqual((await ledger.readAll()).records.map((r) => r.id), ['ok1', 'after']);
  });

  it('starts on a fresh line even when another window tore the tail after this one last wrote', async () => {
    const ledger = new Ledger(dir, march);
    await ledger.append(rec({ id: 'first' }));
    appendFileSync(path.join(dir, 'usage-2026-03.jsonl'), '{"time":"2026-03-10T10:00:00.0'); // a crash elsewhere
    await ledger.append(rec({ id: 'second', time: '2026-03-10T10:00:02.000Z' }));
    const { records, skippedLines } = await new Ledger(dir).readAll();
    assert.deepEqual(records.map((r) => r.id), ['first', 'second']);
    assert.equal(skippedLines, 1);
  });

  it('skips corrupt and foreign lines anywhere, never fatal', async () => {
    const lines = [
      JSON.stringify(rec({ id: 'a' })),
      '{"time":"2026-03-10T10:00:00.000Z","provider":"openai"',
      'garbage \u0000\u0001',
      JSON.stringify({ ...rec(), inputTokens: -5 }),
      JSON.stringify({ ...rec(), provider: 'anthropic' }),
      '[]',
      '',
      JSON.stringify(rec({ id: 'b', time: '2026-03-10T10:00:05.000Z' })),
    ];
    writeFileSync(path.join(dir, 'usage-2026-03.jsonl'), lines.join('\n') + '\n');
    const { records, skippedLines } = await new Ledger(dir).readAll();
    assert.deepEqual(records.map((r) => r.id), ['a', 'b']);
    assert.equal(skippedLines, 5);
  });

  it('normalizes foreign time formats and sorts out-of-order lines', async () => {
    const lines = [JSON.stringify(rec({ id: 'late', time: '2026-03-10T12:00:00Z' })), JSON.stringify(rec({ id: 'early', time: '2026-03-10T09:00:00.000Z' }))];
    writeFileSync(path.join(dir, 'usage-2026-03.jsonl'), lines.join('\n') + '\n');
    const { records } = await new Ledger(dir).readAll();
    assert.deepEqual(records.map((r) => [r.id, r.time]), [['early', '2026-03-10T09:00:00.000Z'], ['late', '2026-03-10T12:00:00.000Z']]);
  });

  it('marks an inline completion accepted with a later line', async () => {
    const ledger = new Ledger(dir, march);
    await ledger.append(rec({ id: 'c1', feature: 'inline', accepted: false }));
    await ledger.append(rec({ id: 'c2', feature: 'inline', accepted: false, time: '2026-03-10T10:00:01.000Z' }));
    await ledger.markAccepted('c2');
    const { records } = await new Ledger(dir).readAll();
    assert.deepEqual(records.map((r) => [r.id, r.accepted]), [['c1', false], ['c2', true]]);
    assert.equal(records.length, 2);
  });

  it('picks up lines appended by another window incrementally', async () => {
    const ours = new Ledger(dir, march);
    const theirs = new Ledger(dir, march);
    await ours.append(rec({ id: 'ours' }));
    const first = await ours.readAll();
    assert.equal(first.records.length, 1);
    assert.equal((await ours.readAll()).version, first.version, 'nothing changed, same version');
    await theirs.append(rec({ id: 'theirs', time: '2026-03-10T10:00:01.000Z' }));
    assert.deepEqual((await ours.readAll()).records.map((r) => r.id), ['ours', 'theirs']);
  });

  it('keeps a line written in two pieces pending until it is whole', async () => {
    const file = path.join(dir, 'usage-2026-03.jsonl');
    const line = JSON.stringify(rec({ id: 'split', model: 'modèle-ü' }));
    const bytes = Buffer.from(line + '\n');
    const cut = bytes.indexOf(Buffer.from('è')) + 1; // in the middle of a multi-byte character
    writeFileSync(file, bytes.subarray(0, cut));
    const ledger = new Ledger(dir);
    const before = await ledger.readAll();
    assert.deepEqual([before.records, before.skippedLines], [[], 0]);
    appendFileSync(file, bytes.subarray(cut));
    const { records } = await ledger.readAll();
    assert.equal(records[0].model, 'modèle-ü');
  });

  it('clears every segment, and another window notices', async () => {
    const ledger = new Ledger(dir, march);
    const other = new Ledger(dir, march);
    await ledger.append(rec({ id: 'x' }));
    assert.equal((await other.readAll()).records.length, 1);
    await ledger.clear();
    assert.deepEqual(readdirSync(dir), []);
    assert.deepEqual((await other.readAll()).records, []);
    await ledger.append(rec({ id: 'y' }));
    assert.deepEqual((await other.readAll()).records.map((r) => r.id), ['y']);
  });

  it('loses no line when two processes append thousands of records at once', async function () {
    this.timeout(60_000);
    const worker = path.join(__dirname, 'fixtures', 'appendWorker.ts');
    const count = 3000;
    const barrier = mkdtempSync(path.join(tmpdir(), 'tandem-barrier-'));
    try {
      await Promise.all(['A', 'B'].map((tag) => run(process.execPath, ['--require', require.resolve('tsx/cjs'), worker, dir, tag, String(count), barrier, '2'])));
    } finally {
      rmSync(barrier, { recursive: true, force: true });
    }
    // Interleaved lines prove the appends overlapped (not one process after the other).
    const order = readFileSync(path.join(dir, readdirSync(dir)[0]), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).model);
    const switches = order.filter((m, i) => i > 0 && m !== order[i - 1]).length;
    assert.ok(switches > 1, `appends interleaved (${switches} switches)`);
    const { records, skippedLines } = await new Ledger(dir).readAll();
    assert.equal(skippedLines, 0);
    assert.equal(records.length, 2 * count);
    for (const tag of ['A', 'B']) {
      const ids = new Set(records.filter((r) => r.model === `model-${tag}`).map((r) => r.id));
      assert.equal(ids.size, count, `all of ${tag}'s records are there`);
    }
  });
});
