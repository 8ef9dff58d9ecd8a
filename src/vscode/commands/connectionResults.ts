import * as vscode from 'vscode';
import type { ConnectionRow, RowFix } from '../../core/connection/rows';
import { connectionTitle } from '../../core/connection/rows';
import { settingMentioned } from '../../core/settingMention';
import { isKeyAction, PROVIDER_IDS, PROVIDERS } from '../../core/providers';
import { ACTION_LABELS, openSetting, runAction } from '../actions';
import type { Log } from '../services';

interface Item extends vscode.QuickPickItem {
  run?: () => void;
}

/**
 * Test Connection's results as a list: one row per endpoint, failures first, each followed
 * by its fixes as items. Shown without waiting for a choice, so a script awaiting the
 * command gets its results at once.
 */
export function showConnectionRows(rows: readonly ConnectionRow[], deps: { retry: () => void; log: Log; useModel: (model: string) => void }): void {
  const items: Item[] = [];
  for (const row of rows) {
    items.push({ label: row.state === 'failed' ? 'Failed' : row.state === 'ok' ? 'Answering' : 'Not contacted', kind: vscode.QuickPickItemKind.Separator });
    items.push({ label: row.label, description: row.description, detail: row.detail, run: () => deps.log.show() });
    for (const fix of row.fixes) items.push(fixItem(row, fix, deps));
  }
  items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
  // A failure already offers "Test again" under its row.
  if (!rows.some((r) => r.fixes.includes('retry'))) items.push({ label: '$(refresh) Test again', run: deps.retry });
  items.push({ label: '$(output) Show Log', run: () => deps.log.show() });

  const pick = vscode.window.createQuickPick<Item>();
  pick.title = connectionTitle(rows);
  pick.placeholder = 'Pick a fix, or press Escape';
  pick.matchOnDetail = true;
  pick.items = items;
  // The first fix of the first failure is the likely next step.
  const firstFix = items.find((i) => i.run && i.label.startsWith('    '));
  if (rows[0]?.state === 'failed' && firstFix) pick.activeItems = [firstFix];
  pick.onDidAccept(() => {
    const chosen = pick.selectedItems[0];
    pick.hide();
    chosen?.run?.();
  });
  pick.onDidHide(() => pick.dispose());
  pick.show();
}

function fixItem(row: ConnectionRow, fix: RowFix, deps: { retry: () => void; useModel: (model: string) => void }): Item {
  const indent = '    ';
  if (fix === 'useServedModel' && row.model) {
    const model = row.model;
    return { label: `${indent}$(check) Use "${model}" as tandem.huggingface.model`, description: 'picks the right completion template', run: () => deps.useModel(model) };
  }
  if (fix === 'openSettings') {
    // Your own server's address is set with its own command (it checks the URL first).
    if (!PROVIDERS[row.provider].cloud && /endpointUrl|Cannot reach|root URL|No private endpoint/.test(row.detail)) {
      return { label: `${indent}$(server) Set Private Endpoint…`, run: () => void vscode.commands.executeCommand('tandem.setPrivateEndpoint') };
    }
    const key = settingMentioned(row.detail, KNOWN_KEYS) ?? PROVIDERS[row.provider].endpointSetting;
    return { label: `${indent}$(gear) Open Settings: ${key}`, run: () => void openSetting(key) };
  }
  if (fix === 'useServedModel') return { label: `${indent}$(gear) Open Settings: tandem.huggingface.model`, run: () => void openSetting('tandem.huggingface.model') };
  if (fix === 'retry') return { label: `${indent}$(refresh) Test again`, run: deps.retry };
  const icon = isKeyAction(fix) ? '$(key)' : fix === 'showLog' ? '$(output)' : '$(arrow-swap)';
  return { label: `${indent}${icon} ${ACTION_LABELS[fix]}`, run: () => runAction(fix, deps.retry) };
}

// The settings a probe's message can name.
const KNOWN_KEYS = [...new Set(PROVIDER_IDS.flatMap((p) => [PROVIDERS[p].endpointSetting, PROVIDERS[p].modelSettings.chat, PROVIDERS[p].modelSettings.completion]))];
