import * as vscode from 'vscode';
import { promptFileName } from '../../core/prompts/context';

/** The file's name as prompts and egress records carry it: workspace-relative, else its base name. */
export function promptPath(uri: vscode.Uri): string {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === uri.scheme && f.uri.authority === uri.authority);
  return promptFileName(uri.scheme === 'file' ? uri.fsPath : uri.path, folders.map((f) => (uri.scheme === 'file' ? f.uri.fsPath : f.uri.path)));
}
