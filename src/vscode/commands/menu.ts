import * as vscode from 'vscode';
import type { ProviderId } from '../../core/config';
import { PROVIDER_IDS, PROVIDERS } from '../../core/providers';
import type { Services } from '../services';
import type { VsCodeSettings } from '../settings';
import { writeProviderSetting } from './providerScope';
import { switchProvider } from './switchProvider';

type Choice = 'openai' | 'huggingface' | 'split';

interface Item extends vscode.QuickPickItem {
  run?: () => Promise<unknown>;
}

/**
 * `tandem.menu`, what a click on the status bar opens: the providers (OpenAI, private,
 * split per feature), marking this repository private, the connection test, keys and
 * endpoint, inline on/off, usage, log. Only "Mark this repository private" writes into the
 * workspace, and its label says so; the provider choices write the user settings (or the
 * scope that already sets them). Resolves once the chosen action is done.
 */
export function registerMenu(services: Services, settings: VsCodeSettings): vscode.Disposable {
  return vscode.commands.registerCommand('tandem.menu', async (): Promise<void> => {
    const picked = await pickOne(items(services, settings));
    if (picked?.run) await picked.run();
  });
}

function items(services: Services, settings: VsCodeSettings): Item[] {
  const config = services.settings.current();
  const privacy = services.privacy.decisionFor();
  const chat = services.route('explain');
  const inline = services.route('inline');
  const now: Choice = chat.provider !== inline.provider ? 'split' : chat.provider;
  const mark = (c: Choice) => (c === now ? '$(check) ' : '');
  const refused = privacy.private ? 'refused: this workspace is private' : undefined;
  const choose = (c: Choice) => async () => applyChoice(services, settings, c);
  const out: Item[] = [
    { label: 'Provider', kind: vscode.QuickPickItemKind.Separator },
    { label: `${mark('openai')}${PROVIDERS.openai.icon} ${PROVIDERS.openai.title}`, description: refused ?? `everything on ${config.openai.chatModel} / ${config.openai.completionModel}`, run: choose('openai') },
    { label: `${mark('huggingface')}${PROVIDERS.huggingface.icon} ${PROVIDERS.huggingface.title}`, description: config.huggingface.endpointUrl ? `everything on ${config.huggingface.model || 'your endpoint'}` : 'no endpoint set yet', run: choose('huggingface') },
    { label: `${mark('split')}$(split-horizontal) Split`, description: refused ?? 'completions on the private endpoint, explain and refactor on OpenAI', run: choose('split') },
    { label: 'This repository', kind: vscode.QuickPickItemKind.Separator },
    privacy.private
      ? { label: '$(lock) This workspace is private', description: privacy.reason }
      : { label: '$(lock) Mark This Repository Private…', description: 'writes "tandem.privateWorkspace": true into .vscode/settings.json (commit it)', run: () => Promise.resolve(vscode.commands.executeCommand('tandem.markWorkspacePrivate')) },
    { label: 'Set up', kind: vscode.QuickPickItemKind.Separator },
    command('$(plug) Test Connection', 'tandem.testConnection', 'checks each endpoint, spends no tokens'),
    command('$(server) Set Private Endpoint…', 'tandem.setPrivateEndpoint', config.huggingface.endpointUrl || 'not set'),
    ...PROVIDER_IDS.map((p) => command(`$(key) ${PROVIDERS[p].keyCommandTitle}`, PROVIDERS[p].keyCommand)),
    { label: 'More', kind: vscode.QuickPickItemKind.Separator },
    command(`$(sparkle) ${config.inline.enabled ? 'Turn Off' : 'Turn On'} Inline Completions`, 'tandem.toggleInlineCompletions', config.inline.enabled ? 'on' : 'off'),
    command('$(graph) Show Usage and Cost', 'tandem.showUsage'),
    command('$(output) Show Log', 'tandem.showLog'),
  ];
  return out;
}

function command(label: string, id: string, description?: string): Item {
  return { label, ...(description ? { description } : {}), run: () => Promise.resolve(vscode.commands.executeCommand(id)) };
}

/** The per-feature settings of each choice; `default` follows tandem.provider. */
const CHOICES: Record<Choice, { provider: ProviderId; inline: string; chat: string }> = {
  openai: { provider: 'openai', inline: 'default', chat: 'default' },
  huggingface: { provider: 'huggingface', inline: 'default', chat: 'default' },
  split: { provider: 'openai', inline: 'huggingface', chat: 'default' },
};

async function applyChoice(services: Services, settings: VsCodeSettings, c: Choice): Promise<void> {
  const want = CHOICES[c];
  // switchProvider refuses OpenAI in a private workspace (with its warning) and writes nothing then.
  if (services.privacy.decisionFor().private && c !== 'huggingface') {
    await switchProvider(services, settings, 'openai');
    return;
  }
  try {
    // Per-feature settings first, so the provider switch below already sees the whole choice.
    await writeProviderSetting('inline.provider', want.inline, 'default');
    await writeProviderSetting('chat.provider', want.chat, 'default');
  } catch (e) {
    services.log.error(`Could not write the per-feature providers: ${e instanceof Error ? e.message : String(e)}`);
    void vscode.window.showErrorMessage('Tandem: could not save tandem.inline.provider / tandem.chat.provider (is the settings file read-only or invalid?). Nothing else changed.');
    return;
  }
  settings.reload();
  await switchProvider(services, settings, want.provider);
}

function pickOne(list: Item[]): Promise<Item | undefined> {
  return new Promise((resolve) => {
    const pick = vscode.window.createQuickPick<Item>();
    pick.title = 'Tandem';
    pick.placeholder = 'Choose a provider or an action';
    pick.items = list;
    let chosen: Item | undefined;
    pick.onDidAccept(() => {
      chosen = pick.selectedItems[0];
      pick.hide();
    });
    pick.onDidHide(() => {
      pick.dispose();
      resolve(chosen);
    });
    pick.show();
  });
}
