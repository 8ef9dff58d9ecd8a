/**
 * A local token estimate for when the server reported no counts (an interrupted stream,
 * a server without usage). About four characters per token for code and English; the
 * record is flagged `estimated` so nobody mistakes it for the server's count.
 */
export function estimateTokens(text: string): number {
  return text ? Math.max(1, Math.ceil(text.length / 4)) : 0;
}
