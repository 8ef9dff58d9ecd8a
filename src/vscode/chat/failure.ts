import type { ErrorAction } from '../../core/llm/types';
import { notify } from '../actions';
import type { PortFailure } from './chatPort';
import type { Notices } from './notices';

/**
 * Tells the person what failed with the buttons that fix it (README, "When something fails"
 * "Failures"). Resolves when shown; the chosen action runs in the background
 * so a script calling the command is never blocked on a notification.
 */
export function showFailure(feature: 'explain' | 'refactor', failure: PortFailure, notices: Notices, retry: () => void): void {
  const actions = failure.actions.length ? failure.actions : (['showLog'] satisfies ErrorAction[]);
  const message = `Tandem ${feature}: ${failure.message}`;
  notices.record(feature, 'error', message, actions);
  notify('error', message, actions, retry);
}
