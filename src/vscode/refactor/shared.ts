import * as vscode from 'vscode';

/**
 * What the refactor commands registered at activation (register.ts) share with the feature
 * loaded on first use (refactor.ts, proposals.ts, review.ts).
 */

/** The URI scheme of a proposal's two sides in the diff editor (proposals.ts serves them). */
export const PROPOSAL_SCHEME = 'tandem-proposal';

/** What Accept, Discard, Refine and Review say when no proposal waits for a decision. */
export function notWaiting(): void {
  void vscode.window.showInformationMessage('Tandem: no refactor proposal is waiting.');
}
