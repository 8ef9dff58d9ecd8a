/**
 * A cheap, conservative token estimate for prompt budgeting only (the server's
 * usage is the truth). Code averages 3–4 characters per token; dividing by 3
 * overestimates, so a prompt that fits here fits the model.
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 3);
}

/** The longest prefix of whole lines of `text` that fits `maxTokens`. */
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
