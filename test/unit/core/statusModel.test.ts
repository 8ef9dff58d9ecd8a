import assert from 'node:assert/strict';
import type { RouteDecision } from '../../../src/core/router';
import { statusView } from '../../../src/core/status/statusModel';

const openai: RouteDecision = { ok: true, provider: 'openai', model: 'gpt-4.1-mini', why: 'tandem.provider is "openai"' };
const hf: RouteDecision = { ok: true, provider: 'huggingface', model: 'bigcode/starcoder2-15b', why: 'tandem.provider is "huggingface"' };
const notPrivate = { private: false, reason: 'not marked private' };
const base = { privacy: notPrivate, problems: {}, busy: false, inlineEnabled: true };

describe('statusView', () => {
  it('shows the cloud for OpenAI with the model in the tooltip', () => {
    const v = statusView({ ...base, chat: openai, inline: { ...openai, model: 'gpt-4.1-nano' } });
    assert.equal(v.text, '$(cloud) OpenAI');
    assert.match(v.tooltip, /`gpt-4\.1-mini`/);
    assert.equal(v.warning, false);
  });

  it('shows the lock for the private endpoint and names the privacy reason', () => {
    const v = statusView({ ...base, privacy: { private: true, reason: 'tandem.privateWorkspace is true in .vscode/settings.json' }, chat: hf, inline: hf });
    assert.equal(v.text, '$(lock) Private');
    assert.match(v.tooltip, /\*\*Private:\*\* tandem\\\.privateWorkspace is true in \\\.vscode\/settings\\\.json/);
    assert.match(v.tooltip, /OpenAI is refused here/);
  });

  it('names both providers when features are split', () => {
    assert.equal(statusView({ ...base, chat: openai, inline: hf }).text, '$(cloud) OpenAI · $(lock) inline');
    assert.equal(statusView({ ...base, chat: hf, inline: openai }).text, '$(lock) Private · $(cloud) inline');
  });

  it('spins while busy', () => {
    assert.equal(statusView({ ...base, busy: true, chat: openai, inline: openai }).text, '$(sync~spin) OpenAI');
  });

  it('shows a warning with the reason and the fix', () => {
    const v = statusView({ ...base, chat: openai, inline: openai, problems: { openai: { summary: 'rate-limited until 14:05', fix: 'Wait, or switch to the private endpoint.' } } });
    assert.equal(v.text, '$(warning) OpenAI: rate-limited until 14:05');
    assert.equal(v.warning, true);
    assert.match(v.tooltip, /Wait, or switch to the private endpoint/);
  });

  it('warns when the private endpoint is missing', () => {
    const missing: RouteDecision = { ok: false, provider: 'huggingface', why: 'No private endpoint is set: set tandem.huggingface.endpointUrl in your user settings.' };
    const v = statusView({ ...base, chat: missing, inline: missing });
    assert.equal(v.text, '$(warning) Private: no endpoint');
    assert.match(v.tooltip, /tandem\\\.huggingface\\\.endpointUrl/);
  });
});
