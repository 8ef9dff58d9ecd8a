import { randomUUID } from 'node:crypto';
import type { ProviderId } from '../../core/config';
import { isProviderError } from '../../core/llm/errors';
import { bothFailed, cloudCause, firstFailureOf, routedCause } from '../../core/engine/fallback';
import type { EngineChunk } from '../../core/engine/engineTypes';
import type { RouteDecision } from '../../core/engine/router';
import type { Services } from '../services';
import type { ChatEvent, ChatPort, ChatPortRequest } from './chatPort';
import { promptPath } from '../privacy/promptPath';

/** The priced record of a finished request, by the id the engine stamped on it. */
export type CostOf = (usageId: string) => number | undefined;

/**
 * Explain and refactor's ChatPort on the shared engine: routing, privacy, redaction,
 * retries, fallback and the usage record all happen there; this only translates chunks
 * and tells the panel who serves (again when a fallback takes over).
 */
export function engineChatPort(services: Services, costOf: CostOf): ChatPort {
  return {
    async *stream(req: ChatPortRequest, signal: AbortSignal): AsyncIterable<ChatEvent> {
      const routed = services.route(req.feature, req.uri);
      if (routed.ok) yield { type: 'serving', provider: routed.provider, model: routed.model };
      const usageId = randomUUID();
      const filePath = promptPath(req.uri);
      const stream = services.engine.stream(
        req.feature,
        { kind: 'chat', messages: req.messages, ...(req.maxTokens !== undefined ? { maxTokens: req.maxTokens } : {}) },
        { privacy: services.privacy.decisionFor(req.uri), recheck: () => services.privacy.recheck(req.uri), filePath, signal, usageId },
      );
      try {
        yield* translate(stream, routed.ok ? routed.provider : undefined, () => costOf(usageId));
      } catch (e) {
        throw namingBothCauses(e, routed);
      }
    },
  };
}

async function* translate(stream: AsyncIterable<EngineChunk>, routedTo: ProviderId | undefined, cost: () => number | undefined): AsyncGenerator<ChatEvent> {
  let servedBy = routedTo;
  for await (const c of stream) {
    if (c.type === 'text') {
      yield c;
      continue;
    }
    if (c.provider !== servedBy) {
      servedBy = c.provider;
      yield { type: 'serving', provider: c.provider, model: c.model };
    }
    const costUsd = cost();
    yield { type: 'done', usage: c.usage, finishReason: c.finishReason, model: c.model, provider: c.provider, ...(costUsd !== undefined ? { costUsd } : {}) };
  }
}

/** A failed fallback names both causes: the endpoint's error alone hides why OpenAI was not used. */
function namingBothCauses(e: unknown, routed: RouteDecision): unknown {
  if (!isProviderError(e) || e.provider !== 'huggingface') return e;
  const first = firstFailureOf(e);
  if (first) return bothFailed(cloudCause(first), e);
  if (routed.ok && routed.fallbackFrom === 'openai') return bothFailed(routedCause(routed.why), e);
  return e;
}
