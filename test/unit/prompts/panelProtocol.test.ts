import assert from 'node:assert/strict';
import { footerText, isFromPanel } from '../../../src/core/prompts/panelProtocol';

describe('explain panel protocol', () => {
  it('accepts only the known panel messages', () => {
    assert.ok(isFromPanel({ type: 'ready' }));
    assert.ok(isFromPanel({ type: 'stop' }));
    assert.ok(isFromPanel({ type: 'copy', text: 'x' }));
    assert.ok(!isFromPanel({ type: 'copy', text: 1 }));
    assert.ok(isFromPanel({ type: 'rendered', html: '<p>x</p>' }));
    assert.ok(!isFromPanel({ type: 'rendered' }));
    assert.ok(!isFromPanel({ type: 'run', command: 'rm -rf' }));
    assert.ok(!isFromPanel(null));
    assert.ok(!isFromPanel('stop'));
  });
  it('accepts an error-view button only for a known action (the webview is untrusted)', () => {
    assert.ok(isFromPanel({ type: 'action', action: 'setOpenAIKey' }));
    assert.ok(isFromPanel({ type: 'action', action: 'runAgain' }));
    assert.ok(isFromPanel({ type: 'action', action: 'retry' }));
    assert.ok(!isFromPanel({ type: 'action', action: 'workbench.action.terminal.new' }));
    assert.ok(!isFromPanel({ type: 'action' }));
  });
  it('writes provider, model, tokens, cost and time', () => {
    assert.equal(
      footerText({ provider: 'openai', model: 'gpt-4.1-mini', inputTokens: 812, outputTokens: 240, estimated: false, costUsd: 0.000709, latencyMs: 2400 }),
      'gpt-4.1-mini on OpenAI · 812 in / 240 out tokens · $0.0007 · 2.4 s',
    );
    assert.equal(
      footerText({ provider: 'huggingface', model: 'bigcode/starcoder2-15b', inputTokens: 10, outputTokens: 5, estimated: true, latencyMs: 900 }),
      'bigcode/starcoder2-15b on the private endpoint · 10 in / 5 out tokens (estimated) · 0.9 s',
    );
  });
});
