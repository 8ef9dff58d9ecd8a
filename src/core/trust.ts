import type { ScopedValues } from './privacy/folderSettings';

/**
 * Every setting that spends money or changes where code goes. In Restricted Mode (an
 * untrusted workspace) a repository's `.vscode/settings.json` value of these is ignored:
 * VS Code drops it (they are `restrictedConfigurations` in package.json, kept equal to this
 * list by a unit test) and the settings reader ignores it again itself. The privacy settings
 * are not here: they only ever add privacy, so a repository may always set them.
 */
export const RESTRICTED_SETTINGS: readonly string[] = [
  'tandem.provider',
  'tandem.inline.provider',
  'tandem.chat.provider',
  'tandem.fallbackToPrivate',
  'tandem.openai.chatModel',
  'tandem.openai.completionModel',
  'tandem.huggingface.model',
  'tandem.huggingface.fimTemplate',
  'tandem.huggingface.serverKind',
  'tandem.huggingface.hourlyCostUsd',
  'tandem.inline.maxTokens',
  'tandem.inline.debounceMs',
  'tandem.inline.context',
  'tandem.pricing',
  'tandem.budget.dailyUsd',
];

/** `key` without the `tandem.` prefix, as the settings reader asks for it. */
export function isRestrictedSetting(key: string): boolean {
  return RESTRICTED_SETTINGS.includes(`tandem.${key}`);
}

/**
 * The value of a restricted setting in an untrusted workspace: the user's own, else the
 * default; never the workspace's or a folder's.
 */
export function untrustedValue(values: ScopedValues | undefined): unknown {
  return values?.globalValue !== undefined ? values.globalValue : values?.defaultValue;
}
