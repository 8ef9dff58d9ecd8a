/**
 * The part of another open file most like the code at the cursor (Copilot's
 * neighbouring-tabs idea): a sliding window of lines scored by the Jaccard similarity
 * of their identifiers with the lines around the cursor. Bounded: at most `maxLines`
 * lines of the other file are read.
 */
export function tokenSet(text: string): Set<string> {
  const s = new Set<string>();
  for (const m of text.matchAll(/[A-Za-z_$][\w$]{2,}/g)) s.add(m[0]);
  return s;
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (!a.size || !b.size) return 0;
  let both = 0;
  for (const t of a) if (b.has(t)) both++;
  return both / (a.size + b.size - both);
}

export function mostSimilarWindow(
  lineCount: number,
  lineText: (line: number) => string,
  query: ReadonlySet<string>,
  windowLines = 16,
  maxLines = 1500,
): { start: number; end: number; score: number } | undefined {
  const n = Math.min(lineCount, maxLines);
  if (n === 0 || query.size === 0) return undefined;
  const perLine: Set<string>[] = [];
  for (let l = 0; l < n; l++) perLine.push(tokenSet(lineText(l)));
  const step = Math.max(1, Math.floor(windowLines / 2));
  let best: { start: number; end: number; score: number } | undefined;
  for (let start = 0; start < n; start += step) {
    const end = Math.min(n - 1, start + windowLines - 1);
    const set = new Set<string>();
    for (let l = start; l <= end; l++) for (const t of perLine[l]) set.add(t);
    const score = jaccard(set, query);
    if (!best || score > best.score) best = { start, end, score };
    if (end === n - 1) break;
  }
  return best && best.score > 0 ? best : undefined;
}
