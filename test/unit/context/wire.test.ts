import assert from 'node:assert/strict';
import type { ContextDoc, ContextIde } from '../../../src/core/context/gather';
import { gatherContext } from '../../../src/core/context/gather';
import { RecentChunks } from '../../../src/core/context/recent';
import { statusView } from '../../../src/core/status/statusModel';
import { HuggingFaceProvider } from '../../../src/core/llm/huggingfaceProvider';
import type { Emulator } from '../../servers/common';
import { startTgiEmulator } from '../../servers/tgi';
import { collect } from '../llm/helpers';

const timeouts = { firstByteChatMs: 400, firstByteInlineMs: 400, gapMs: 400 };

describe('context on the wire and in the status', () => {
  let emu: Emulator | undefined;
  afterEach(async () => {
    await emu?.close();
    emu = undefined;
  });

  it('the private endpoint receives the repository-level prompt of its model family', async () => {
    emu = await startTgiEmulator({});
    const p = new HuggingFaceProvider({ baseUrl: emu.url, timeouts, fimTemplate: 'auto' });
    emu.setReply({ text: '1)' });
    await collect(p.streamFim({ feature: 'inline', model: 'bigcode/starcoder2-15b', prefix: 'x = f(', suffix: '', filePath: 'a.py', languageId: 'python', maxTokens: 16, snippets: [{ path: 'lib.py', text: 'def f(n):\n    return n' }] }, new AbortController().signal));
    const req = emu.requests.find((r) => r.path === '/v1/completions');
    const body: unknown = req?.body;
    assert.ok(body && typeof body === 'object' && 'prompt' in body);
    assert.equal(body.prompt, '<file_sep>lib.py\ndef f(n):\n    return n\n<file_sep><fim_prefix>a.py\nx = f(<fim_suffix><fim_middle>');
  });

  it('counts context against the endpoint limit: the window shrinks for it, and context too big for half the room is left out', async () => {
    emu = await startTgiEmulator({ maxInputTokens: 300, maxTotalTokens: 400 });
    const p = new HuggingFaceProvider({ baseUrl: emu.url, timeouts, fimTemplate: 'auto' });
    const prefix = 'x = 1\n'.repeat(1000) + 'y = f(';
    const prompts: string[] = [];
    for (const text of ['def f(n):\n    return n', 'z = 0\n'.repeat(200)]) {
      emu.setReply({ text: '1)' });
      await collect(p.streamFim({ feature: 'inline', model: 'bigcode/starcoder2-15b', prefix, suffix: '', filePath: 'a.py', maxTokens: 32, snippets: [{ path: 'lib.py', text }] }, new AbortController().signal));
      const body: unknown = emu.requests.filter((r) => r.path === '/v1/completions').pop()?.body;
      prompts.push(body && typeof body === 'object' && 'prompt' in body ? String(body.prompt) : '');
    }
    assert.ok(prompts[0].startsWith('<file_sep>lib.py\ndef f(n):') && prompts[0].length <= (300 - 16) * 3 + 64, `${prompts[0].length}`);
    assert.ok(!prompts[1].includes('z = 0') && prompts[1].startsWith('<fim_prefix>'), prompts[1].slice(0, 80));
  });

  it('keeps the definitions already sent first and in the same order, so consecutive prompts share their start', async () => {
    const lib = ['export function alpha(a: number) {', '  return a;', '}', '', 'export function beta(b: string) {', '  return b;', '}'];
    const libDoc: ContextDoc = { key: 'file:///w/lib.ts', path: 'lib.ts', languageId: 'typescript', lineCount: lib.length, lineText: (l) => lib[l] ?? '' };
    const ide: ContextIde = {
      definitions: (_d, symbols) => Promise.resolve(symbols.filter((s) => s.name === 'alpha' || s.name === 'beta').map((s) => ({ key: libDoc.key, path: 'lib.ts', line: s.name === 'alpha' ? 0 : 4 }))),
      locate: () => undefined,
      read: () => Promise.resolve(libDoc),
      openDocuments: () => [],
      allowed: () => true,
    };
    const sent = new RecentChunks();
    const at = (text: string) => {
      const lines = text.split('\n');
      const doc: ContextDoc = { key: 'file:///w/main.ts', path: 'main.ts', languageId: 'typescript', lineCount: lines.length, lineText: (l) => lines[l] ?? '' };
      return { doc, line: lines.length - 1, character: lines[lines.length - 1].length, window: { prefix: text, suffix: '' }, budgetChars: 4000, recent: [], sent };
    };
    let clock = 1000;
    const first = await gatherContext(ide, at('const x = alpha('), { lspBudgetMs: 1000, time: () => clock });
    clock = 2000;
    const second = await gatherContext(ide, at('const x = alpha(1);\nconst y = beta('), { lspBudgetMs: 1000, time: () => clock });
    assert.deepEqual(first.snippets.map((s) => s.text.split('\n')[0]), ['export function alpha(a: number) {']);
    assert.deepEqual(second.snippets.map((s) => s.text.split('\n')[0]), ['export function alpha(a: number) {', 'export function beta(b: string) {']);
  });

  it('the status tooltip says how many files the last completion used', () => {
    const route = { ok: true, provider: 'openai', model: 'gpt-4.1-nano', why: 'tandem.provider is openai' } as const;
    const input = { chat: route, inline: route, privacy: { private: false, reason: '' }, problems: {}, busy: false, inlineEnabled: true };
    assert.match(statusView({ ...input, inlineContextFiles: 2 }).tooltip, /Last completion: context from 2 other files/);
    assert.match(statusView({ ...input, inlineContextFiles: 1 }).tooltip, /context from 1 other file(?!s)/);
    assert.ok(!statusView(input).tooltip.includes('Last completion'));
  });
});
