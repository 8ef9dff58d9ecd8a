import * as vscode from 'vscode';
import type { ContextDoc, ContextIde, ContextLocation } from '../../core/context/gather';
import { RecentChunks } from '../../core/context/recent';
import type { SymbolAt } from '../../core/context/symbols';
import type { PrivacyService } from '../services';

/** Lines kept around an edit, and around the cursor of a file the person leaves. */
const EDIT_CONTEXT_LINES = 4;
const VISIT_CONTEXT_LINES = 10;

/**
 * The editor side of completion context: records recently edited ranges and visited
 * files into the ring buffer (never for an excluded file: its text is not even kept),
 * and answers the gatherer's questions through the language server, the open tabs and
 * the file system. Whether a file may be context is decided per request (`ideFor`).
 */
export class ContextSources implements vscode.Disposable {
  readonly recent = new RecentChunks();
  /** Definitions already sent, per file being edited (stable prompt blocks for the server cache). */
  private readonly sent = new Map<string, RecentChunks>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private lastEditor: vscode.TextEditor | undefined = vscode.window.activeTextEditor;

  constructor(private readonly privacy: PrivacyService, private readonly enabled: () => boolean) {
    this.subscriptions.push(
      vscode.workspace.onDidChangeTextDocument((e) => this.edited(e)),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (this.lastEditor && this.lastEditor !== editor) this.visited(this.lastEditor);
        this.lastEditor = editor;
      }),
    );
  }

  /**
   * The gatherer's view of the editor for one request from `current`. A file may be
   * context when it is not excluded, and, unless the current file is itself private
   * (then the request never leaves for the cloud), when it is not in a private folder.
   */
  ideFor(current: vscode.TextDocument): ContextIde {
    const currentPrivate = this.privacy.decisionFor(current.uri).private;
    const folder = vscode.workspace.getWorkspaceFolder(current.uri);
    const allowed = (key: string): boolean => {
      const uri = parseKey(key);
      if (!uri || !contextSource(uri)) return false;
      if (this.privacy.excluded(uri)) return false;
      return currentPrivate || !this.privacy.decisionFor(uri).private;
    };
    return {
      allowed,
      definitions: (_doc, symbols, signal) => definitions(current, symbols, signal),
      locate: (path) => (folder ? { key: vscode.Uri.joinPath(folder.uri, path).toString(), path } : undefined),
      read: (key) => readDoc(key),
      openDocuments: () => openDocuments(),
    };
  }

  /** The definitions already sent as context for completions in the file `key`. */
  sentFor(key: string): RecentChunks {
    let s = this.sent.get(key);
    if (!s) {
      // A few files at a time: the person edits one or two, not fifty.
      if (this.sent.size >= 16) this.sent.delete(this.sent.keys().next().value ?? '');
      s = new RecentChunks(12);
      this.sent.set(key, s);
    }
    return s;
  }

  private edited(e: vscode.TextDocumentChangeEvent): void {
    if (!this.enabled() || !e.contentChanges.length || !contextSource(e.document.uri) || this.privacy.excluded(e.document.uri)) return;
    const doc = e.document;
    const change = e.contentChanges[e.contentChanges.length - 1];
    const added = change.text.split('\n').length - 1;
    const start = Math.max(0, change.range.start.line - EDIT_CONTEXT_LINES);
    const end = Math.min(doc.lineCount - 1, change.range.start.line + added + EDIT_CONTEXT_LINES);
    this.recent.add({ path: relPath(doc.uri), key: doc.uri.toString(), text: lines(doc, start, end), startLine: start, kind: 'edit', at: Date.now(), languageId: doc.languageId });
  }

  private visited(editor: vscode.TextEditor): void {
    const doc = editor.document;
    if (!this.enabled() || doc.isClosed || !contextSource(doc.uri) || this.privacy.excluded(doc.uri)) return;
    const line = editor.selection.active.line;
    const start = Math.max(0, line - VISIT_CONTEXT_LINES);
    const end = Math.min(doc.lineCount - 1, line + VISIT_CONTEXT_LINES);
    this.recent.add({ path: relPath(doc.uri), key: doc.uri.toString(), text: lines(doc, start, end), startLine: start, kind: 'visit', at: Date.now(), languageId: doc.languageId });
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.recent.clear();
    this.sent.clear();
  }
}

async function definitions(doc: vscode.TextDocument, symbols: readonly SymbolAt[], signal: AbortSignal): Promise<ContextLocation[]> {
  const out: ContextLocation[] = [];
  const asks = symbols.flatMap((s) => ['vscode.executeDefinitionProvider', 'vscode.executeTypeDefinitionProvider'].map(async (command) => {
    const found = await vscode.commands.executeCommand<unknown>(command, doc.uri, new vscode.Position(s.line, s.character));
    if (signal.aborted || !Array.isArray(found)) return;
    for (const loc of found) {
      const target = locationOf(loc);
      if (target) out.push({ key: target.uri.toString(), path: relPath(target.uri), line: target.line });
    }
  }));
  await Promise.allSettled(asks);
  return out;
}

function locationOf(loc: unknown): { uri: vscode.Uri; line: number } | undefined {
  if (loc instanceof vscode.Location) return { uri: loc.uri, line: loc.range.start.line };
  if (typeof loc === 'object' && loc !== null && 'targetUri' in loc && 'targetRange' in loc) {
    const { targetUri, targetRange } = loc;
    if (targetUri instanceof vscode.Uri && targetRange instanceof vscode.Range) return { uri: targetUri, line: targetRange.start.line };
  }
  return undefined;
}

async function readDoc(key: string): Promise<ContextDoc | undefined> {
  const uri = parseKey(key);
  if (!uri) return undefined;
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
  if (open) return fromDocument(open);
  try {
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    const all = text.split(/\r?\n/);
    return { key, path: relPath(uri), languageId: '', lineCount: all.length, lineText: (l) => all[l] ?? '' };
  } catch {
    return undefined;
  }
}

/** Text documents shown in a tab (not every document the extension host has loaded). */
function openDocuments(): ContextDoc[] {
  const inTabs = new Set<string>();
  for (const group of vscode.window.tabGroups.all) {
    for (const tab of group.tabs) if (tab.input instanceof vscode.TabInputText) inTabs.add(tab.input.uri.toString());
  }
  return vscode.workspace.textDocuments.filter((d) => inTabs.has(d.uri.toString()) && contextSource(d.uri)).map(fromDocument);
}

function fromDocument(d: vscode.TextDocument): ContextDoc {
  return { key: d.uri.toString(), path: relPath(d.uri), languageId: d.languageId, lineCount: d.lineCount, lineText: (l) => d.lineAt(l).text };
}

function lines(doc: vscode.TextDocument, start: number, end: number): string {
  const out: string[] = [];
  for (let l = start; l <= end; l++) out.push(doc.lineAt(l).text);
  return out.join('\n');
}

function relPath(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, false);
}

/**
 * Files of the project only: on disk (not output channels, diffs or untitled buffers) and
 * inside a workspace folder. The user's settings.json, a file opened from elsewhere, a
 * library's source the language server points into: none is part of the project, and
 * some hold what no prompt should carry.
 */
function contextSource(uri: vscode.Uri): boolean {
  return (uri.scheme === 'file' || uri.scheme === 'vscode-remote') && vscode.workspace.getWorkspaceFolder(uri) !== undefined;
}

function parseKey(key: string): vscode.Uri | undefined {
  try {
    return vscode.Uri.parse(key, true);
  } catch {
    return undefined;
  }
}
