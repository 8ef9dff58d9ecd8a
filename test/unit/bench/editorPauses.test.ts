import assert from 'node:assert/strict';
import type { GhostEvent, KeySent } from '../../../bench/editor/metrics';
import type { ModelRequest } from '../../../bench/editor/model';
import { pauseCause, pauseCauses } from '../../../bench/editor/pauses';

/**
 * The editor benchmark says why a pause had no ghost text, from the model's request log,
 * the DOM's ghost text and the extension's post-processing replayed on the answer.
 */
const FULL = 'import os\nx = os.getcwd()\n';
// The pause is at the end of `import os` (pos 9), the next key comes at t=1000.
const keys: KeySent[] = [
  { t: 0, pos: 9, pauseAfter: 1000 },
  { t: 1000, pos: 10, pauseAfter: 100 },
];
const req = (r: Partial<ModelRequest>): ModelRequest => ({ arrivedAt: 100, ended: true, firstLineAt: 300, answer: 'x = 1\n', ...r });

describe('editor benchmark pause causes', () => {
  it('a pause with ghost text in it is shown', () => {
    const ghosts: GhostEvent[] = [{ t: 400, first: '', more: ['x = os.getcwd()'] }];
    assert.equal(pauseCause(keys, 0, ghosts, [req({})], FULL).cause, 'shown');
  });

  it('an empty ghost text does not count as shown', () => {
    const ghosts: GhostEvent[] = [{ t: 400, first: ' ', more: [] }];
    assert.equal(pauseCause(keys, 0, ghosts, [], FULL).cause, 'no request');
  });

  it('no request, aborted, late', () => {
    assert.equal(pauseCause(keys, 0, [], [req({ arrivedAt: -50 })], FULL).cause, 'no request');
    assert.equal(pauseCause(keys, 0, [], [req({ ended: false, firstLineAt: undefined, closedAt: 200 })], FULL).cause, 'aborted');
    assert.equal(pauseCause(keys, 0, [], [req({ firstLineAt: 1200 })], FULL).cause, 'answer late');
  });

  it('an answer stopped by the extension after its first line is not an abort', () => {
    const r = req({ ended: false, firstLineAt: 300, closedAt: 310, answer: 'x = 1\ny = 2\n' });
    assert.equal(pauseCause(keys, 0, [], [r], FULL).cause, 'answered, not shown');
  });

  it('an answer post-processing reduces to nothing is dropped, one it keeps is not shown', () => {
    assert.equal(pauseCause(keys, 0, [], [req({ answer: '   \n' })], FULL).cause, 'empty answer');
    assert.equal(pauseCause(keys, 0, [], [req({ answer: ')\n' })], FULL).cause, 'dropped by post-processing');
    assert.equal(pauseCause(keys, 0, [], [req({ answer: 'x = 1\n' })], FULL).cause, 'answered, not shown');
  });

  it('a standing typo is reported as such', () => {
    const typo: KeySent[] = [{ t: 0, pauseAfter: 1000 }, keys[1]];
    assert.equal(pauseCause(typo, 0, [], [req({})], FULL).cause, 'typo');
  });

  it('counts only pauses, by cause, with the cursor line', () => {
    const { counts, reports } = pauseCauses(keys, [], [req({})], FULL, 500);
    assert.deepEqual(counts, { 'answered, not shown': 1 });
    assert.equal(reports[0].linePrefix, 'import os');
  });
});
