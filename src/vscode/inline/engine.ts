import type { ProviderId, TandemConfig } from '../../core/config';
import type { ServerLimits } from '../../core/inline/budget';
import type { TokenSet } from '../../core/inline/postprocess';
import type { Chunk, FimRequest } from '../../core/llm/types';

/**
 * What inline completions need from the engine (providers + usage ledger), kept to
 * the few calls this feature makes so the engine can change behind it.
 */
export interface InlineEngine {
  /**
   * Streams a completion from `provider` (already chosen by the router) and writes its
   * usage record with `recordId` as the ledger id, whatever the outcome.
   */
  streamFim(provider: ProviderId, req: FimRequest, signal: AbortSignal, recordId: string): AsyncIterable<Chunk>;
  /** Marks a record: false once its completion was shown, true once it was accepted. */
  markAccepted(recordId: string, accepted: boolean): void;
  /** Stop and special tokens of the private model's FIM template (from tandem.huggingface.fimTemplate / the model id). */
  fimTokens(config: TandemConfig): TokenSet;
  /** The private endpoint's limits (TGI `/info`) once known; undefined until probed or for servers without `/info`. */
  serverLimits(): ServerLimits | undefined;
}
