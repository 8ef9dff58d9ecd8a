/**
 * Which block an explain of an empty selection covers: the innermost function
 * around the cursor, else the innermost other multi-line declaration (class,
 * object literal, block-bodied variable), else nothing (the caller takes the
 * current line). Symbols arrive as plain data converted from
 * `vscode.executeDocumentSymbolProvider`.
 */
export type SymbolCategory = 'function' | 'type' | 'container' | 'other';

export interface SymbolNode {
  name: string;
  category: SymbolCategory;
  /** Zero-based, end exclusive as in VS Code ranges. */
  start: { line: number; character: number };
  end: { line: number; character: number };
  children: SymbolNode[];
}

export interface Pos {
  line: number;
  character: number;
}

export function enclosingSymbol(symbols: readonly SymbolNode[], pos: Pos): SymbolNode | undefined {
  const chain = containing(symbols, pos);
  const fn = [...chain].reverse().find((s) => s.category === 'function');
  if (fn) return fn;
  return [...chain].reverse().find((s) => s.category !== 'container' && s.end.line > s.start.line);
}

/**
 * Outermost to innermost symbols containing the position. Works for nested
 * DocumentSymbols and for flat SymbolInformation lists alike (sorted by size).
 */
function containing(symbols: readonly SymbolNode[], pos: Pos): SymbolNode[] {
  const all: SymbolNode[] = [];
  const walk = (list: readonly SymbolNode[]) => {
    for (const s of list) {
      if (contains(s, pos)) all.push(s);
      walk(s.children);
    }
  };
  walk(symbols);
  return all.sort((a, b) => size(b) - size(a));
}

function size(s: SymbolNode): number {
  return (s.end.line - s.start.line) * 1e6 + (s.end.character - s.start.character);
}

function contains(s: SymbolNode, p: Pos): boolean {
  const afterStart = p.line > s.start.line || (p.line === s.start.line && p.character >= s.start.character);
  const beforeEnd = p.line < s.end.line || (p.line === s.end.line && p.character <= s.end.character);
  return afterStart && beforeEnd;
}

/** VS Code's SymbolKind numbers, grouped (kept here so the mapping is tested without an editor). */
export function categoryOfSymbolKind(kind: number): SymbolCategory {
  // Method 5, Constructor 8, Function 11, Operator 24
  if (kind === 5 || kind === 8 || kind === 11 || kind === 24) return 'function';
  // Class 4, Enum 9, Interface 10, Struct 22
  if (kind === 4 || kind === 9 || kind === 10 || kind === 22) return 'type';
  // File 0, Module 1, Namespace 2, Package 3
  if (kind <= 3) return 'container';
  return 'other';
}
