import { estimateTokens } from '../llm/estimate';
import { fitLines } from './tokens';

/**
 * Surrounding context for explain and refactor prompts, from plain text: the
 * file's import lines and the declaration enclosing the selection. The VS Code
 * side finds the enclosing declaration (document symbols) and passes its text.
 */

/** Lines that bring names into scope, per language family; anything else is ignored. */
const IMPORT_PATTERNS: readonly RegExp[] = [
  /^\s*import\s/, // JS/TS, Java, Kotlin, Scala, Go, Python, Swift, Dart
  /^\s*from\s+\S+\s+import\s/, // Python
  /^\s*export\s+(\*|\{[^}]*\})\s+from\s/, // JS/TS re-exports
  /^\s*(const|let|var)\s+[\w{}\s,:]+=\s*require\(/, // CommonJS
  /^\s*#\s*include\s/, // C, C++
  /^\s*using\s+[\w.]+\s*;/, // C#
  /^\s*use\s+[\w:{}\s,*]+;/, // Rust, PHP
  /^\s*package\s+[\w.]+/, // Go, Java
  /^\s*require(_relative)?\s+['"]/, // Ruby
  /^\s*library\(|^\s*require\(/, // R, Lua
];

/**
 * The import lines of a file (multi-line `import { ... } from` statements kept
 * whole), within `maxTokens`. Scans only the top of the file: imports after
 * the first few hundred lines are rare and expensive to find.
 */
export function extractImports(fileText: string, maxTokens: number): string {
  const lines = fileText.split(/\r?\n/).slice(0, 400);
  const picked: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!IMPORT_PATTERNS.some((p) => p.test(lines[i]))) continue;
    picked.push(lines[i]);
    // `import {` ... `} from 'x'`: follow until the statement closes.
    if (/\{[^}]*$/.test(lines[i]) || /\($/.test(lines[i].trim())) {
      while (i + 1 < lines.length && picked.length < 400) {
        i++;
        picked.push(lines[i]);
        if (/[})]/.test(lines[i])) break;
      }
    }
  }
  return fitLines(picked, maxTokens).join('\n');
}

export interface Window {
  text: string;
  /** True when lines were cut from either end to fit the budget. */
  truncated: boolean;
}

/**
 * The part of `outer` around `inner` that fits `maxTokens`: the whole of it if
 * it fits, else as many lines as fit, centred on where `inner` sits.
 */
export function windowAround(outer: string, inner: string, maxTokens: number): Window {
  if (estimateTokens(outer) <= maxTokens) return { text: outer, truncated: false };
  const lines = outer.split('\n');
  const at = outer.indexOf(inner);
  const firstLine = at < 0 ? 0 : outer.slice(0, at).split('\n').length - 1;
  const lastLine = at < 0 ? 0 : firstLine + inner.split('\n').length - 1;
  let lo = firstLine;
  let hi = lastLine;
  let used = lines.slice(lo, hi + 1).reduce((n, l) => n + estimateTokens(l + '\n'), 0);
  // Grow one line at a time on alternate sides until the budget is spent.
  for (let side = 0; lo > 0 || hi < lines.length - 1; side++) {
    const takeBefore = (side % 2 === 0 && lo > 0) || hi >= lines.length - 1;
    const next = takeBefore ? lines[lo - 1] : lines[hi + 1];
    const cost = estimateTokens(next + '\n');
    if (used + cost > maxTokens) break;
    used += cost;
    if (takeBefore) lo--;
    else hi++;
  }
  return { text: lines.slice(lo, hi + 1).join('\n'), truncated: true };
}

/**
 * How a prompt names its file: the path relative to the innermost workspace folder holding
 * it, else the base name only, so an absolute path (a user name, a home layout) never
 * reaches a model.
 */
export function promptFileName(filePath: string, folderPaths: readonly string[]): string {
  const file = filePath.replace(/\\/g, '/');
  const inner = folderPaths
    .map((f) => f.replace(/\\/g, '/').replace(/\/+$/, ''))
    .filter((f) => f !== '' && file.startsWith(`${f}/`))
    .sort((a, b) => b.length - a.length)[0];
  if (inner !== undefined) return file.slice(inner.length + 1);
  return file.slice(file.lastIndexOf('/') + 1) || file;
}
