import { performance } from 'node:perf_hooks';
import type * as vscode from 'vscode';
import { DEFAULT_CONFIG } from '../../src/core/config';
import type { TandemConfig } from '../../src/core/config';
import { inlineBackend } from '../../src/core/inline/backend';
import type { InlineBackend } from '../../src/core/inline/completerTypes';
import { Engine } from '../../src/core/engine/engine';
import { inlineEngineFrom } from '../../src/vscode/inline/engineAdapter';
import type { PrivacyService } from '../../src/vscode/services';
import type { Emulator } from '../../test/servers/common';
import { startTgiEmulator } from '../../test/servers/tgi';

/**
 * The real completion pipeline as the extension runs it, minus the editor: the
 * completer's backend → the inline engine adapter → Engine (routing, circuit, usage
 * events) → HuggingFaceProvider (@huggingface/inference, FIM template, /info, special
 * token filter) → Node's fetch → the loopback TGI emulator of test/servers.
 */
export const MODEL = 'bigcode/starcoder2-3b';
const LIMITS = { maxInputTokens: 4095, maxTotalTokens: 4096 };

export interface Pipeline {
  emulator: Emulator;
  backend(onCall: (id: string, at: number) => void): InlineBackend;
  setModel(answer: (prompt: string) => string): void;
  setLatency(ms: number): void;
  close(): Promise<void>;
}

export async function startPipeline(): Promise<Pipeline> {
  const emulator = await startTgiEmulator({ modelId: MODEL, ...LIMITS });
  const config: TandemConfig = {
    ...DEFAULT_CONFIG,
    provider: 'huggingface',
    huggingface: { endpointUrl: emulator.url, model: MODEL, fimTemplate: 'auto', hourlyCostUsd: 0 },
  };
  const engine = new Engine({ config: () => config, getKey: async () => undefined, onUsage: () => undefined });
  const privacy = { decisionFor: () => ({ private: false, reason: 'bench' }), excluded: () => undefined, strictest: () => ({ private: false, reason: 'test' }), recheck: () => ({ privacy: { private: false, reason: 'bench' } }) } as PrivacyService;
  const inline = inlineEngineFrom({ engine, privacy, markAccepted: () => undefined, serverLimits: () => LIMITS });
  const uri = { toString: () => 'file:///bench' } as vscode.Uri;
  let answer: (prompt: string) => string = () => 'x';
  let latency = 0;
  const apply = () => emulator.setReply({
    text: (rec) => answer(rec.body && typeof rec.body === 'object' && 'prompt' in rec.body && typeof rec.body.prompt === 'string' ? rec.body.prompt : ''),
    firstTokenMs: latency,
  });
  apply();
  return {
    emulator,
    backend: (onCall) => inlineBackend({
      providerId: 'huggingface',
      model: MODEL,
      config,
      tokens: inline.fimTokens(config),
      limits: LIMITS,
      stream: (req, signal, id) => {
        onCall(id, performance.now());
        return inline.streamFim(req, signal, { recordId: id, uri });
      },
    }),
    setModel: (m) => {
      answer = m;
      apply();
    },
    setLatency: (ms) => {
      latency = ms;
      apply();
    },
    close: () => emulator.close(),
  };
}
