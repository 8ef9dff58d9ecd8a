import * as vscode from 'vscode';
import type { Snapshot } from '../../core/prompts/snapshot';
import { locateUnchanged } from '../../core/prompts/snapshot';

export type ApplyOutcome = { applied: true } | { applied: false; reason: string };

/**
 * Applies a replacement as one WorkspaceEdit (one undo step), only where the
 * document still holds exactly the text the proposal was computed from.
 */
export async function applyProposal(uri: vscode.Uri, snapshot: Snapshot, newText: string): Promise<ApplyOutcome> {
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) ?? (await vscode.workspace.openTextDocument(uri));
  const where = locateUnchanged(document.getText(), snapshot);
  if (!where.ok) return { applied: false, reason: where.reason };
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, new vscode.Range(document.positionAt(where.start), document.positionAt(where.end)), newText);
  const ok = await vscode.workspace.applyEdit(edit);
  if (!ok) return { applied: false, reason: 'VS Code refused the edit (is the file read-only?); nothing was applied.' };
  return { applied: true };
}
