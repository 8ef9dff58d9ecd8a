import { isNumber, isRecord, isString } from '../config';
import type { Piece } from './base';

/**
 * One streamed event of textGenerationStream. Typed as TGI token events by the package, it
 * is an OpenAI completion chunk from /v1/completions in 4.13.17+; older TGI-style events
 * (`token.text`, `details.finish_reason`) are read too.
 */
export function fimPiece(raw: unknown): Piece {
  const piece: Piece = {};
  if (!isRecord(raw)) return piece;
  const choices = raw.choices;
  if (Array.isArray(choices) && isRecord(choices[0])) {
    const c = choices[0];
    if (isString(c.text) && c.text) piece.text = c.text;
    // TGI sends finish_reason "" on intermediate chunks.
    if (isString(c.finish_reason) && c.finish_reason) piece.finishReason = c.finish_reason;
  } else if (isRecord(raw.token) && isString(raw.token.text) && raw.token.special !== true) {
    piece.text = raw.token.text;
    if (isRecord(raw.details) && isString(raw.details.finish_reason)) piece.finishReason = raw.details.finish_reason;
  }
  const usage = usageOf(raw.usage);
  if (usage) piece.usage = usage;
  return piece;
}

/** OpenAI-style usage (`prompt_tokens` includes the cached `prompt_tokens_details.cached_tokens`). */
export function usageOf(u: unknown): Piece['usage'] {
  if (!isRecord(u) || !isNumber(u.prompt_tokens) || !isNumber(u.completion_tokens)) return undefined;
  const details = u.prompt_tokens_details;
  const cached = isRecord(details) && isNumber(details.cached_tokens) ? details.cached_tokens : undefined;
  return { inputTokens: u.prompt_tokens, outputTokens: u.completion_tokens, ...(cached !== undefined ? { cachedInputTokens: cached } : {}) };
}
