import * as vscode from 'vscode';
import { checkEndpointUrl } from '../../core/connection/endpointInput';
import type { Services } from '../services';

/**
 * `tandem.setPrivateEndpoint`: `url?: string` (none: an input box that checks it as you type).
 * Writes `tandem.huggingface.endpointUrl` to the user scope, which on a remote window
 * (code-server, Remote-SSH, WSL, Codespaces) is the remote machine's settings: the only
 * place a machine-scoped setting is read there. Then tests the connection. Returns the
 * stored URL, or undefined when cancelled or refused.
 */
export function registerSetPrivateEndpoint(services: Services, reload: () => void): vscode.Disposable {
  return vscode.commands.registerCommand('tandem.setPrivateEndpoint', async (arg?: unknown): Promise<string | undefined> => {
    if (arg !== undefined && typeof arg !== 'string') {
      void vscode.window.showErrorMessage('Tandem: the private endpoint must be a URL string, e.g. "http://tgi.internal:8080".');
      return undefined;
    }
    let input = arg;
    if (input === undefined) {
      input = await vscode.window.showInputBox({
        title: 'Tandem: Set Private Endpoint',
        prompt: 'The root URL of your TGI, Inference Endpoint, vLLM, llama.cpp or Ollama server. Stored in your user settings'
          + (vscode.env.remoteName ? ' on this remote machine.' : '.'),
        placeHolder: 'http://tgi.internal:8080',
        value: services.settings.current().huggingface.endpointUrl,
        ignoreFocusOut: true,
        validateInput: (v) => {
          const c = checkEndpointUrl(v);
          return c.ok ? undefined : c.message;
        },
      });
      if (input === undefined) return undefined; // cancelled
    }
    const checked = checkEndpointUrl(input);
    if (!checked.ok) {
      void vscode.window.showErrorMessage(`Tandem: ${checked.message} Nothing was stored.`);
      return undefined;
    }
    try {
      await vscode.workspace.getConfiguration('tandem').update('huggingface.endpointUrl', checked.url, vscode.ConfigurationTarget.Global);
    } catch (e) {
      services.log.error(`Could not write tandem.huggingface.endpointUrl: ${e instanceof Error ? e.message : String(e)}`);
      void vscode.window.showErrorMessage('Tandem: could not save the endpoint in your user settings (is the settings file read-only or invalid?). Nothing changed.');
      return undefined;
    }
    // Re-read now, so the test below already sees the new endpoint.
    reload();
    services.log.info(`Private endpoint set to ${checked.url} (${vscode.env.remoteName ? `remote settings, ${vscode.env.remoteName}` : 'user settings'}).`);
    await vscode.commands.executeCommand('tandem.testConnection', 'huggingface');
    return checked.url;
  });
}
