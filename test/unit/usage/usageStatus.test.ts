import assert from 'node:assert/strict';
import type { ProviderId } from '../../../src/core/config';
import type { UsageProblems } from '../../../src/core/usage/usageProblems';
import type { ProblemSource, StatusProblem } from '../../../src/vscode/services';
import { showUsageProblems } from '../../../src/vscode/usage/usageStatus';

/** A usage service's problems, changed by hand. */
function source(initial: UsageProblems) {
  let now = initial;
  const listeners: (() => void)[] = [];
  return {
    problems: () => now,
    onDidChangeProblems: (l: () => void) => {
      listeners.push(l);
      return { dispose: () => listeners.splice(listeners.indexOf(l), 1) };
    },
    set(next: UsageProblems) {
      now = next;
      for (const l of [...listeners]) l();
    },
  };
}

function recordingStatus() {
  const calls: [ProviderId, string | undefined, ProblemSource][] = [];
  return { calls, setProblem: (p: ProviderId, problem: StatusProblem | undefined, s: ProblemSource) => calls.push([p, problem?.summary, s]) };
}

describe('usage problems in the status bar', () => {
  const spent = { summary: 'daily budget spent', fix: 'wait' };
  const unsaved = { summary: 'usage not saved: disk full', fix: 'free space' };

  it('shows at once what was found before the status bar existed', () => {
    const status = recordingStatus();
    showUsageProblems(source({ budget: spent }), status);
    assert.deepEqual(status.calls, [['openai', 'daily budget spent', 'budget']]);
  });

  it('puts the ledger problem on both providers and clears what went away, until disposed', () => {
    const usage = source({});
    const status = recordingStatus();
    const binding = showUsageProblems(usage, status);
    assert.deepEqual(status.calls, [], 'nothing to show, nothing to clear');
    usage.set({ ledger: unsaved });
    assert.deepEqual(status.calls, [['openai', 'usage not saved: disk full', 'ledger'], ['huggingface', 'usage not saved: disk full', 'ledger']]);
    status.calls.length = 0;
    usage.set({});
    assert.deepEqual(status.calls, [['openai', undefined, 'ledger'], ['huggingface', undefined, 'ledger']]);
    binding.dispose();
    status.calls.length = 0;
    usage.set({ budget: spent });
    assert.deepEqual(status.calls, []);
  });
});
