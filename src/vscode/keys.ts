import * as vscode from 'vscode';
import type { ProviderId } from '../core/config';
import { PROVIDER_IDS, PROVIDERS } from '../core/providers';
import type { KeyStore } from './services';

/** SecretStorage names from the contract; the key itself never leaves SecretStorage. */
export const SECRET_NAMES: Record<ProviderId, string> = {
  openai: 'tandem.openai.apiKey',
  huggingface: 'tandem.huggingface.token',
};

export class SecretKeyStore implements KeyStore, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<ProviderId>();
  private readonly subscription: vscode.Disposable;
  readonly onDidChange = this.emitter.event;

  constructor(private readonly secrets: vscode.SecretStorage, private readonly env: NodeJS.ProcessEnv = process.env) {
    // Another window may set or delete a key: follow it.
    this.subscription = secrets.onDidChange((e) => {
      for (const p of PROVIDER_IDS) if (e.key === SECRET_NAMES[p]) this.emitter.fire(p);
    });
  }

  async get(provider: ProviderId): Promise<string | undefined> {
    const stored = await this.secrets.get(SECRET_NAMES[provider]);
    if (stored) return stored;
    const fromEnv = this.env[PROVIDERS[provider].keyEnv]?.trim();
    return fromEnv || undefined;
  }

  /** Where the key in use comes from, for messages (never the key itself). */
  async source(provider: ProviderId): Promise<'secretStorage' | 'environment' | 'none'> {
    if (await this.secrets.get(SECRET_NAMES[provider])) return 'secretStorage';
    return this.env[PROVIDERS[provider].keyEnv]?.trim() ? 'environment' : 'none';
  }

  async set(provider: ProviderId, key: string): Promise<void> {
    await this.secrets.store(SECRET_NAMES[provider], key);
    this.emitter.fire(provider);
  }

  async delete(provider: ProviderId): Promise<void> {
    await this.secrets.delete(SECRET_NAMES[provider]);
    this.emitter.fire(provider);
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}
