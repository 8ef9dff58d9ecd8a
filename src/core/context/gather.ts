import type { RecentChunk, RecentChunks } from './recent';
import { recentCandidates, sameLanguage } from './recent';
import type { Selection } from './rank';
import { selectContext } from './rank';
import { mostSimilarWindow, tokenSet } from './similar';
import type { ContextCandidate, ContextSource } from './snippet';
import type { SymbolAt } from './symbols';
import { definitionRange, symbolsNearCursor } from './symbols';
import { importedPaths } from './imports';

/**
 * Gathers the context of one completion from every source, each bounded in time and
 * tokens, through a small editor interface (the VS Code adapter implements it; the
 * benchmark and the tests fake it). Privacy is checked here, once for every source,
 * before any content of another file is read: `allowed(key)` says whether a file may
 * be context for this request (not excluded, and not private when the request may
 * reach the cloud).
 */
export interface ContextDoc {
  /** Identity (the document URI). */
  key: string;
  /** Workspace-relative path. */
  path: string;
  languageId: string;
  lineCount: number;
  lineText(line: number): string;
}

export interface ContextLocation {
  key: string;
  path: string;
  line: number;
}

export interface ContextIde {
  /** Definitions and type definitions of the symbols (the language server); may be slow or never answer. */
  definitions(doc: ContextDoc, symbols: readonly SymbolAt[], signal: AbortSignal): Promise<ContextLocation[]>;
  /** The key of a workspace-relative path in the current file's folder (existence is `read`'s business). */
  locate(path: string): { key: string; path: string } | undefined;
  /** The file's lines, or undefined when it does not exist or cannot be read. */
  read(key: string): Promise<ContextDoc | undefined>;
  /** Documents open in editors (tabs), any language. */
  openDocuments(): readonly ContextDoc[];
  allowed(key: string): boolean;
}

export interface GatherRequest {
  doc: ContextDoc;
  line: number;
  character: number;
  window: { prefix: string; suffix: string };
  budgetChars: number;
  recent: readonly RecentChunk[];
  /**
   * Definitions already sent for this file (kept by the caller across requests): offered
   * again with the time they were first sent, so consecutive prompts keep the same blocks
   * in the same order and a server's prompt cache reuses them. New ones are added.
   */
  sent?: RecentChunks;
  signal?: AbortSignal;
}

export interface GatherOptions {
  /** The language-server wait, hard: what is not back by then is skipped. */
  lspBudgetMs: number;
  now?(): number;
  /** Wall clock for the age of chunks (ms). */
  time?(): number;
}

export interface GatherResult extends Selection {
  /** Time spent waiting for the language server (and reading its definitions), ms. */
  lspMs: number;
  /** All of it, ms (lspMs included). */
  totalMs: number;
  /** Candidates per source before ranking (after the privacy filter). */
  found: Record<ContextSource, number>;
  /** Candidates dropped because their file may not be context here. */
  refused: number;
}

const MAX_IMPORTS = 6;
const MAX_OPEN_DOCS = 6;
/** Lines of open editors scanned per request, all together: about 3 ms of tokenizing. */
const OPEN_DOC_LINES = 1500;
const OPEN_DOC_LINES_PER_FILE = 600;

export async function gatherContext(ide: ContextIde, req: GatherRequest, opts: GatherOptions): Promise<GatherResult> {
  const now = opts.now ?? (() => performance.now());
  const t0 = now();
  const controller = new AbortController();
  const stop = () => controller.abort();
  req.signal?.addEventListener('abort', stop, { once: true });
  let refused = 0;
  const allowed = (key: string): boolean => {
    if (key === req.doc.key) return true;
    const ok = ide.allowed(key);
    if (!ok) refused++;
    return ok;
  };
  const symbols = symbolsNearCursor((l) => req.doc.lineText(l), req.line, req.character);
  // The current file's own chunks are in its window already (or stale copies of it).
  const cheap = [...recentCandidates(req.recent.filter((c) => c.key !== req.doc.key && sameLanguage(c.languageId, req.doc.languageId) && allowed(c.key))), ...openEditorCandidates(ide, req, allowed)];

  // Language server and imports run side by side; imports are used when the server gave nothing.
  const lspStart = now();
  const deadline = lspStart + opts.lspBudgetMs;
  const inTime = <T>(p: Promise<T>, fallback: T): Promise<T> => withDeadline(p, fallback, deadline - now(), controller.signal);
  const lsp = inTime(definitionCandidates(ide, req.doc, symbols, controller.signal, allowed), []);
  const imports = inTime(importCandidates(ide, req.doc, symbols, allowed), []);
  const definitions = await lsp;
  const lspMs = now() - lspStart;
  const imported = definitions.length ? [] : await imports;
  stop();
  req.signal?.removeEventListener('abort', stop);

  const time = opts.time?.() ?? Date.now();
  const fresh = [...definitions, ...imported].map((c) => ({ ...c, at: time }));
  const kept = recentCandidates((req.sent?.list() ?? []).filter((c) => c.key !== req.doc.key && allowed(c.key)));
  const all = [...kept, ...fresh.filter((f) => !kept.some((k) => k.path === f.path && k.startLine === f.startLine)), ...cheap];
  const found: Record<ContextSource, number> = { definition: 0, edit: 0, import: 0, visit: 0, openEditor: 0 };
  for (const c of all) found[c.source]++;
  const selection = req.signal?.aborted ? { snippets: [], used: [] } : selectContext(all, { budgetChars: req.budgetChars, window: req.window });
  for (const c of selection.used) {
    if (c.source !== 'definition' && c.source !== 'import') continue;
    if (c.key) req.sent?.add({ path: c.path, key: c.key, text: c.text, startLine: c.startLine, kind: 'definition', at: c.at });
  }
  return { ...selection, lspMs, totalMs: now() - t0, found, refused };
}

