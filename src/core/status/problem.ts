import type { ProviderId } from '../config';
import { keyCommandName, PROVIDERS } from '../providers';

/**
 * A provider's error state as the status bar shows it. The kinds are the states a person
 * must tell apart at a glance: a key never set is not a key rejected, a refused
 * connection is not a missing endpoint, a 429 is not an outage.
 */
export type ProblemKind = 'noKey' | 'keyRejected' | 'unreachable' | 'unavailable' | 'rateLimited' | 'paused' | 'budget' | 'noEndpoint' | 'other';

export interface ProviderProblem {
  /** Short words for the item, e.g. "no key", "rate-limited until 14:05". */
  summary: string;
  /** What to do, for the tooltip. */
  fix: string;
  /** Absent for sources that only know words (then the tooltip offers no specific link). */
  kind?: ProblemKind;
  /** When the state ends by itself (ms since epoch): a rate limit, an open circuit. */
  until?: number;
}

/** Whether a key is available for a provider, and whether its server needs one to work at all. */
export interface KeyState {
  present: boolean;
  /** OpenAI's own API always needs a key; OpenAI-compatible local servers and most endpoints do not. */
  required: boolean;
}

/** Why the key is missing, in words of each provider: the cloud always needs one, an endpoint only when it asks. */
const NO_KEY_WHY: Record<ProviderId, string> = {
  openai: `No ${PROVIDERS.openai.keyName} is set.`,
  huggingface: 'The endpoint wants a token and none is set.',
};

function noKey(provider: ProviderId): ProviderProblem {
  const p = PROVIDERS[provider];
  return { kind: 'noKey', summary: `no ${p.keyNoun}`, fix: `${NO_KEY_WHY[provider]} Run "${keyCommandName(provider)}" (or set ${p.keyEnv} for VS Code).` };
}

/**
 * The one problem the item shows for a provider, from its sources in priority order
 * (each source keeps its own; none overwrites another). A missing key beats everything:
 * without one the server's 401 means "no key", never "key rejected".
 */
export function pickProblem(provider: ProviderId, sources: readonly (ProviderProblem | undefined)[], key: KeyState): ProviderProblem | undefined {
  const first = sources.find((p) => p !== undefined);
  if (!key.present && (key.required || first?.kind === 'keyRejected')) return noKey(provider);
  return first;
}
