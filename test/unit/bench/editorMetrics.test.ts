import assert from 'node:assert/strict';
import type { KeySent } from '../../../bench/editor/metrics';
import { traceMetrics } from '../../../bench/editor/metrics';

/** The editor benchmark's wrong-text count, for ghost texts that start on the next line. */
const FULL = 'import os\nx = os.getcwd()\n';
const keys: KeySent[] = [{ t: 0, pos: 9, pauseAfter: 1000 }, { t: 1000, pos: 10, pauseAfter: 100 }];

describe('editor benchmark metrics', () => {
  it('a next-line ghost text that continues the file is shown and right', () => {
    const m = traceMetrics(keys, [{ t: 300, first: '', more: ['x\u00a0=\u00a0os.getcwd()'] }], [], FULL);
    assert.equal(m.ghostRate, 100);
    assert.equal(m.wrong, 0);
  });

  it('a next-line ghost text that does not continue the file is wrong, though its empty first line matches anything', () => {
    const m = traceMetrics(keys, [{ t: 300, first: '', more: ['y = 2'] }], [], FULL);
    assert.equal(m.wrong, 1);
  });

  it('a right first line whose later lines differ still counts as right', () => {
    const k: KeySent[] = [{ t: 0, pos: 7, pauseAfter: 1000 }, { t: 1000, pos: 8, pauseAfter: 100 }];
    const m = traceMetrics(k, [{ t: 300, first: 'os', more: ['x = os.get'] }], [], FULL);
    assert.equal(m.wrong, 0);
  });
});
