import assert from 'node:assert/strict';
import type { RouteDecision } from '../../../src/core/engine/router';
import { statusView } from '../../../src/core/status/statusModel';
import { TRUSTED_COMMANDS } from '../../../src/core/status/links';
import { pickProblem } from '../../../src/core/status/problem';

const openai: RouteDecision = { ok: true, provider: 'openai', model: 'gpt-4.1-mini', why: 'tandem.provider is "openai"' };
const hf: RouteDecision = { ok: true, provider: 'huggingface', model: 'bigcode/starcoder2-15b', why: 'tandem.provider is "huggingface"' };
const notPrivate = { private: false, reason: 'not marked private' };
const enforced = { private: true, reason: 'tandem.privateWorkspace is true in .vscode/settings.json' };
const base = { privacy: notPrivate, problems: {}, busy: false, inlineEnabled: true };
const at = (h: number, m: number) => new Date(2026, 10, 23, h, m).getTime();

describe('statusView', () => {
  it('shows the cloud for OpenAI with the model in the tooltip', () => {
    const v = statusView({ ...base, chat: openai, inline: { ...openai, model: 'gpt-4.1-nano' } });
    assert.equal(v.text, '$(cloud) OpenAI');
    assert.match(v.tooltip, /`gpt-4\.1-mini`/);
    assert.equal(v.warning, false);
  });

  it('shows a server, not a lock, for a private endpoint the person chose', () => {
    const v = statusView({ ...base, chat: hf, inline: hf });
    assert.equal(v.text, '$(server) Private');
    assert.match(v.tooltip, /`bigcode\/starcoder2-15b`/);
    assert.ok(!v.tooltip.includes('$(lock)'), 'the lock means enforced privacy only');
  });

  it('shows the lock only for an enforced private workspace, and names the reason', () => {
    const v = statusView({ ...base, privacy: enforced, chat: hf, inline: hf });
    assert.equal(v.text, '$(lock) Private');
    assert.match(v.tooltip, /\*\*Private:\*\* tandem\\\.privateWorkspace is true in \\\.vscode\/settings\\\.json/);
    assert.ok(!v.tooltip.includes('command:tandem.switchProvider'), 'no switch offered where OpenAI is refused');
  });

  it('keeps the lock in the error and busy states of a private workspace', () => {
    const problems = { huggingface: { kind: 'unreachable' as const, summary: 'unreachable', fix: 'Cannot reach 127.0.0.1:9.' } };
    assert.equal(statusView({ ...base, privacy: enforced, chat: hf, inline: hf, problems }).text, '$(lock) $(warning) Private: unreachable');
    assert.equal(statusView({ ...base, privacy: enforced, busy: true, chat: hf, inline: hf }).text, '$(lock) $(sync~spin) Private');
  });

  it('names both providers when features are split', () => {
    assert.equal(statusView({ ...base, chat: openai, inline: hf }).text, '$(cloud) OpenAI · $(server) inline');
    assert.equal(statusView({ ...base, chat: hf, inline: openai }).text, '$(server) Private · $(cloud) inline');
  });

  it('spins while busy', () => {
    assert.equal(statusView({ ...base, busy: true, chat: openai, inline: openai }).text, '$(sync~spin) OpenAI');
  });

  it('says rate-limited with the time, from the health problem or the refusal', () => {
    const problems = { openai: { kind: 'rateLimited' as const, until: at(14, 5), summary: 'rate-limited until 14:05', fix: 'OpenAI asked Tandem to wait.' } };
    const v = statusView({ ...base, chat: openai, inline: openai, problems });
    assert.equal(v.text, '$(warning) OpenAI: rate-limited until 14:05');
    assert.equal(v.warning, true);
    const refused: RouteDecision = { ok: false, provider: 'openai', reason: 'rateLimited', retryAt: at(4, 37), why: 'Not sent: OpenAI is rate-limited until 04:37:00.' };
    assert.equal(statusView({ ...base, chat: refused, inline: refused }).text, '$(warning) OpenAI: rate-limited until 04:37');
  });

  it('shows an active fallback as its own warning state', () => {
    const fb: RouteDecision = { ...hf, fallbackFrom: 'openai', why: 'OpenAI is rate-limited; served by the private endpoint' };
    const problems = { openai: { kind: 'rateLimited' as const, until: at(14, 5), summary: 'rate-limited until 14:05', fix: 'Wait.' } };
    const v = statusView({ ...base, chat: fb, inline: fb, problems });
    assert.equal(v.text, '$(warning) OpenAI → private until 14:05');
    assert.equal(v.warning, true);
    assert.match(v.tooltip, /Falling back/);
    const budget = { openai: { summary: 'daily budget spent', fix: 'Raise it.' } };
    assert.equal(statusView({ ...base, chat: fb, inline: fb, problems: budget }).text, '$(warning) OpenAI → private: daily budget spent');
  });

  it('tells a missing endpoint, an unreachable one and a spent budget apart', () => {
    const missing: RouteDecision = { ok: false, provider: 'huggingface', reason: 'noEndpoint', why: 'No private endpoint is set: set tandem.huggingface.endpointUrl in your user settings.' };
    const v = statusView({ ...base, chat: missing, inline: missing });
    assert.equal(v.text, '$(warning) Private: no endpoint');
    assert.match(v.tooltip, /command:tandem\.setPrivateEndpoint/);
    const open: RouteDecision = { ok: false, provider: 'huggingface', reason: 'circuitOpen', retryAt: at(14, 0), why: 'Not sent: the private endpoint failed repeatedly.' };
    const down = { huggingface: { kind: 'unreachable' as const, summary: 'unreachable', fix: 'Cannot reach 127.0.0.1:9: connection refused.' } };
    assert.equal(statusView({ ...base, chat: open, inline: open, problems: down }).text, '$(warning) Private: unreachable');
    assert.equal(statusView({ ...base, chat: open, inline: open }).text, '$(warning) Private: paused until 14:00');
    const spent: RouteDecision = { ok: false, provider: 'openai', reason: 'budgetSpent', why: 'Not sent: budget spent.' };
    assert.equal(statusView({ ...base, chat: spent, inline: spent }).text, '$(warning) OpenAI: budget spent');
  });

  it('puts the fix once, as a link, and links only to trusted Tandem commands', () => {
    const problems = { openai: { kind: 'noKey' as const, summary: 'no key', fix: 'No OpenAI API key is set. Run "Tandem: Set OpenAI API Key".' } };
    const v = statusView({ ...base, chat: openai, inline: openai, problems });
    assert.equal(v.text, '$(warning) OpenAI: no key');
    assert.equal(v.tooltip.split('Set OpenAI API Key').length - 1, 2, 'the fix text and its link, nothing twice more');
    const commands = [...v.tooltip.matchAll(/\(command:([\w.]+)/g)].map((m) => m[1]);
    assert.ok(commands.includes('tandem.setOpenAIKey') && commands.includes('tandem.menu'));
    assert.deepEqual(commands.filter((c) => !TRUSTED_COMMANDS.includes(c)), []);
  });

  it('shows an inline-only problem in the split item', () => {
    const problems = { huggingface: { kind: 'unreachable' as const, summary: 'unreachable', fix: 'Nothing answered.' } };
    const v = statusView({ ...base, chat: openai, inline: hf, problems });
    assert.equal(v.text, '$(cloud) OpenAI · $(server) inline: unreachable');
    assert.equal(v.warning, true);
  });
});

describe('pickProblem', () => {
  const rejected = { kind: 'keyRejected' as const, summary: 'key rejected', fix: 'OpenAI rejected the API key (401).' };
  it('says "no key" when none was ever set, never "key rejected"', () => {
    assert.equal(pickProblem('openai', [undefined, rejected], { present: false, required: false })?.summary, 'no key');
    assert.equal(pickProblem('openai', [], { present: false, required: true })?.summary, 'no key');
    assert.equal(pickProblem('huggingface', [rejected], { present: false, required: false })?.summary, 'no token');
  });
  it('keeps a rejected key rejected, and the first source first', () => {
    assert.equal(pickProblem('openai', [undefined, rejected], { present: true, required: true })?.summary, 'key rejected');
    const budget = { summary: 'daily budget spent', fix: 'x' };
    assert.equal(pickProblem('openai', [budget, rejected], { present: true, required: true }), budget);
    assert.equal(pickProblem('openai', [], { present: false, required: false }), undefined, 'a keyless local server is fine');
  });
});
