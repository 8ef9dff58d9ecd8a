import type { ContextCandidate } from './snippet';
import { codeLines, lineOverlap } from './snippet';

/**
 * Recently edited ranges and recently visited files, newest first (a ring buffer of
 * chunks, like llama.vscode's). A chunk that nearly repeats one already held (same file
 * and overlapping lines, or mostly the same lines anywhere) replaces it, so a burst of
 * keystrokes in one function keeps one chunk, not fifty.
 */
export interface RecentChunk {
  path: string;
  /** An id of the file (the document URI), for privacy checks at gathering time. */
  key: string;
  text: string;
  startLine: number;
  kind: 'edit' | 'visit' | 'definition';
  at: number;
  /** The file's language, when known: a Python edit is little help to a Go completion. */
  languageId?: string;
}

/** TypeScript and JavaScript (and their React kinds) read each other; other languages only themselves. */
export function sameLanguage(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined || a === b) return true;
  const family = (id: string) => (/^(typescript|javascript)(react)?$/.test(id) ? 'js' : id);
  return family(a) === family(b);
}

/** Lines sharing at least this share are the same chunk. */
export const NEAR_DUPLICATE = 0.8;

export class RecentChunks {
  private chunks: RecentChunk[] = [];

  constructor(private readonly capacity = 24) {}

  add(chunk: RecentChunk): void {
    const lines = codeLines(chunk.text);
    if (!lines.length) return;
    const endLine = chunk.startLine + chunk.text.split('\n').length - 1;
    this.chunks = this.chunks.filter((c) => !nearDuplicate(c, chunk, lines, endLine));
    this.chunks.unshift(chunk);
    if (this.chunks.length > this.capacity) this.chunks.length = this.capacity;
  }

  /** Newest first. */
  list(): readonly RecentChunk[] {
    return this.chunks;
  }

  /** Drops every chunk of a file (closed, deleted, or newly excluded). */
  forget(key: string): void {
    this.chunks = this.chunks.filter((c) => c.key !== key);
  }

  clear(): void {
    this.chunks = [];
  }
}

function nearDuplicate(old: RecentChunk, fresh: RecentChunk, freshLines: string[], freshEnd: number): boolean {
  if (old.key === fresh.key) {
    const oldEnd = old.startLine + old.text.split('\n').length - 1;
    if (old.startLine <= freshEnd && fresh.startLine <= oldEnd) return true;
  }
  return lineOverlap(codeLines(old.text), freshLines) >= NEAR_DUPLICATE;
}

/** The buffer's chunks as ranking candidates. */
export function recentCandidates(chunks: readonly RecentChunk[]): ContextCandidate[] {
  return chunks.map((c) => ({ path: c.path, key: c.key, text: c.text, source: c.kind, startLine: c.startLine, at: c.at }));
}
