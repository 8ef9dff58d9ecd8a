import assert from 'node:assert/strict';
import { promises as fs, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { LedgerFs } from '../../../src/core/usage/ledger';
import { Ledger } from '../../../src/core/usage/ledger';
import type { BacklogState } from '../../../src/core/usage/writeQueue';
import { rec } from './fixtures/records';

/** The real file system, except that writes fail with `code` while `failing` is set. */
function flakyFs(code: string): { fs: LedgerFs; failing: { on: boolean; writesBeforeFailure?: number } } {
  const failing: { on: boolean; writesBeforeFailure?: number } = { on: false };
  const out: LedgerFs = {
    mkdir: (d, o) => fs.mkdir(d, o),
    open: async (file, flags) => {
      const h = await fs.open(file, flags);
      return {
        stat: () => h.stat(),
        read: (b, o, l, p) => h.read(b, o, l, p),
        close: () => h.close(),
        write: async (data, pos, enc) => {
          if (failing.on) {
            if (!failing.writesBeforeFailure) throw Object.assign(new Error(`${code}: refused`), { code });
            failing.writesBeforeFailure--;
          }
          return h.write(data, pos, enc);
        },
      };
    },
  };
  return { fs: out, failing };
}

describe('usage ledger: what the disk refused stays queued', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'tandem-backlog-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const march = () => new Date('2026-03-10T12:00:00Z');
  const r = (id: string, s: number) => rec({ id, time: `2026-03-10T10:00:${String(s).padStart(2, '0')}.000Z` });

  it('ENOSPC, then room again: every record is on disk, in order, and the state says so at each step', async () => {
    const { fs: flaky, failing } = flakyFs('ENOSPC');
    const states: BacklogState[] = [];
    const ledger = new Ledger(dir, march, { fs: flaky, onBacklog: (s) => states.push(s) });
    await ledger.append(r('a', 1));
    failing.on = true;
    await assert.rejects(ledger.append(r('b', 2)), /ENOSPC/);
    await assert.rejects(ledger.append(r('c', 3)), /ENOSPC/);
    await assert.rejects(ledger.markAccepted('a'), /ENOSPC/);
    assert.deepEqual(ledger.backlog(), { queued: 3, dropped: 0, reason: 'disk full' });
    assert.deepEqual(states.at(-1), { queued: 3, dropped: 0, reason: 'disk full' });
    failing.on = false;
    await ledger.append(r('d', 4));
    assert.deepEqual(ledger.backlog(), { queued: 0, dropped: 0 });
    assert.deepEqual(states.at(-1), { queued: 0, dropped: 0 });
    const { records, skippedLines } = await new Ledger(dir).readAll();
    assert.deepEqual(records.map((x) => x.id), ['a', 'b', 'c', 'd']);
    assert.equal(records[0].accepted, true, 'the queued acceptance mark was written too');
    assert.equal(skippedLines, 0);
  });

  it('a flush (as at deactivation) writes the queue without a new record', async () => {
    const { fs: flaky, failing } = flakyFs('EROFS');
    const ledger = new Ledger(dir, march, { fs: flaky });
    failing.on = true;
    await assert.rejects(ledger.append(r('a', 1)));
    await assert.rejects(ledger.flush());
    assert.equal(ledger.backlog().reason, 'read-only file system');
    failing.on = false;
    await ledger.flush();
    assert.deepEqual((await new Ledger(dir).readAll()).records.map((x) => x.id), ['a']);
  });

  it('a batch refused halfway keeps only the unwritten lines, with no duplicate', async () => {
    const { fs: flaky, failing } = flakyFs('ENOSPC');
    const ledger = new Ledger(dir, march, { fs: flaky });
    failing.on = true;
    await assert.rejects(ledger.append(r('a', 1)));
    await assert.rejects(ledger.append(r('b', 2)));
    await assert.rejects(ledger.append(r('c', 3)));
    failing.writesBeforeFailure = 1; // a gets out, then the disk is full again
    await assert.rejects(ledger.flush());
    assert.equal(ledger.backlog().queued, 2);
    failing.on = false;
    await ledger.flush();
    assert.deepEqual((await new Ledger(dir).readAll()).records.map((x) => x.id), ['a', 'b', 'c']);
  });

  it('is bounded: past the limit the oldest queued lines go, and the state counts them', async () => {
    const { fs: flaky, failing } = flakyFs('ENOSPC');
    const ledger = new Ledger(dir, march, { fs: flaky, maxQueued: 2 });
    failing.on = true;
    for (const [i, id] of ['a', 'b', 'c'].entries()) await assert.rejects(ledger.append(r(id, i)));
    assert.deepEqual(ledger.backlog(), { queued: 2, dropped: 1, reason: 'disk full' });
    failing.on = false;
    await ledger.flush();
    assert.deepEqual((await new Ledger(dir).readAll()).records.map((x) => x.id), ['b', 'c']);
  });

  it('appends racing each other keep their order', async () => {
    const ledger = new Ledger(dir, march);
    await Promise.all(Array.from({ length: 20 }, (_, i) => ledger.append(r(`r${i}`, i))));
    assert.deepEqual((await ledger.readAll()).records.map((x) => x.id), Array.from({ length: 20 }, (_, i) => `r${i}`));
  });
});
