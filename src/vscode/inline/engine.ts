import type * as vscode from 'vscode';
import type { TandemConfig } from '../../core/config';
import type { ServerLimits } from '../../core/inline/windowBudget';
import type { TokenSet } from '../../core/inline/postprocess';
import type { Chunk, FimRequest } from '../../core/llm/types';

/**
 * What inline completions need from the engine (providers + usage ledger), kept to
 * the few calls this feature makes. `engineAdapter.ts` builds it from the real Engine.
 */
export interface InlineEngine {
  /**
   * Streams a completion for the file at `uri` on the provider the router picks, and
   * writes the request's usage record with `recordId` as its ledger id (any outcome).
   */
  streamFim(req: FimRequest, signal: AbortSignal, meta: { recordId: string; uri: vscode.Uri }): AsyncIterable<Chunk>;
  /** Marks a record: false once its completion was shown, true once it was accepted. */
  markAccepted(recordId: string, accepted: boolean): void;
  /** Stop and special tokens of the private model's FIM template (tandem.huggingface.fimTemplate / the model id). */
  fimTokens(config: TandemConfig): TokenSet;
  /** The private endpoint's limits (TGI `/info`) once known; undefined when not (yet) known. */
  serverLimits(): ServerLimits | undefined;
}
