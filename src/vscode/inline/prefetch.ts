import * as vscode from 'vscode';

/**
 * Tells the provider the moment the person has typed, so a completion at a point where
 * they likely stop is requested at once. VS Code itself calls inline providers only after
 * a delay of its own (50 ms) following each keystroke; sending on the edit takes that
 * off every fresh suggestion. The edit and the cursor it leaves arrive as two events (the
 * document change, then the selection change): a request is made only when the cursor
 * lands right after the text just typed, as typing leaves it.
 */
export function prefetchOnTyping(prefetch: (document: vscode.TextDocument, position: vscode.Position) => void): vscode.Disposable {
  const typedUpTo = new Map<vscode.TextDocument, vscode.Position>();
  const changes = vscode.workspace.onDidChangeTextDocument((e) => {
    typedUpTo.delete(e.document);
    // Undo and redo are no typing, nor are several edits at once (a format, a refactoring).
    if (e.reason !== undefined || e.contentChanges.length !== 1) return;
    if (vscode.window.activeTextEditor?.document !== e.document) return;
    typedUpTo.set(e.document, endOf(e.contentChanges[0]));
  });
  const moves = vscode.window.onDidChangeTextEditorSelection((e) => {
    const document = e.textEditor.document;
    const end = typedUpTo.get(document);
    typedUpTo.delete(document);
    if (!end || e.textEditor !== vscode.window.activeTextEditor || e.selections.length !== 1) return;
    const at = e.selections[0];
    if (!at.isEmpty || !at.active.isEqual(end)) return;
    // When VS Code will not ask for inline suggestions at all, a request sent here would be wasted.
    if (!vscode.workspace.getConfiguration('editor', document.uri).get<boolean>('inlineSuggest.enabled', true)) return;
    prefetch(document, at.active);
  });
  return vscode.Disposable.from(changes, moves);
}

/** Where the cursor is after inserting `change.text` over `change.range`. */
function endOf(change: vscode.TextDocumentContentChangeEvent): vscode.Position {
  const lines = change.text.split('\n');
  const start = change.range.start;
  const last = lines[lines.length - 1].replace(/\r$/, '');
  return lines.length === 1 ? start.translate(0, last.length) : new vscode.Position(start.line + lines.length - 1, last.length);
}
