import { requestedProvider } from './router';
import type { EgressTracker } from '../egress/tracker';
import type { EngineChunk, EngineDeps, EngineRequest, StreamOptions } from './engineTypes';
import { Engine } from './engine';
import type { Feature } from '../config';
import { protectedStream } from './protectedStream';

/**
 * The engine every feature gets (`services.engine`): the same Engine, with each stream
 * wrapped once for all features (README, "Privacy guarantees"):
 * - secrets in a request that may reach OpenAI are replaced by placeholders, and the
 *   placeholders in the streamed answer are restored before the feature sees a chunk;
 * - the requests the stream sends are attributed in the egress log to its feature and file
 *   (`opts.filePath`, workspace-relative), with the redaction count, and get their outcome.
 * Exclusion stays the caller's check (it needs the editor); nothing here sends more.
 */
export class GuardedEngine extends Engine {
  private readonly config: EngineDeps['config'];
  private readonly note: EngineDeps['log'];

  constructor(deps: EngineDeps, private readonly tracker?: EgressTracker) {
    super(deps);
    this.config = deps.config;
    this.note = deps.log;
  }

  override stream(feature: Feature, request: EngineRequest, opts: StreamOptions): AsyncGenerator<EngineChunk> {
    return protectedStream(
      {
        request, feature, redact: mayReachOpenAI(feature, opts, this.config()),
        ...(opts.filePath ? { file: opts.filePath } : {}),
        ...(this.tracker ? { tracker: this.tracker } : {}),
        // Counts and kinds only: the values never reach a log.
        onRedacted: (n, kinds) => this.note?.('info', `${feature}: replaced ${n} secret${n === 1 ? '' : 's'} (${kinds.join(', ')}) with placeholders before sending.`),
      },
      (r) => super.stream(feature, r, opts),
    );
  }
}

/**
 * Decided from the settings, not from provider health, so a circuit closing between this
 * check and the request cannot let an unredacted prompt through: a private workspace never
 * reaches OpenAI, and a request for the private endpoint never falls back to the cloud.
 */
export function mayReachOpenAI(feature: Feature, opts: StreamOptions, config: ReturnType<EngineDeps['config']>): boolean {
  if (opts.privacy.private) return false;
  return requestedProvider(feature, config).provider === 'openai';
}
