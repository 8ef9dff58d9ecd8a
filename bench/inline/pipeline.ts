import { performance } from 'node:perf_hooks';
import { DEFAULT_CONFIG } from '../../src/core/config';
import type { TandemConfig } from '../../src/core/config';
import type { InlineTarget } from '../../src/core/inline/completerTypes';
import { Engine } from '../../src/core/engine/engine';
import type { Emulator } from '../../test/servers/common';
import { startTgiEmulator } from '../../test/servers/tgi';
import { engineTarget } from '../../test/unit/inline/engineTarget';

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
  backend(onCall: (id: string, at: number) => void): InlineTarget;
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
  let answer: (prompt: string) => string = () => 'x';
  let latency = 0;
  const apply = () => emulator.setReply({
    text: (rec) => answer(rec.body && typeof rec.body === 'object' && 'prompt' in rec.body && typeof rec.body.prompt === 'string' ? rec.body.prompt : ''),
    firstTokenMs: latency,
  });
  apply();
  return {
    emulator,
    backend: (onCall) => engineTarget(engine, config, { limits: LIMITS, onCall: (id) => onCall(id, performance.now()) }),
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
