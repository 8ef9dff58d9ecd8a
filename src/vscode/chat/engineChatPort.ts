import { randomUUID } from 'node:crypto';
import { isProviderError } from '../../core/llm/errors';
import { bothFailed, cloudCause, firstFailureOf, routedCause } from '../../core/engine/fallback';
import type { EngineChunk, RoutedDecision } from '../../core/engine/engineTypes';
import type { Services } from '../services';
import type { ChatEvent, ChatPort, ChatPortRequest } from './chatPort';
import { promptPath } from '../privacy/promptPath';

/** The priced record of a finished request, by the id the engine stamped on it. */
export type CostOf = (usageId: string) => number | undefined;

/**
 * Explain and refactor's ChatPort on the shared engine: privacy, redaction, retries,
 * fallback and the usage record all happen there, on the route the feature sized its
 * prompt for; this only translates chunks and tells the panel who serves (the engine's
 * route events: the first, and another when a fallback takes over).
 */
export function engineChatPort(services: Services, costOf: CostOf): ChatPort {
  return {
    async *stream(req: ChatPortRequest, signal: AbortSignal): AsyncIterable<ChatEvent> {
      const usageId = randomUUID();
      const stream = services.engine.stream(
        req.feature,
        { kind: 'chat', messages: req.messages, ...(req.maxTokens !== undefined ? { maxTokens: req.maxTokens } : {}) },
        { privacy: services.privacy.decisionFor(req.uri), recheck: () => services.privacy.recheck(req.uri), filePath: promptPath(req.uri), signal, usageId, route: req.route },
      );
      try {
        yield* translate(stream, () => costOf(usageId));
      } catch (e) {
        throw namingBothCauses(e, req.route);
      }
    },
  };
}

async function* translate(stream: AsyncIterable<EngineChunk>, cost: () => number | undefined): AsyncGenerator<ChatEvent> {
  for await (const c of stream) {
    if (c.type === 'route') {
      yield { type: 'serving', provider: c.decision.provider, model: c.decision.model };
    } else if (c.type === 'text') {
      yield c;
    } else {
      const costUsd = cost();
      yield { type: 'done', usage: c.usage, finishReason: c.finishReason, model: c.model, provider: c.provider, ...(costUsd !== undefined ? { costUsd } : {}) };
    }
  }
}

/** A failed fallback names both causes: the endpoint's error alone hides why OpenAI was not used. */
function namingBothCauses(e: unknown, routed: RoutedDecision): unknown {
  if (!isProviderError(e) || e.provider !== 'huggingface') return e;
  const first = firstFailureOf(e);
  if (first) return bothFailed(cloudCause(first), e);
  if (routed.fallbackFrom === 'openai') return bothFailed(routedCause(routed.why), e);
  return e;
}
