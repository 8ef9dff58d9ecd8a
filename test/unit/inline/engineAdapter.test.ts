import assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { DEFAULT_CONFIG } from '../../../src/core/config';
import type { FimTemplateSetting, TandemConfig } from '../../../src/core/config';
import { inlineBackend } from '../../../src/core/inline/backend';
import { InlineCompleter } from '../../../src/core/inline/completer';
import { linesOf } from '../../../src/core/inline/window';
import { Engine } from '../../../src/core/engine/engine';
import type { UsageEvent } from '../../../src/core/engine/engineTypes';
import type { FimStreamer, InlineStreamOptions } from '../../../src/vscode/inline/engineAdapter';
import { inlineEngineFrom } from '../../../src/vscode/inline/engineAdapter';
import type { PrivacyService } from '../../../src/vscode/services';
import type { Emulator } from '../../servers/common';
import { startTgiEmulator } from '../../servers/tgi';

const uri = { toString: () => 'file:///w/a.ts' } as vscode.Uri;
const publicFolder = { decisionFor: () => ({ private: false, reason: 'test' }), excluded: () => undefined, strictest: () => ({ private: false, reason: 'test' }), recheck: () => ({ privacy: { private: false, reason: 'test' } }) } as PrivacyService;

// The real Engine must fit the adapter's view of it (a compile-time check).
const _fits: (e: Engine) => FimStreamer = (e) => e;
void _fits;

describe('inline engine adapter', () => {
  it('asks the engine for an inline FIM stream with the ledger id and the file\'s privacy, and maps the chunks', async () => {
    const seen: { feature: string; opts: InlineStreamOptions; kind: string }[] = [];
    const fake: FimStreamer = {
      async *stream(feature, request, opts) {
        seen.push({ feature, opts, kind: request.kind });
        yield { type: 'text', text: 'a + b' };
        yield { type: 'done', provider: 'huggingface', model: 'm', usage: { inputTokens: 3, cachedInputTokens: 0, outputTokens: 2, estimated: false }, finishReason: 'stop', why: 'test' };
      },
    };
    const marks: [string, boolean][] = [];
    const eng = inlineEngineFrom({ engine: fake, privacy: publicFolder, markAccepted: (id, a) => void marks.push([id, a]) });
    const out = [];
    for await (const c of eng.streamFim({ feature: 'inline', model: 'm', prefix: 'p', suffix: 's', maxTokens: 8 }, new AbortController().signal, { recordId: 'inline-1', uri })) out.push(c);
    assert.deepEqual(out.map((c) => c.type), ['text', 'done']);
    assert.equal(seen[0].feature, 'inline');
    assert.equal(seen[0].kind, 'fim');
    assert.equal(seen[0].opts.usageId, 'inline-1');
    assert.equal(seen[0].opts.privacy.private, false);
    eng.markAccepted('inline-1', true);
    assert.deepEqual(marks, [['inline-1', true]]);
  });

  describe('against the TGI emulator through the real Engine', () => {
    let tgi: Emulator;
    before(async () => {
      tgi = await startTgiEmulator({ modelId: 'x' });
    });
    after(() => tgi.close());

    async function completeWith(model: string, fimTemplate: FimTemplateSetting, reply: string) {
      const config: TandemConfig = { ...DEFAULT_CONFIG, provider: 'huggingface', huggingface: { endpointUrl: tgi.url, model, fimTemplate, hourlyCostUsd: 0 } };
      const usage: UsageEvent[] = [];
      const engine = new Engine({ config: () => config, getKey: async () => undefined, onUsage: (e) => usage.push(e) });
      const eng = inlineEngineFrom({ engine, privacy: publicFolder, markAccepted: () => undefined });
      tgi.setReply({ text: reply });
      const completer = new InlineCompleter({ debounceMs: () => 0, maxTokens: () => 32 });
      const backend = inlineBackend({ providerId: 'huggingface', model, config, tokens: eng.fimTokens(config), stream: (req, signal, id) => eng.streamFim(req, signal, { recordId: id, uri }) });
      const from = tgi.requests.length;
      const out = await completer.complete({ documentId: 'd', doc: linesOf('def add(a, b):\n    return \n'), position: { line: 1, character: 11 }, explicit: true }, backend);
      const sent = tgi.requests.slice(from).filter((r) => r.path === '/v1/completions');
      const body = sent[0]?.body as { prompt?: string };
      return { out, prompt: body?.prompt, usage };
    }

    const pre = 'def add(a, b):\n    return ';
    const suf = '\n';
    for (const [model, template, prompt] of [
      ['bigcode/starcoder2-15b', 'auto', `<fim_prefix>${pre}<fim_suffix>${suf}<fim_middle>`],
      ['Qwen/Qwen2.5-Coder-7B', 'auto', `<|fim_prefix|>${pre}<|fim_suffix|>${suf}<|fim_middle|>`],
      ['mistralai/Codestral-22B-v0.1', 'codestral', `[SUFFIX]${suf}[PREFIX]${pre}`],
    ] as const) {
      it(`sends the ${template === 'auto' ? model : template} FIM prompt byte for byte and shows the cleaned answer`, async () => {
        const { out, prompt: sent } = await completeWith(model, template, 'a + b\n\ndef sub(a, b):');
        assert.equal(sent, prompt);
        assert.ok(out.kind === 'completion');
        assert.equal(out.text, 'a + b');
      });
    }
  });
});
