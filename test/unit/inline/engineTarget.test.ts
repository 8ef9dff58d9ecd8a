import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../../../src/core/config';
import type { FimTemplateSetting, TandemConfig } from '../../../src/core/config';
import { InlineCompleter } from '../../../src/core/inline/completer';
import { linesOf } from '../../../src/core/inline/window';
import { Engine } from '../../../src/core/engine/engine';
import type { EngineChunk, EngineRequest, StreamOptions, UsageEvent } from '../../../src/core/engine/engineTypes';
import type { RouteDecision } from '../../../src/core/engine/router';
import type { Emulator } from '../../servers/common';
import { startTgiEmulator } from '../../servers/tgi';
import { engineTarget } from './engineTarget';

const ROUTED: Extract<RouteDecision, { ok: true }> = { ok: true, provider: 'huggingface', model: 'm', why: 'test' };

describe('inline completions on the engine', () => {
  it('sends the completer\'s request once, on the decision it was sized for, with the ledger id; the route event is not a byte of the answer', async () => {
    const seen: { feature: string; request: EngineRequest; opts: StreamOptions }[] = [];
    let routed = 0;
    const fake = {
      route: () => {
        routed++;
        return ROUTED;
      },
      async *stream(feature: 'inline', request: EngineRequest, opts: StreamOptions): AsyncGenerator<EngineChunk> {
        seen.push({ feature, request, opts });
        yield { type: 'route', decision: opts.route ?? ROUTED };
        yield { type: 'text', text: 'a + b' };
        yield { type: 'done', provider: 'huggingface', model: 'm', usage: { inputTokens: 3, cachedInputTokens: 0, outputTokens: 2, estimated: false }, finishReason: 'stop', why: 'test' };
      },
    };
    const completer = new InlineCompleter({ debounceMs: () => 0, maxTokens: () => 8, newRequestId: () => 'inline-1' });
    const out = await completer.complete({ documentId: 'd', doc: linesOf('x = \n'), position: { line: 0, character: 4 }, explicit: true }, engineTarget(fake, DEFAULT_CONFIG));
    assert.ok(out.kind === 'completion');
    assert.equal(out.text, 'a + b');
    assert.equal(routed, 1, 'routed once');
    assert.equal(seen.length, 1);
    assert.equal(seen[0].feature, 'inline');
    assert.equal(seen[0].request.kind, 'fim');
    assert.equal(seen[0].opts.route, ROUTED, 'the decision travels with the request');
    assert.equal(seen[0].opts.usageId, 'inline-1');
    assert.equal(seen[0].opts.privacy.private, false);
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
      tgi.setReply({ text: reply });
      const completer = new InlineCompleter({ debounceMs: () => 0, maxTokens: () => 32 });
      const from = tgi.requests.length;
      const out = await completer.complete({ documentId: 'd', doc: linesOf('def add(a, b):\n    return \n'), position: { line: 1, character: 11 }, explicit: true }, engineTarget(engine, config));
      const sent = tgi.requests.slice(from).filter((r) => r.path === '/v1/completions');
      const body = sent[0]?.body;
      const prompt = body && typeof body === 'object' && 'prompt' in body && typeof body.prompt === 'string' ? body.prompt : undefined;
      return { out, prompt, usage };
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
