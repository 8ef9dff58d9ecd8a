import type { ContextCandidate, ContextSnippet, ContextSource } from './snippet';
import { codeLines, lineOverlap } from './snippet';

/**
 * Picks the context of one completion from the gathered candidates: drops what the
 * file window already shows, ranks the rest (definitions first, then recent edits,
 * imports, visited files, other open editors; similarity and recency break ties),
 * removes near-duplicates, fits the result to the budget, and orders it for the
 * server's prompt cache: the least changing blocks first, the most recent edit last,
 * so consecutive requests share a long common prefix.
 */
export interface SelectOptions {
  /** Characters the rendered context may take (context tokens × chars per token). */
  budgetChars: number;
  /** The file window being sent: context that repeats it is dropped. */
  window: { prefix: string; suffix: string };
  /** At most this many snippets (each costs a header and the model's attention). */
  maxSnippets?: number;
  /** A longer candidate is cut (at a line end) to this many characters. */
  maxSnippetChars?: number;
}

export interface Selection {
  snippets: ContextSnippet[];
  /** The candidates used, in prompt order (for the status line and the benchmark). */
  used: ContextCandidate[];
}

// An import hit is a definition found by name in an imported file: nearly as good as the language server's.
const WEIGHT: Record<ContextSource, number> = { definition: 1, import: 0.95, edit: 0.8, visit: 0.5, openEditor: 0.4 };
/**
 * Prompt order: what changes least while you type first. Definitions stay (the gatherer
 * keeps the ones already sent, oldest first); a visit or an edit elsewhere does not change
 * while you type here; the open editor's most similar part moves with the cursor.
 */
const STABILITY: Record<ContextSource, number> = { definition: 0, import: 0, visit: 1, edit: 2, openEditor: 3 };
/** The same code, for dedup against the window and between candidates. */
const SAME = 0.8;

/** Header, path and comment markers a prompt format adds around a snippet, generously. */
export function renderedCost(path: string, text: string): number {
  return text.length + path.length + 32 + 4 * (text.split('\n').length);
}

export function selectContext(candidates: readonly ContextCandidate[], opts: SelectOptions): Selection {
  const maxSnippets = opts.maxSnippets ?? 6;
  const maxChars = opts.maxSnippetChars ?? 1800;
  if (opts.budgetChars <= 0 || !candidates.length) return { snippets: [], used: [] };
  const windowLines = codeLines(`${opts.window.prefix}\n${opts.window.suffix}`);
  const newest = Math.max(...candidates.map((c) => c.at));
  const oldest = Math.min(...candidates.map((c) => c.at));
  const span = Math.max(1, newest - oldest);
  const scored = candidates
    .map((c) => ({ c: { ...c, text: cut(c.text, maxChars) }, score: WEIGHT[c.source] + 0.3 * (c.similarity ?? 0) + 0.2 * ((c.at - oldest) / span) }))
    .filter((s) => s.c.text.trim() !== '')
    .sort((a, b) => b.score - a.score || a.c.path.localeCompare(b.c.path) || a.c.startLine - b.c.startLine);

  const chosen: { c: ContextCandidate; lines: string[] }[] = [];
  let left = opts.budgetChars;
  for (const { c } of scored) {
    if (chosen.length >= maxSnippets) break;
    const lines = codeLines(c.text);
    if (lineOverlap(lines, windowLines) >= SAME && lines.length <= windowLines.length) continue;
    if (chosen.some((k) => lineOverlap(k.lines, lines) >= SAME)) continue;
    const cost = renderedCost(c.path, c.text);
    if (cost > left) continue;
    left -= cost;
    chosen.push({ c, lines });
  }
  const used = chosen.map((k) => k.c).sort(promptOrder);
  return { snippets: used.map((c) => ({ path: c.path, text: c.text })), used };
}

function promptOrder(a: ContextCandidate, b: ContextCandidate): number {
  return STABILITY[a.source] - STABILITY[b.source] || a.at - b.at || a.path.localeCompare(b.path) || a.startLine - b.startLine;
}

/** At most `max` characters, ending at a line end when there is one. */
function cut(text: string, max: number): string {
  const t = text.replace(/\s+$/, '');
  if (t.length <= max) return t;
  const head = t.slice(0, max);
  const nl = head.lastIndexOf('\n');
  return nl > 0 ? head.slice(0, nl) : head;
}

/** Distinct files among the snippets (what the status line counts). */
export function contextFileCount(snippets: readonly ContextSnippet[]): number {
  return new Set(snippets.map((s) => s.path)).size;
}
