import type * as vscode from 'vscode';
import type { UsageProblems } from '../../core/usage/usageProblems';
import type { StatusReporter } from '../services';
import { PROVIDER_IDS, PROVIDERS } from '../../core/providers';

export interface UsageProblemSource {
  problems(): UsageProblems;
  readonly onDidChangeProblems: vscode.Event<void>;
}

/**
 * The status bar shows what the usage records say: a spent budget on OpenAI, an unsaved
 * ledger on both providers. Bound once the status bar exists (it is built after the usage
 * service); the problems found before that are shown at once.
 */
export function showUsageProblems(usage: UsageProblemSource, status: Pick<StatusReporter, 'setProblem'>): vscode.Disposable {
  let shown: UsageProblems = {};
  const show = () => {
    const now = usage.problems();
    // The daily budget caps the cloud only.
    if (now.budget || shown.budget) for (const p of PROVIDER_IDS) if (PROVIDERS[p].cloud) status.setProblem(p, now.budget, 'budget');
    if (now.ledger || shown.ledger) for (const p of PROVIDER_IDS) status.setProblem(p, now.ledger, 'ledger');
    shown = now;
  };
  show();
  return usage.onDidChangeProblems(show);
}
