/**
 * Where to ask the language server for definitions, and how much of a definition to
 * keep: plain text in, plain data out, so the editor adapter stays thin.
 */

const KEYWORDS = new Set([
  'if', 'else', 'for', 'while', 'do', 'return', 'const', 'let', 'var', 'function', 'class', 'new', 'this', 'self',
  'import', 'from', 'export', 'default', 'def', 'async', 'await', 'true', 'false', 'null', 'undefined', 'None', 'True',
  'False', 'and', 'or', 'not', 'in', 'is', 'of', 'func', 'package', 'type', 'interface', 'struct', 'fn', 'pub', 'mut',
  'use', 'impl', 'go', 'defer', 'nil', 'try', 'catch', 'finally', 'throw', 'switch', 'case', 'break', 'continue',
  'public', 'private', 'protected', 'static', 'void', 'int', 'string', 'number', 'boolean', 'lambda', 'with', 'as',
]);

export interface SymbolAt {
  name: string;
  line: number;
  /** A character inside the identifier (where a definition request points). */
  character: number;
}

/**
 * Identifiers just before the cursor, nearest first: the cursor line's text before the
 * cursor, then the lines above it. Member names (`a.b`) count once per name.
 */
export function symbolsNearCursor(lineText: (line: number) => string, line: number, character: number, max = 4, linesAbove = 2): SymbolAt[] {
  const out: SymbolAt[] = [];
  const seen = new Set<string>();
  for (let l = line; l >= Math.max(0, line - linesAbove) && out.length < max; l--) {
    const text = l === line ? lineText(l).slice(0, character) : lineText(l);
    const found: SymbolAt[] = [];
    for (const m of text.matchAll(/[A-Za-z_$][\w$]*/g)) {
      const name = m[0];
      const at = m.index;
      if (KEYWORDS.has(name) || name.length < 2 || inString(text, at)) continue;
      found.push({ name, line: l, character: at + Math.floor(name.length / 2) });
    }
    for (const s of found.reverse()) {
      if (out.length >= max) break;
      if (seen.has(s.name)) continue;
      seen.add(s.name);
      out.push(s);
    }
  }
  return out;
}

/** Inside a string literal on this line (an odd number of quotes before it). */
function inString(text: string, at: number): boolean {
  const before = text.slice(0, at);
  return ['"', "'", '`'].some((q) => (before.split(q).length - 1) % 2 === 1);
}

const indentOf = (s: string): number => s.length - s.trimStart().length;
const CLOSER = /^(\}|\)|\]|end\b|fi\b|esac\b)/;
const COMMENT = /^(\/\/|#|\*|\/\*|--|@|""")/;

/**
 * The definition starting at `start`: its doc comment or decorators just above, then
 * every line until the code returns to the definition's own indentation (a closing
 * brace there is kept), at most `maxLines`.
 */
export function definitionRange(lineCount: number, lineText: (line: number) => string, start: number, maxLines = 24): { start: number; end: number } {
  let first = start;
  while (first > 0 && start - first < 4 && COMMENT.test(lineText(first - 1).trim())) first--;
  const base = indentOf(lineText(start));
  let end = start;
  for (let l = start + 1; l < lineCount && l - first < maxLines; l++) {
    const text = lineText(l);
    if (!text.trim()) continue;
    if (indentOf(text) <= base) {
      if (CLOSER.test(text.trim())) end = l;
      break;
    }
    end = l;
  }
  return { start: first, end };
}
