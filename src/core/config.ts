/**
 * The typed settings of Tandem, read once from a plain source (the VS Code
 * adapter in src/vscode/settings.ts, or a test fake) and re-read on change.
 * Invalid values fall back to the default and are reported as problems, so a
 * typo in settings.json never crashes activation.
 */

export type ProviderId = 'openai' | 'huggingface';
export type Feature = 'inline' | 'explain' | 'refactor';
export type FeatureProviderSetting = 'default' | ProviderId;
export const FIM_TEMPLATE_IDS = ['starcoder', 'codellama', 'deepseek', 'qwen', 'codestral', 'codegemma', 'codeqwen', 'granite', 'seedcoder'] as const;
export type FimTemplateId = (typeof FIM_TEMPLATE_IDS)[number];
export type FimTemplateSetting = 'auto' | FimTemplateId;
/** The private servers whose completion dialects differ. */
export const SERVER_KINDS = ['tgi', 'vllm', 'llamacpp', 'ollama'] as const;
export type ServerKind = (typeof SERVER_KINDS)[number];
export type ServerKindSetting = 'auto' | ServerKind;

/** USD per 1M tokens. */
export interface ModelPrice {
  input: number;
  cachedInput?: number;
  output: number;
}

export interface TandemConfig {
  provider: ProviderId;
  fallbackToPrivate: boolean;
  /** Union of every scope's value, defaults included (privacy only ever adds). */
  exclude: string[];
  /** Union of every scope's value. */
  privateFolders: string[];
  openai: { baseUrl: string; chatModel: string; completionModel: string };
  huggingface: { endpointUrl: string; model: string; fimTemplate: FimTemplateSetting; hourlyCostUsd: number; serverKind?: ServerKindSetting };
  inline: {
    provider: FeatureProviderSetting; enabled: boolean; debounceMs: number; maxTokens: number;
    /** Snippets from other files of the project as completion context. */
    context: 'on' | 'off';
  };
  chat: { provider: FeatureProviderSetting };
  budget: { dailyUsd: number };
  pricing: Record<string, ModelPrice>;
}

export const DEFAULT_EXCLUDE: readonly string[] = ['**/.env', '**/.env.*', '**/*.pem', '**/*.key', '**/id_rsa*', '**/secrets/**', '**/*.ppk', '**/*.p12', '**/*.pfx', '**/*.jks', '**/.netrc'];

export const DEFAULT_CONFIG: TandemConfig = {
  provider: 'openai',
  fallbackToPrivate: true,
  exclude: [...DEFAULT_EXCLUDE],
  privateFolders: [],
  openai: { baseUrl: 'https://api.openai.com/v1', chatModel: 'gpt-4.1-mini', completionModel: 'gpt-4.1-nano' },
  huggingface: { endpointUrl: '', model: '', fimTemplate: 'auto', hourlyCostUsd: 0, serverKind: 'auto' },
  inline: { provider: 'default', enabled: true, debounceMs: 150, maxTokens: 128, context: 'on' },
  chat: { provider: 'default' },
  budget: { dailyUsd: 0 },
  pricing: {},
};

/** Where settings come from; the VS Code adapter implements it with `getConfiguration('tandem')`. */
export interface SettingsSource {
  /** The effective value of `tandem.<key>` (undefined when unset everywhere). */
  get(key: string): unknown;
  /** The value of every scope that sets `tandem.<key>` (default, user, workspace, folder). */
  allScopes(key: string): unknown[];
}

export interface ParsedConfig {
  config: TandemConfig;
  /** One human-readable line per invalid setting, e.g. for the log. */
  problems: string[];
}