async function definitionCandidates(ide: ContextIde, doc: ContextDoc, symbols: readonly SymbolAt[], signal: AbortSignal, allowed: (key: string) => boolean): Promise<ContextCandidate[]> {
  if (!symbols.length) return [];
  const locations = await ide.definitions(doc, symbols, signal);
  const out: ContextCandidate[] = [];
  const seen = new Set<string>();
  for (const loc of locations) {
    const id = `${loc.key}#${loc.line}`;
    if (seen.has(id) || signal.aborted) continue;
    seen.add(id);
    // Decided before the file is read: an excluded or private file is never opened for context.
    if (!allowed(loc.key)) continue;
    const target = loc.key === doc.key ? doc : await ide.read(loc.key);
    if (!target) continue;
    out.push(chunk(target, definitionRange(target.lineCount, (l) => target.lineText(l), loc.line), 'definition'));
  }
  return out;
}

async function importCandidates(ide: ContextIde, doc: ContextDoc, symbols: readonly SymbolAt[], allowed: (key: string) => boolean): Promise<ContextCandidate[]> {
  if (!symbols.length) return [];
  const head: string[] = [];
  for (let l = 0; l < Math.min(doc.lineCount, 200); l++) head.push(doc.lineText(l));
  const out: ContextCandidate[] = [];
  let files = 0;
  for (const path of importedPaths(head.join('\n'), doc.path, doc.languageId)) {
    if (files >= MAX_IMPORTS) break;
    const loc = ide.locate(path);
    if (!loc || !allowed(loc.key)) continue;
    const target = await ide.read(loc.key);
    if (!target) continue;
    files++;
    for (const s of symbols) {
      const line = declarationLine(target, s.name);
      if (line !== undefined) out.push(chunk(target, definitionRange(target.lineCount, (l) => target.lineText(l), line), 'import'));
    }
  }
  return out;
}

/** A line that declares `name` (function, class, constant, type, method...), by its shape. */
export function declarationLine(doc: ContextDoc, name: string, maxLines = 3000): number | undefined {
  const n = name.replace(/[$]/g, '\\$');
  // Keyword declarations (`function f`, `def f`, `func (r *T) f`), assignments (`f = `), and methods (`f(a, b): T {`).
  const decl = new RegExp(`^\\s*(?:export\\s+)?(?:default\\s+)?(?:pub(?:\\([^)]*\\))?\\s+)?(?:(?:public|private|protected|static|async)\\s+)*(?:(?:function\\*?|def|class|const|let|var|type|interface|enum|struct|trait|func|fn|impl)\\s+(?:\\([^)]*\\)\\s*)?${n}\\b|${n}\\s*(?:=|:\\s*\\S.*=)|${n}\\s*(?:<[^>]*>)?\\([^;]*\\)[^;=]*\\{\\s*$)`);
  for (let l = 0; l < Math.min(doc.lineCount, maxLines); l++) if (decl.test(doc.lineText(l))) return l;
  return undefined;
}

function openEditorCandidates(ide: ContextIde, req: GatherRequest, allowed: (key: string) => boolean): ContextCandidate[] {
  const around: string[] = [];
  for (let l = Math.max(0, req.line - 8); l <= Math.min(req.doc.lineCount - 1, req.line + 2); l++) around.push(req.doc.lineText(l));
  const query = tokenSet(around.join('\n'));
  const out: ContextCandidate[] = [];
  let linesLeft = OPEN_DOC_LINES;
  for (const d of ide.openDocuments()) {
    if (out.length >= MAX_OPEN_DOCS || linesLeft <= 0) break;
    if (d.key === req.doc.key || d.languageId !== req.doc.languageId || !allowed(d.key)) continue;
    // A share per file, so one huge file does not starve the others.
    const scan = Math.min(linesLeft, OPEN_DOC_LINES_PER_FILE);
    const best = mostSimilarWindow(d.lineCount, (l) => d.lineText(l), query, 16, scan);
    linesLeft -= Math.min(d.lineCount, scan);
    if (best) out.push({ ...chunk(d, best, 'openEditor'), similarity: best.score });
  }
  return out;
}

function chunk(doc: ContextDoc, range: { start: number; end: number }, source: ContextSource): ContextCandidate {
  const lines: string[] = [];
  for (let l = range.start; l <= range.end; l++) lines.push(doc.lineText(l));
  return { path: doc.path, key: doc.key, text: lines.join('\n'), source, startLine: range.start, at: 0 };
}

/** `p`, or `fallback` once `ms` have passed or `signal` aborted; never rejects. */
function withDeadline<T>(p: Promise<T>, fallback: T, ms: number, signal: AbortSignal): Promise<T> {
  if (ms <= 0 || signal.aborted) return Promise.resolve(fallback);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(fallback), ms);
    const done = (v: T) => {
      clearTimeout(timer);
      resolve(v);
    };
    signal.addEventListener('abort', () => done(fallback), { once: true });
    p.then(done, () => done(fallback));
  });
}
