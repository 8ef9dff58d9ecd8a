import { estimateTokens } from '../llm/estimate';

/** The longest prefix of whole lines of `text` that fits `maxTokens` (by the one local estimate). */
export function fitLines(lines: readonly string[], maxTokens: number): string[] {
  const out: string[] = [];
  let used = 0;
  for (const line of lines) {
    const cost = estimateTokens(line + '\n');
    if (used + cost > maxTokens) break;
    out.push(line);
    used += cost;
  }
  return out;
}
