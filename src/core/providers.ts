import type { ProviderId, TandemConfig } from './config';

/**
 * What differs between the providers apart from their wire formats, in one row each: how a
 * person reads the name, which command stores the key, which settings point at the server and
 * pick its models, and which settings rebuild it. Callers look a fact up here instead of
 * branching on the id, so the names are spelt one way and a new provider is one more row.
 */

/** The ErrorAction that stores a provider's key (llm/types builds ErrorAction on it). */
export type KeyAction = 'setOpenAIKey' | 'setHuggingFaceToken';
/** What a model is asked for: completions take the small fast model where there are two. */
export type ModelUse = 'chat' | 'completion';

type ServerSettings = Pick<TandemConfig, 'openai' | 'huggingface'>;

export interface ProviderFacts {
  readonly id: ProviderId;
  /** At the start of a sentence: "OpenAI", "The private endpoint". */
  readonly label: string;
  /** Inside a sentence: "OpenAI", "the private endpoint". */
  readonly labelMid: string;
  /** Standing alone as a heading, row or column: "OpenAI", "Private endpoint". */
  readonly title: string;
  /** Where room is short (status bar, chart legend): "OpenAI", "Private". */
  readonly shortLabel: string;
  /** The codicon of the server kind (a private workspace shows a lock instead, see status/). */
  readonly icon: string;
  /** The secret in short summaries ("no key", "token rejected"). */
  readonly keyNoun: string;
  /** The secret's full name: "OpenAI API key", "Hugging Face token". */
  readonly keyName: string;
  /** The command that stores the key, and its title in the manifest (palette: "Tandem: <title>"). */
  readonly keyCommand: string;
  readonly keyCommandTitle: string;
  readonly keyAction: KeyAction;
  /** The environment variable read when no key is stored. */
  readonly keyEnv: string;
  /** The setting that says where the server is. */
  readonly endpointSetting: string;
  /** The setting that names the model for each use (one setting may serve both). */
  readonly modelSettings: Readonly<Record<ModelUse, string>>;
  /**
   * A third party's service, as opposed to your own server: a private workspace never sends
   * to it, the daily budget caps it, its requests may cross a proxy and are priced per token.
   * Your own server is priced per hour of compute and always reached directly.
   */
  readonly cloud: boolean;
  /** A 503 may mean the server is starting from zero replicas (Inference Endpoints scale to zero). */
  readonly scalesToZero: boolean;
  /** The server's address as the settings hold it (normalised by config.ts). */
  baseUrl(config: ServerSettings): string;
  model(config: ServerSettings, use: ModelUse): string;
  /** The settings a built provider depends on: a change of this string rebuilds it. */
  fingerprint(config: ServerSettings): string;
  /** Who answered, with the host: "OpenAI", "The private endpoint (tgi:8080)". */
  serverLabel(host: string): string;
  /** Whether the server at this address cannot work without a key. */
  keyRequired(baseUrl: string): boolean;
}

const OFFICIAL_OPENAI = /^https:\/\/api\.openai\.com(\/|$)/;

export const PROVIDERS: Readonly<Record<ProviderId, ProviderFacts>> = {
  openai: {
    id: 'openai',
    label: 'OpenAI',
    labelMid: 'OpenAI',
    title: 'OpenAI',
    shortLabel: 'OpenAI',
    icon: '$(cloud)',
    keyNoun: 'key',
    keyName: 'OpenAI API key',
    keyCommand: 'tandem.setOpenAIKey',
    keyCommandTitle: 'Set OpenAI API Key',
    keyAction: 'setOpenAIKey',
    keyEnv: 'OPENAI_API_KEY',
    endpointSetting: 'tandem.openai.baseUrl',
    modelSettings: { chat: 'tandem.openai.chatModel', completion: 'tandem.openai.completionModel' },
    cloud: true,
    scalesToZero: false,
    baseUrl: (c) => c.openai.baseUrl,
    model: (c, use) => (use === 'completion' ? c.openai.completionModel : c.openai.chatModel),
    fingerprint: (c) => JSON.stringify([c.openai.baseUrl]),
    // Any other host speaks OpenAI's API but is not OpenAI: say whose server it is.
    serverLabel: (host) => (host === 'api.openai.com' ? 'OpenAI' : `The OpenAI-compatible server at ${host}`),
    keyRequired: (baseUrl) => OFFICIAL_OPENAI.test(baseUrl),
  },
  huggingface: {
    id: 'huggingface',
    label: 'The private endpoint',
    labelMid: 'the private endpoint',
    title: 'Private endpoint',
    shortLabel: 'Private',
    icon: '$(server)',
    keyNoun: 'token',
    keyName: 'Hugging Face token',
    keyCommand: 'tandem.setHuggingFaceToken',
    keyCommandTitle: 'Set Hugging Face Token',
    keyAction: 'setHuggingFaceToken',
    keyEnv: 'HF_TOKEN',
    endpointSetting: 'tandem.huggingface.endpointUrl',
    modelSettings: { chat: 'tandem.huggingface.model', completion: 'tandem.huggingface.model' },
    cloud: false,
    scalesToZero: true,
    baseUrl: (c) => c.huggingface.endpointUrl,
    model: (c) => c.huggingface.model,
    fingerprint: (c) => JSON.stringify([c.huggingface.endpointUrl, c.huggingface.fimTemplate, c.huggingface.serverKind]),
    serverLabel: (host) => `The private endpoint (${host})`,
    // Most endpoints on a private network take no token; one that wants it says so with a 401.
    keyRequired: () => false,
  },
};

/** Every provider, in the order lists and tables show them. */
export const PROVIDER_IDS: readonly ProviderId[] = ['openai', 'huggingface'];

export function isProviderId(v: unknown): v is ProviderId {
  return PROVIDER_IDS.some((p) => p === v);
}

/** The key command as the palette shows it: "Tandem: Set OpenAI API Key". */
export function keyCommandName(id: ProviderId): string {
  return `Tandem: ${PROVIDERS[id].keyCommandTitle}`;
}

/** The provider whose key this action stores, if it stores one. */
export function providerOfKeyAction(action: string): ProviderId | undefined {
  return PROVIDER_IDS.find((p) => PROVIDERS[p].keyAction === action);
}

/** Whether an action is the one that stores some provider's key. */
export function isKeyAction(action: string): action is KeyAction {
  return providerOfKeyAction(action) !== undefined;
}
