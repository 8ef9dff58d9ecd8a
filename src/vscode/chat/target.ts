import * as vscode from 'vscode';
import type { SymbolNode } from '../../core/prompts/enclosing';
import { categoryOfSymbolKind, enclosingSymbol } from '../../core/prompts/enclosing';

/**
 * Which code a command works on: `{ uri?, range? }` from a script, else the
 * active editor's selection. Explain widens an empty selection to the
 * enclosing function or block (document symbols), else the current line.
 */
export interface Target {
  document: vscode.TextDocument;
  range: vscode.Range;
  /** The enclosing declaration, when larger than the range: context for the prompt. */
  enclosing?: { name: string; text: string };
  /** How an empty selection was widened, for the panel's subtitle. */
  widenedTo?: string;
}

export interface TargetArgs {
  uri?: vscode.Uri | string;
  range?: vscode.Range | { start: { line: number; character: number }; end: { line: number; character: number } } | [number, number, number, number];
}

export async function resolveTarget(args: TargetArgs | undefined, widenEmpty: boolean): Promise<Target | { refused: string }> {
  const document = await documentFor(args);
  if (!document) return { refused: 'Open a file and select some code first.' };
  const editor = vscode.window.visibleTextEditors.find((e) => e.document === document);
  let range = rangeFrom(args?.range) ?? (editor && editor.document === document ? editor.selection : undefined) ?? new vscode.Range(0, 0, 0, 0);
  range = document.validateRange(range);
  const symbols = await documentSymbols(document.uri);
  let widenedTo: string | undefined;
  if (range.isEmpty && widenEmpty) {
    const sym = enclosingSymbol(symbols, range.start);
    if (sym) {
      range = document.validateRange(new vscode.Range(sym.start.line, 0, sym.end.line, Number.MAX_SAFE_INTEGER));
      widenedTo = sym.name;
    } else {
      range = document.lineAt(range.start.line).range;
      widenedTo = `line ${range.start.line + 1}`;
    }
  }
  if (document.getText(range).trim() === '') return { refused: 'The selection is empty: select the code to work on.' };
  const outer = enclosingSymbol(symbols, range.start);
  let enclosing: Target['enclosing'];
  if (outer && (outer.start.line < range.start.line || outer.end.line > range.end.line)) {
    const outerRange = new vscode.Range(outer.start.line, 0, outer.end.line, Number.MAX_SAFE_INTEGER);
    if (outerRange.contains(range)) enclosing = { name: outer.name, text: document.getText(document.validateRange(outerRange)) };
  }
  return { document, range, enclosing, widenedTo };
}

async function documentFor(args: TargetArgs | undefined): Promise<vscode.TextDocument | undefined> {
  if (args?.uri) {
    const uri = typeof args.uri === 'string' ? vscode.Uri.parse(args.uri) : args.uri;
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    return open ?? vscode.workspace.openTextDocument(uri);
  }
  return vscode.window.activeTextEditor?.document;
}

function rangeFrom(r: TargetArgs['range']): vscode.Range | undefined {
  if (!r) return undefined;
  if (r instanceof vscode.Range) return r;
  if (Array.isArray(r)) return new vscode.Range(r[0], r[1], r[2], r[3]);
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

/** Document symbols as plain data; none when no symbol provider answers within a moment. */
async function documentSymbols(uri: vscode.Uri): Promise<SymbolNode[]> {
  try {
    const result = await Promise.race([
      vscode.commands.executeCommand<(vscode.DocumentSymbol | vscode.SymbolInformation)[] | undefined>('vscode.executeDocumentSymbolProvider', uri),
      new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 2000)),
    ]);
    return (result ?? []).map(toNode);
  } catch {
    return [];
  }
}

function toNode(s: vscode.DocumentSymbol | vscode.SymbolInformation): SymbolNode {
  const range = 'range' in s ? s.range : s.location.range;
  return {
    name: s.name,
    category: categoryOfSymbolKind(s.kind),
    start: { line: range.start.line, character: range.start.character },
    end: { line: range.end.line, character: range.end.character },
    children: 'children' in s ? s.children.map(toNode) : [],
  };
}
