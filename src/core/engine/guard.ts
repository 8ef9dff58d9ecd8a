import type { Feature } from '../config';
import type { EgressTracker } from '../egress/tracker';
import type { EngineChunk, EngineDeps, EngineRequest, StreamOptions } from './engineTypes';
import { protectedStream } from './protectedStream';
import { requestedProvider } from './router';
import { PROVIDERS } from '../providers';

/**
 * The privacy step of every engine stream, for all features at once (README, "Privacy
 * guarantees"):
 * - secrets in a request that may reach OpenAI are replaced by placeholders, and the
 *   placeholders in the streamed answer are restored before the feature sees a chunk;
 * - the requests the stream sends are attributed in the egress log to its feature and file
 *   (`opts.filePath`, workspace-relative), with the redaction count, and get their outcome.
 * Exclusion stays the caller's check (it needs the editor); nothing here sends more.
 */
export function guardedStream(
  feature: Feature, request: EngineRequest, opts: StreamOptions,
  parts: { config: EngineDeps['config']; tracker?: EgressTracker; log?: EngineDeps['log'] },
  send: (request: EngineRequest) => AsyncGenerator<EngineChunk>,
): AsyncGenerator<EngineChunk> {
  return protectedStream(
    {
      request, feature, redact: mayReachOpenAI(feature, opts, parts.config()),
      ...(opts.filePath ? { file: opts.filePath } : {}),
      ...(parts.tracker ? { tracker: parts.tracker } : {}),
      // Counts and kinds only: the values never reach a log.
      onRedacted: (n, kinds) => parts.log?.('info', `${feature}: replaced ${n} secret${n === 1 ? '' : 's'} (${kinds.join(', ')}) with placeholders before sending.`),
    },
    send,
  );
}

/**
 * Decided from the settings, not from provider health, so a circuit closing between this
 * check and the request cannot let an unredacted prompt through: a private workspace never
 * reaches OpenAI, and a request for the private endpoint never falls back to the cloud.
 */
export function mayReachOpenAI(feature: Feature, opts: StreamOptions, config: ReturnType<EngineDeps['config']>): boolean {
  if (opts.privacy.private) return false;
  return PROVIDERS[requestedProvider(feature, config).provider].cloud;
}
