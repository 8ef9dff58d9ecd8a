import * as vscode from 'vscode';

/**
 * Tells the provider the moment the person has typed, so a completion at a point where
 * they likely stop is requested at once. VS Code itself calls inline providers only after
 * a delay of its own (50 ms) following each keystroke; sending on the edit takes that off
 * every fresh suggestion. The edit and the cursor it leaves arrive as two events (the
 * document change and the selection change, usually in that order): a request is made
 * once both are in and the cursor stands where typing leaves it, inside or right after
 * the text just inserted (inside: the editor auto-closed a bracket or quote, or split a
 * block on Enter), or where the text was deleted.
 */
export function prefetchOnTyping(prefetch: (document: vscode.TextDocument, position: vscode.Position) => void): vscode.Disposable {
  const typed = new WeakMap<vscode.TextDocument, { span: vscode.Range; inserted: boolean }>();
  const tryNow = (document: vscode.TextDocument) => {
    const edit = typed.get(document);
    const editor = vscode.window.activeTextEditor;
    if (!edit || editor?.document !== document || editor.selections.length !== 1) return;
    const at = editor.selection;
    if (!at.isEmpty || !landsIn(edit, at.active)) return;
    typed.delete(document);
    // When VS Code will not ask for inline suggestions at all, a request sent here would be wasted.
    if (!vscode.workspace.getConfiguration('editor', document.uri).get<boolean>('inlineSuggest.enabled', true)) return;
    prefetch(document, at.active);
  };
  const changes = vscode.workspace.onDidChangeTextDocument((e) => {
    // An event without changes (the dirty flag turning on, a save) is no edit: the one before it still stands.
    if (e.contentChanges.length === 0) return;
    typed.delete(e.document);
    // Undo and redo are no typing, nor are several edits at once (a format, a refactoring).
    if (e.reason !== undefined || e.contentChanges.length !== 1) return;
    const change = e.contentChanges[0];
    typed.set(e.document, { span: new vscode.Range(change.range.start, endOf(change)), inserted: change.text !== '' });
    tryNow(e.document);
  });
  const moves = vscode.window.onDidChangeTextEditorSelection((e) => tryNow(e.textEditor.document));
  return vscode.Disposable.from(changes, moves);
}

function landsIn(edit: { span: vscode.Range; inserted: boolean }, at: vscode.Position): boolean {
  return edit.inserted ? at.isAfter(edit.span.start) && at.isBeforeOrEqual(edit.span.end) : at.isEqual(edit.span.start);
}

/** Where the inserted text ends. */
function endOf(change: vscode.TextDocumentContentChangeEvent): vscode.Position {
  const lines = change.text.split('\n');
  const start = change.range.start;
  const last = lines[lines.length - 1].replace(/\r$/, '');
  return lines.length === 1 ? start.translate(0, last.length) : new vscode.Position(start.line + lines.length - 1, last.length);
}
