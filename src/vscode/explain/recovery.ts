import * as vscode from 'vscode';
import type { ProviderId, TandemConfig } from '../../core/config';
import type { ErrorAction } from '../../core/llm/types';
import type { PanelAction, PanelButton } from '../../core/prompts/panelProtocol';
import { ACTION_LABELS, runAction } from '../actions';
import type { Services } from '../services';
import type { PortFailure } from '../chat/chatPort';
import type { Notices } from '../chat/notices';
import type { ExplainPanel } from './panel';

export const RUN_AGAIN = 'Run Explain again';

/** What the notice says changed, in the words of the key buttons (actions.ts). */
const KEY_CHANGED: Record<ProviderId, string> = { openai: 'The OpenAI key changed', huggingface: 'The Hugging Face token changed' };

/**
 * A failed explanation, made recoverable where the person is looking: the panel shows the
 * message with the fixes as buttons, and once a key or an endpoint changes afterwards (set from
 * the panel, the notification, the palette or the settings) it offers "Run Explain again", in
 * the panel and as a notification. Disposed when the next explanation begins.
 */
export function offerRecovery(
  services: Pick<Services, 'keys' | 'settings' | 'log'>,
  panel: ExplainPanel,
  notices: Notices,
  failure: PortFailure,
  retry: () => void,
): vscode.Disposable {
  const actions: ErrorAction[] = failure.actions.length ? [...new Set(failure.actions)] : ['showLog'];
  const buttons: PanelButton[] = actions.map((a) => ({ action: a, label: ACTION_LABELS[a] }));
  const onAction = (a: PanelAction) => {
    if (a === 'runAgain' || a === 'retry') retry();
    else runAction(a, retry);
  };
  panel.fail(failure.message, buttons, onAction);

  const before = endpoints(services.settings.current());
  let offered = false;
  const offer = (what: string) => {
    if (offered) return;
    offered = true;
    const message = `Tandem: ${what}. Run the explanation that failed again?`;
    services.log.info(`explain: ${what}; offering to run it again.`);
    notices.record('explain', 'info', message);
    panel.fail(`${failure.message} (${what}.)`, [{ action: 'runAgain', label: RUN_AGAIN }, ...buttons.filter((b) => b.action !== 'retry')], onAction);
    void vscode.window.showInformationMessage(message, RUN_AGAIN).then((picked) => {
      if (picked === RUN_AGAIN) retry();
    });
  };
  const subscriptions = [
    services.keys.onDidChange((p: ProviderId) => offer(KEY_CHANGED[p])),
    services.settings.onDidChange((c) => {
      const now = endpoints(c);
      if (now.openai !== before.openai) offer('The OpenAI base URL changed');
      else if (now.huggingface !== before.huggingface) offer('The private endpoint changed');
      else if (now.model !== before.model) offer('The private model changed');
    }),
  ];
  return new vscode.Disposable(() => {
    for (const s of subscriptions) s.dispose();
  });
}

function endpoints(c: TandemConfig): { openai: string; huggingface: string; model: string } {
  return { openai: c.openai.baseUrl, huggingface: c.huggingface.endpointUrl, model: c.huggingface.model };
}
