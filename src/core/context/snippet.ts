/**
 * Code from other files of the project offered to an inline completion as context.
 * Plain data: the VS Code adapter gathers candidates, the pure modules here rank,
 * deduplicate and fit them to the prompt budget.
 */

/** Where a candidate came from, in the order of how much it usually helps. */
export type ContextSource = 'definition' | 'edit' | 'import' | 'visit' | 'openEditor';

export interface ContextCandidate {
  /** Workspace-relative path (what the model and the egress log see). */
  path: string;
  text: string;
  source: ContextSource;
  /** First line of `text` in its file (identity of a chunk, for dedup and stable order). */
  startLine: number;
  /** When the chunk was last touched (ms); definitions and imports: when they were read. */
  at: number;
  /** The file's identity (document URI), when the gatherer knows it. */
  key?: string;
  /** Similarity to the code at the cursor (0..1), when the gatherer measured it. */
  similarity?: number;
}

/** What goes into the request (`FimRequest.snippets`). */
export interface ContextSnippet {
  path: string;
  text: string;
}

/** Non-empty lines with their indentation removed: the unit of "the same code". */
export function codeLines(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (t) out.push(t);
  }
  return out;
}

/** Share of the shorter chunk's lines that the longer one also has (1 = one contains the other). */
export function lineOverlap(a: readonly string[], b: readonly string[]): number {
  if (!a.length || !b.length) return 0;
  const [small, big] = a.length <= b.length ? [a, b] : [b, a];
  const set = new Set(big);
  let same = 0;
  for (const l of small) if (set.has(l)) same++;
  return same / small.length;
}
