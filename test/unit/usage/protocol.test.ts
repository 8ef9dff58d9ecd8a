import assert from 'node:assert/strict';
import { isFromUsageWebview, isToUsageWebview } from '../../../src/core/usage/usageProtocol';
import { niceMax } from '../../../src/webview/usage/charts';
import { axisUsd, count, ms, pct, usd } from '../../../src/webview/usage/format';

describe('usage webview protocol', () => {
  it('accepts the webview\'s messages', () => {
    assert.ok(isFromUsageWebview({ type: 'ready', range: '7d' }));
    assert.ok(isFromUsageWebview({ type: 'range', range: 'all' }));
    assert.ok(isFromUsageWebview({ type: 'export', format: 'csv' }));
    assert.ok(isFromUsageWebview({ type: 'clear' }));
    assert.ok(isFromUsageWebview({ type: 'openSettings', query: 'tandem.pricing' }));
    assert.ok(isFromUsageWebview({ type: 'applySplit', inline: 'huggingface', chat: 'openai' }));
  });

  it('rejects anything else (the webview is untrusted)', () => {
    for (const m of [null, 'ready', {}, { type: 'ready' }, { type: 'range', range: 'year' }, { type: 'export', format: 'xlsx' },
      { type: 'openSettings', query: 'editor.fontSize' }, { type: 'openSettings', query: 'tandem.x; rm -rf' }, { type: 'run', command: 'x' },
      { type: 'applySplit', inline: 'anthropic', chat: 'openai' }, { type: 'applySplit', inline: 'openai' }]) {
      assert.equal(isFromUsageWebview(m), false, JSON.stringify(m));
    }
  });

  it('checks messages to the webview', () => {
    assert.ok(isToUsageWebview({ type: 'error', message: 'x' }));
    assert.equal(isToUsageWebview({ type: 'data' }), false);
  });
});

describe('usage view formatting', () => {
  it('formats money without hiding small amounts', () => {
    assert.equal(usd(0), '$0');
    assert.equal(usd(0.00314), '$0.0031');
    assert.equal(usd(0.000005), '$0.000005');
    assert.equal(usd(0.42), '$0.42');
    assert.equal(usd(12.345), '$12.35');
    assert.equal(usd(1234.5), '$1,235');
    assert.equal(usd(undefined), '—');
  });
  it('formats latency, shares and counts', () => {
    assert.deepEqual([ms(950.4), ms(1234), ms(12_600), ms(undefined)], ['950 ms', '1.2 s', '13 s', '—']);
    assert.deepEqual([pct(0), pct(0.0123), pct(0.456), pct(1)], ['0%', '1.2%', '46%', '100%']);
    assert.deepEqual([count(999), count(1234), count(45_600), count(2_500_000)], ['999', '1.2k', '46k', '2.5M']);
  });
  it('rounds chart axes up to 1, 2, 4, 6, 8 or 10 x 10^n', () => {
    assert.deepEqual([niceMax(0), niceMax(0.7), niceMax(1.3), niceMax(2.2), niceMax(5), niceMax(730), niceMax(0.027)], [0, 0.8, 2, 4, 6, 800, 0.04]);
  });
});

describe('chart axes', () => {
  it('labels money ticks with enough decimals to tell them apart', () => {
    assert.deepEqual([0, 0.01, 0.02, 0.03, 0.04].map(axisUsd(0.01)), ['$0', '$0.01', '$0.02', '$0.03', '$0.04']);
    assert.deepEqual([0.015, 0.03, 0.045].map(axisUsd(0.015)), ['$0.015', '$0.030', '$0.045']);
    assert.deepEqual([0.5, 1].map(axisUsd(0.5)), ['$0.5', '$1.0']);
    assert.deepEqual([2, 8].map(axisUsd(2)), ['$2', '$8']);
  });
});
