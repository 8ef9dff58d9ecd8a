import type { ProviderId } from '../../core/config';
import type { FinishReason, Usage } from '../../core/llm/types';
import type { ChatPort, ChatPortRequest } from './chatPort';

export interface ChatResult {
  text: string;
  /** undefined: the stream ended without the model's done chunk (cut). */
  finishReason: FinishReason | undefined;
  provider: ProviderId;
  model: string;
  usage?: Usage;
  costUsd?: number;
  latencyMs: number;
  /** The secrets restored into `text` (never to become part of a link in the panel). */
  restored: string[];
}

/**
 * Drains one chat stream, reporting the text so far as it grows. Aborting
 * mid-stream may end the iteration silently (openai-node), so the signal is
 * checked after the loop: a stopped request is `cancelled`, never "complete".
 */
export async function runChat(
  port: ChatPort,
  req: ChatPortRequest,
  signal: AbortSignal,
  onServing: (provider: ProviderId, model: string) => void,
  onText: (full: string, restored: string[]) => void,
): Promise<ChatResult> {
  const started = Date.now();
  let text = '';
  let restored: string[] = [];
  let provider = req.route.provider;
  let model = req.route.model;
  for await (const ev of port.stream(req, signal)) {
    if (ev.type === 'serving') {
      provider = ev.provider;
      model = ev.model;
      onServing(provider, model);
    } else if (ev.type === 'text') {
      text += ev.text;
      if (ev.restored) restored = [...ev.restored];
      onText(text, restored);
    } else {
      return {
        text,
        finishReason: signal.aborted ? 'cancelled' : ev.finishReason,
        provider: ev.provider ?? provider,
        model: ev.model || model,
        usage: ev.usage,
        costUsd: ev.costUsd,
        latencyMs: Date.now() - started,
        restored,
      };
    }
  }
  return { text, finishReason: signal.aborted ? 'cancelled' : undefined, provider, model, latencyMs: Date.now() - started, restored };
}
