import * as vscode from 'vscode';
import { PROPOSAL_SCHEME } from './shared';

/** How a person decided on a proposal: Refine carries the follow-up instruction. */
export type Decision = { kind: 'accept' } | { kind: 'discard' } | { kind: 'refine'; instruction: string };

export interface PendingProposal {
  id: string;
  /** The document being refactored. */
  uri: vscode.Uri;
  original: vscode.Uri;
  proposed: vscode.Uri;
  /** The instruction it answers, for the review's labels. */
  instruction: string;
  /** The changed range in the document (before) and in the proposed file (after), for the review's CodeLens. */
  changed: { original: vscode.Range; proposed: vscode.Range };
  /** Resolves once: Accept, Discard, Refine, or the diff closed. */
  decide(decision: Decision): void;
}

/**
 * Read-only virtual documents for the diff preview: the file as the proposal
 * was computed from it, and the same file with the proposal applied. The
 * path keeps the file's name so the diff editor picks its language.
 */
export class ProposalStore implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly pending = new Map<string, PendingProposal>();
  private next = 1;
  private readonly registration: vscode.Disposable;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when a proposal starts or ends waiting (the review's CodeLens and status item follow it). */
  readonly onDidChangePending = this.changed.event;

  constructor() {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(PROPOSAL_SCHEME, this);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.path) ?? '';
  }

  /**
   * Registers a proposal (the replacement of `start..end` of `originalText` by `newText`) and
   * returns its two virtual documents and a promise of the decision.
   */
  add(uri: vscode.Uri, originalText: string, span: { start: number; end: number; newText: string }, instruction: string): { proposal: PendingProposal; decision: Promise<Decision> } {
    const id = String(this.next++);
    const name = uri.path.split('/').pop() || 'untitled';
    const original = vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path: `/${id}/original/${name}` });
    const proposed = vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path: `/${id}/proposed/${name}` });
    const proposedText = originalText.slice(0, span.start) + span.newText + originalText.slice(span.end);
    this.texts.set(original.path, originalText);
    this.texts.set(proposed.path, proposedText);
    let resolve: (d: Decision) => void = () => undefined;
    const decision = new Promise<Decision>((r) => (resolve = r));
    const proposal: PendingProposal = {
      id,
      uri,
      original,
      proposed,
      instruction,
      changed: {
        original: new vscode.Range(positionAt(originalText, span.start), positionAt(originalText, span.end)),
        proposed: new vscode.Range(positionAt(proposedText, span.start), positionAt(proposedText, span.start + span.newText.length)),
      },
      decide: (d) => {
        if (!this.pending.delete(id)) return;
        this.texts.delete(original.path);
        this.texts.delete(proposed.path);
        this.updateContext();
        resolve(d);
      },
    };
    this.pending.set(id, proposal);
    this.updateContext();
    return { proposal, decision };
  }

  /** The proposal a virtual document belongs to (the editor-title buttons pass the diff's uri). */
  find(uri: vscode.Uri | undefined): PendingProposal | undefined {
    if (uri?.scheme === PROPOSAL_SCHEME) return this.pending.get(uri.path.split('/')[1] ?? '');
    // A refactored file's own editor: its proposal.
    const own = uri ? [...this.pending.values()].reverse().find((p) => p.uri.toString() === uri.toString()) : undefined;
    // From the palette: the only (or newest) pending proposal.
    return own ?? [...this.pending.values()].pop();
  }

  /** Every proposal still waiting, oldest first. */
  all(): PendingProposal[] {
    return [...this.pending.values()];
  }

  /** Shows the Accept / Discard buttons, palette entries and keybindings only while a proposal waits. */
  private updateContext(): void {
    void vscode.commands.executeCommand('setContext', 'tandem.refactorPending', this.pending.size > 0);
    this.changed.fire();
  }

  dispose(): void {
    for (const p of [...this.pending.values()]) p.decide({ kind: 'discard' });
    this.registration.dispose();
    this.changed.dispose();
  }
}

/** Offset -> position in a text that is not open as a document (line breaks: \n or \r\n). */
function positionAt(text: string, offset: number): vscode.Position {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return new vscode.Position(line, offset - lineStart);
}
