import assert from 'node:assert/strict';
import { locateUnchanged } from '../../../src/core/prompts/snapshot';

const text = 'head\nfunction f() {}\ntail\n';
const snap = { text, start: 5, end: 20 };

describe('locateUnchanged', () => {
  it('applies at the same place when nothing changed', () => {
    assert.deepEqual(locateUnchanged(text, snap), { ok: true, start: 5, end: 20 });
  });
  it('allows edits after the selection', () => {
    assert.deepEqual(locateUnchanged(text + 'more\n', snap), { ok: true, start: 5, end: 20 });
  });
  it('follows edits before the selection', () => {
    assert.deepEqual(locateUnchanged('new head\n' + text, snap), { ok: true, start: 14, end: 29 });
  });
  it('refuses when the selection itself changed', () => {
    const r = locateUnchanged('head\nfunction g() {}\ntail\n', snap);
    assert.ok(!r.ok && /selected code was edited/.test(r.reason));
  });
  it('refuses when both sides changed', () => {
    const r = locateUnchanged('HEAD\nfunction f() {}\nTAIL\n', snap);
    assert.ok(!r.ok && /edited around the selection/.test(r.reason));
  });
});
