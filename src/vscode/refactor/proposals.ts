import * as vscode from 'vscode';

export const PROPOSAL_SCHEME = 'tandem-proposal';

export interface PendingProposal {
  id: string;
  /** The document being refactored. */
  uri: vscode.Uri;
  original: vscode.Uri;
  proposed: vscode.Uri;
  /** Resolves once: Accept, Discard, or the diff closed. */
  decide(accepted: boolean): void;
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

  constructor() {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(PROPOSAL_SCHEME, this);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.path) ?? '';
  }

  /** Registers a proposal and returns its two virtual documents and a promise of the decision. */
  add(uri: vscode.Uri, originalText: string, proposedText: string): { proposal: PendingProposal; decision: Promise<boolean> } {
    const id = String(this.next++);
    const name = uri.path.split('/').pop() || 'untitled';
    const original = vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path: `/${id}/original/${name}` });
    const proposed = vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path: `/${id}/proposed/${name}` });
    this.texts.set(original.path, originalText);
    this.texts.set(proposed.path, proposedText);
    let resolve: (accepted: boolean) => void = () => undefined;
    const decision = new Promise<boolean>((r) => (resolve = r));
    const proposal: PendingProposal = {
      id,
      uri,
      original,
      proposed,
      decide: (accepted) => {
        if (!this.pending.delete(id)) return;
        this.texts.delete(original.path);
        this.texts.delete(proposed.path);
        this.updateContext();
        resolve(accepted);
      },
    };
    this.pending.set(id, proposal);
    this.updateContext();
    return { proposal, decision };
  }

  /** The proposal a virtual document belongs to (the editor-title buttons pass the diff's uri). */
  find(uri: vscode.Uri | undefined): PendingProposal | undefined {
    if (uri?.scheme === PROPOSAL_SCHEME) return this.pending.get(uri.path.split('/')[1] ?? '');
    // From the palette: the only (or newest) pending proposal.
    return [...this.pending.values()].pop();
  }

  /** Shows the Accept / Discard buttons and palette entries only while a proposal waits. */
  private updateContext(): void {
    void vscode.commands.executeCommand('setContext', 'tandem.refactorPending', this.pending.size > 0);
  }

  dispose(): void {
    for (const p of [...this.pending.values()]) p.decide(false);
    this.registration.dispose();
  }
}