export function parseConfig(source: SettingsSource): ParsedConfig {
  const problems: string[] = [];
  const d = DEFAULT_CONFIG;

  function pick<T>(key: string, fallback: T, check: (v: unknown) => v is T, expected: string): T {
    const v = source.get(key);
    if (v === undefined || v === null) return fallback;
    if (check(v)) return v;
    problems.push(`tandem.${key}: expected ${expected}, got ${JSON.stringify(v)}; using ${JSON.stringify(fallback)}`);
    return fallback;
  }
  const str = (key: string, fallback: string) => pick(key, fallback, isString, 'a string').trim();
  const bool = (key: string, fallback: boolean) => pick(key, fallback, isBoolean, 'true or false');
  const num = (key: string, fallback: number, min: number, max: number) =>
    pick(key, fallback, (v): v is number => isNumber(v) && v >= min && v <= max, `a number from ${min} to ${max}`);
  const oneOf = <T extends string>(key: string, fallback: T, allowed: readonly T[]) =>
    pick(key, fallback, (v): v is T => allowed.some((a) => a === v), allowed.map((a) => `"${a}"`).join(' | '));

  const unionOfStrings = (key: string, base: readonly string[]): string[] => {
    const out = new Set(base);
    for (const v of source.allScopes(key)) {
      if (!Array.isArray(v)) {
        if (v !== undefined) problems.push(`tandem.${key}: expected a list of strings, got ${JSON.stringify(v)}`);
        continue;
      }
      for (const item of v) {
        if (isString(item) && item.trim()) out.add(item.trim());
        else problems.push(`tandem.${key}: ignored entry ${JSON.stringify(item)} (not a string)`);
      }
    }
    return [...out];
  };

  return {
    config: {
      provider: oneOf('provider', d.provider, ['openai', 'huggingface']),
      fallbackToPrivate: bool('fallbackToPrivate', d.fallbackToPrivate),
      exclude: unionOfStrings('exclude', DEFAULT_EXCLUDE),
      privateFolders: unionOfStrings('privateFolders', []),
      openai: {
        baseUrl: stripTrailingSlash(str('openai.baseUrl', d.openai.baseUrl)) || d.openai.baseUrl,
        chatModel: str('openai.chatModel', d.openai.chatModel) || d.openai.chatModel,
        completionModel: str('openai.completionModel', d.openai.completionModel) || d.openai.completionModel,
      },
      huggingface: {
        endpointUrl: normalizeEndpointUrl(str('huggingface.endpointUrl', d.huggingface.endpointUrl)),
        model: str('huggingface.model', d.huggingface.model),
        fimTemplate: oneOf('huggingface.fimTemplate', d.huggingface.fimTemplate, ['auto', ...FIM_TEMPLATE_IDS]),
        hourlyCostUsd: num('huggingface.hourlyCostUsd', d.huggingface.hourlyCostUsd, 0, 1e6),
        serverKind: oneOf<ServerKindSetting>('huggingface.serverKind', 'auto', ['auto', ...SERVER_KINDS]),
      },
      inline: {
        provider: oneOf('inline.provider', d.inline.provider, ['default', 'openai', 'huggingface']),
        enabled: bool('inline.enabled', d.inline.enabled),
        debounceMs: num('inline.debounceMs', d.inline.debounceMs, 0, 5000),
        maxTokens: num('inline.maxTokens', d.inline.maxTokens, 1, 4096),
        context: oneOf('inline.context', d.inline.context, ['on', 'off']),
      },
      chat: { provider: oneOf('chat.provider', d.chat.provider, ['default', 'openai', 'huggingface']) },
      budget: { dailyUsd: num('budget.dailyUsd', d.budget.dailyUsd, 0, 1e9) },
      pricing: parsePricing(source.get('pricing'), problems),
    },
    problems,
  };
}

/** `http://tgi:8080/v1/` -> `http://tgi:8080` (the contract accepts and strips a trailing /v1). */
export function normalizeEndpointUrl(url: string): string {
  return stripTrailingSlash(url.trim()).replace(/\/v1$/, '');
}

function stripTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

function parsePricing(v: unknown, problems: string[]): Record<string, ModelPrice> {
  if (v === undefined || v === null) return {};
  if (!isRecord(v)) {
    problems.push(`tandem.pricing: expected an object of models, got ${JSON.stringify(v)}`);
    return {};
  }
  const out: Record<string, ModelPrice> = {};
  for (const [model, p] of Object.entries(v)) {
    if (isRecord(p) && isNumber(p.input) && isNumber(p.output) && p.input >= 0 && p.output >= 0 &&
      (p.cachedInput === undefined || (isNumber(p.cachedInput) && p.cachedInput >= 0))) {
      out[model] = { input: p.input, output: p.output, ...(isNumber(p.cachedInput) ? { cachedInput: p.cachedInput } : {}) };
    } else {
      problems.push(`tandem.pricing["${model}"]: expected { "input": number, "cachedInput"?: number, "output": number } in USD per 1M tokens`);
    }
  }
  return out;
}

export function isString(v: unknown): v is string {
  return typeof v === 'string';
}
export function isBoolean(v: unknown): v is boolean {
  return typeof v === 'boolean';
}
export function isNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
