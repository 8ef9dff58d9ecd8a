import * as vscode from 'vscode';
import type { ErrorAction } from '../../core/llm/types';
import type { PortFailure } from './chatPort';
import type { Notices } from './notices';

const LABELS: Record<ErrorAction, string> = {
  setOpenAIKey: 'Set OpenAI Key',
  setHuggingFaceToken: 'Set Hugging Face Token',
  openSettings: 'Open Settings',
  switchProvider: 'Switch Provider',
  retry: 'Retry',
  showLog: 'Show Log',
};

/**
 * Tells the person what failed with the buttons that fix it (CONTRACT.md
 * "Failures"). Resolves when shown; the chosen action runs in the background
 * so a script calling the command is never blocked on a notification.
 */
export function showFailure(feature: 'explain' | 'refactor', failure: PortFailure, notices: Notices, retry: () => void): void {
  const actions = failure.actions.length ? failure.actions : (['showLog'] satisfies ErrorAction[]);
  const message = `Tandem ${feature}: ${failure.message}`;
  notices.record(feature, 'error', message, actions);
  void vscode.window.showErrorMessage(message, ...actions.map((a) => LABELS[a])).then((picked) => {
    const action = actions.find((a) => LABELS[a] === picked);
    if (action) runAction(action, retry);
  });
}

export function runAction(action: ErrorAction, retry: () => void): void {
  switch (action) {
    case 'setOpenAIKey':
      void vscode.commands.executeCommand('tandem.setOpenAIKey');
      break;
    case 'setHuggingFaceToken':
      void vscode.commands.executeCommand('tandem.setHuggingFaceToken');
      break;
    case 'switchProvider':
      void vscode.commands.executeCommand('tandem.switchProvider');
      break;
    case 'openSettings':
      void vscode.commands.executeCommand('workbench.action.openSettings', '@ext:tandem-dev.tandem');
      break;
    case 'showLog':
      void vscode.commands.executeCommand('tandem.showLog');
      break;
    case 'retry':
      retry();
      break;
  }
}
