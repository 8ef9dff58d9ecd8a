import type * as vscode from 'vscode';
import { chooseFimTemplate } from '../../core/fim/templates';
import type { ServerLimits } from '../../core/inline/windowBudget';
import type { EngineChunk, EngineRequest, StreamOptions } from '../../core/engine/engineTypes';
import type { Feature } from '../../core/config';
import type { Chunk } from '../../core/llm/types';
import type { PrivacyService } from '../services';
import type { InlineEngine } from './engine';

/** The part of the Engine inline completions use. */
export interface FimStreamer {
  stream(feature: Feature, request: EngineRequest, opts: InlineStreamOptions): AsyncIterable<EngineChunk>;
}

/**
 * `usageId`: the ledger id for the request's usage record, so that a later
 * `markAccepted(usageId)` finds it. The Engine must copy it into its usage event.
 */
export type InlineStreamOptions = StreamOptions & { usageId?: string };

export interface InlineEngineParts {
  engine: FimStreamer;
  privacy: PrivacyService;
  /** The usage ledger's acceptance mark (Ledger.markAccepted). */
  markAccepted(recordId: string, accepted: boolean): Promise<void> | void;
  /** The private endpoint's `/info` limits when the engine knows them. */
  serverLimits?(): ServerLimits | undefined;
  log?(message: string): void;
}

/** Builds the InlineEngine from the Engine, the privacy service and the ledger. */
export function inlineEngineFrom(parts: InlineEngineParts): InlineEngine {
  return {
    async *streamFim(req, signal, meta: { recordId: string; uri: vscode.Uri }): AsyncIterable<Chunk> {
      const request: EngineRequest = {
        kind: 'fim',
        prefix: req.prefix,
        suffix: req.suffix,
        maxTokens: req.maxTokens,
        ...(req.filePath !== undefined ? { filePath: req.filePath } : {}),
        ...(req.languageId !== undefined ? { languageId: req.languageId } : {}),
        ...(req.snippets?.length ? { snippets: req.snippets } : {}),
      };
      const opts: InlineStreamOptions = { privacy: parts.privacy.decisionFor(meta.uri), recheck: () => parts.privacy.recheck(meta.uri), signal, usageId: meta.recordId, ...(req.filePath !== undefined ? { filePath: req.filePath } : {}) };
      for await (const c of parts.engine.stream('inline', request, opts)) {
        if (c.type === 'text') yield c;
        else yield { type: 'done', usage: c.usage, finishReason: c.finishReason, model: c.model };
      }
    },
    markAccepted(recordId, accepted) {
      Promise.resolve(parts.markAccepted(recordId, accepted)).catch((e: unknown) => parts.log?.(`Could not mark completion ${recordId}: ${e instanceof Error ? e.message : String(e)}`));
    },
    fimTokens: (config) => chooseFimTemplate(config.huggingface.fimTemplate, config.huggingface.model).template,
    serverLimits: () => parts.serverLimits?.(),
  };
}
