import type { TandemConfig } from '../../../src/core/config';
import type { Engine } from '../../../src/core/engine/engine';
import { chooseFimTemplate } from '../../../src/core/fim/templates';
import type { InlineTarget } from '../../../src/core/inline/completerTypes';
import type { ServerLimits } from '../../../src/core/inline/windowBudget';
import { promptTokenBudget } from '../../../src/core/inline/windowBudget';
import type { PrivacyDecision } from '../../../src/core/privacy/workspacePrivacy';

export const PUBLIC: PrivacyDecision = { private: false, reason: 'test' };

/**
 * What the editor's provider builds for a completion (src/vscode/inline/provider.ts,
 * `target()`), in plain Node: routed once, the window sized for that route, the private
 * model's FIM tokens, and a stream straight into `Engine.stream('inline')` on that decision.
 * `onCall` sees each request as it leaves the completer (the benchmark times it).
 */
export function engineTarget(
  engine: Pick<Engine, 'route' | 'stream'>, config: TandemConfig,
  opts: { privacy?: PrivacyDecision; limits?: ServerLimits; filePath?: string; onCall?(requestId: string): void } = {},
): InlineTarget {
  const privacy = opts.privacy ?? PUBLIC;
  const decision = engine.route('inline', privacy);
  if (!decision.ok) throw new Error(`not routed: ${decision.why}`);
  const hf = decision.provider === 'huggingface';
  return {
    providerId: decision.provider,
    model: decision.model,
    promptTokens: promptTokenBudget(decision.provider, decision.model, config.inline.maxTokens, hf ? opts.limits : undefined),
    ...(hf ? { tokens: chooseFimTemplate(config.huggingface.fimTemplate, config.huggingface.model).template } : {}),
    stream: (req, signal, requestId) => {
      opts.onCall?.(requestId);
      return engine.stream('inline', req, { route: decision, privacy, signal, usageId: requestId, ...(opts.filePath ? { filePath: opts.filePath } : {}) });
    },
  };
}
