import { loadedSdk } from '../net/sdkLoader';
import type { ProviderId } from '../config';
import { keyCommandName, PROVIDERS } from '../providers';
import { clockTime, hostOf, isProviderError, ProviderError, retryAfterFrom, scrubSecrets, serverMessage } from './errors';

/**
 * Turns whatever the client packages throw (openai's APIError family, the HF client's
 * InferenceClientProviderApiError, fetch's TypeError, a DOMException) into one
 * ProviderError. Done once here so each vendor file only translates wire formats.
 */
export interface ErrorContext {
  provider: ProviderId;
  /** Who answered, as providers.ts spells it with the host (`serverLabel`). */
  label: string;
  baseUrl: string;
  model: string;
  /** Keys to scrub from any text we pass on. */
  keys: readonly (string | undefined)[];
  aborted: boolean;
  /** Status and headers of the last response, when the fetch wrapper saw them. */
  responseStatus?: number;
  responseHeaders?: { get(name: string): string | null };
  now: number;
}

interface HeaderBag { get(name: string): string | null }

function isHeaderBag(v: unknown): v is HeaderBag {
  return typeof v === 'object' && v !== null && 'get' in v && typeof v.get === 'function';
}

function statusOf(e: object): { status?: number; body?: unknown; headers?: HeaderBag } {
  // openai: APIError { status, headers, error }; HF: { httpResponse: { status, body } }.
  if ('httpResponse' in e && typeof e.httpResponse === 'object' && e.httpResponse !== null) {
    const r = e.httpResponse;
    const status = 'status' in r && typeof r.status === 'number' ? r.status : undefined;
    const body = 'body' in r ? r.body : undefined;
    return { status, body };
  }
  if ('status' in e && typeof e.status === 'number') {
    const headers = 'headers' in e && isHeaderBag(e.headers) ? e.headers : undefined;
    const body = 'error' in e ? { error: e.error } : undefined;
    return { status: e.status, body, headers };
  }
  return {};
}

function errName(e: unknown): string {
  return e && typeof e === 'object' && 'name' in e && typeof e.name === 'string' ? e.name : '';
}

function causeCode(e: unknown): string | undefined {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur && typeof cur === 'object'; i++) {
    if ('code' in cur && typeof cur.code === 'string') return cur.code;
    cur = 'cause' in cur ? cur.cause : undefined;
  }
  return undefined;
}

const NETWORK_WORDS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'the connection was reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'DNS lookup failed',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'host unreachable',
  UND_ERR_SOCKET: 'the connection closed unexpectedly',
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
  CERT_HAS_EXPIRED: 'its TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate could not be verified',
};

/** Pulls a numeric limit out of a server's validation message, when it states one. */
export function limitFrom(message: string | undefined): { name: string; value: number } | undefined {
  if (!message) return undefined;
  const patterns: [RegExp, string][] = [
    [/max(?:imum)?[_ ]context[_ ]length is (\d+)/i, 'context length'],
    [/must be <= (\d+)/i, 'max_total_tokens'],
    [/max_input_tokens[^\d]*(\d+)/i, 'max_input_tokens'],
    [/max_total_tokens[^\d]*(\d+)/i, 'max_total_tokens'],
    [/at most (\d+) stop/i, 'max_stop_sequences'],
  ];
  for (const [re, name] of patterns) {
    const m = re.exec(message);
    if (m) return { name, value: Number(m[1]) };
  }
  return undefined;
}

export function toProviderError(e: unknown, ctx: ErrorContext): ProviderError {
  if (isProviderError(e)) return e;
  const { provider, label } = ctx;
  const facts = PROVIDERS[provider];
  if (ctx.aborted || errName(e) === 'AbortError' || isSdkError(e, 'APIUserAbortError')) {
    return new ProviderError({ kind: 'cancelled', provider, message: 'The request was cancelled.' });
  }
  const obj = e && typeof e === 'object' ? e : {};
  const parts = statusOf(obj);
  const { body } = parts;
  let { status } = parts;
  const headers = parts.headers ?? ctx.responseHeaders;
  // An error event after a 200 (TGI /generate_stream, or the HF client's stream check).
  const errorType = body && typeof body === 'object' && 'error_type' in body && typeof body.error_type === 'string' ? body.error_type : undefined;
  if (status === 200 && errorType) status = errorType === 'validation' ? 422 : errorType === 'overloaded' ? 429 : 424;
  const detail = serverMessage(body, ctx.keys);
  const said = detail ? ` It said: "${detail}"` : '';

  if (status !== undefined) {
    if (status === 401) {
      return new ProviderError({ kind: 'auth', provider, status, actions: [facts.keyAction, 'showLog'], message: `${label} rejected the ${facts.keyName} (401). Set a valid one with "${keyCommandName(provider)}".` });
    }
    if (status === 403) {
      return new ProviderError({ kind: 'auth', provider, status, actions: [facts.keyAction, 'openSettings'], message: `${label} refused access (403): your key may not be allowed to use model "${ctx.model}".${said}` });
    }
    if (status === 404) {
      const setting = `${[...new Set(Object.values(facts.modelSettings))].join(' / ')} and ${facts.endpointSetting}`;
      return new ProviderError({ kind: 'notFound', provider, status, actions: ['openSettings'], message: `${label} has no model "${ctx.model}" or route for this request (404). Check ${setting}.${said}` });
    }
    if (status === 408) {
      return new ProviderError({ kind: 'timeout', provider, status, actions: ['retry'], message: `${label} timed out on the request (408). Try again.` });
    }
    if (status === 429) {
      const retryAfterMs = retryAfterFrom(headers, ctx.now);
      const until = retryAfterMs !== undefined ? ctx.now + retryAfterMs : undefined;
      const when = until !== undefined ? ` Try again after ${clockTime(until)}.` : ' Try again in a moment.';
      const what = errorType === 'overloaded' ? 'is overloaded' : 'is rate-limiting requests';
      return new ProviderError({ kind: 'rateLimited', provider, status, retryAfterMs, until, actions: ['retry', 'switchProvider'], message: `${label} ${what} (429).${when}` });
    }
    if (status === 400 || status === 413 || status === 422) {
      const limit = limitFrom(detail);
      return new ProviderError({ kind: 'badRequest', provider, status, limit, actions: ['showLog'], message: `${label} rejected the request (${status}).${said}` });
    }
    if (status === 503) {
      const scalingFromZero = facts.scalesToZero;
      const message = scalingFromZero
        ? `${label} is unavailable (503); it may be starting from zero replicas, which can take a few minutes. Try again shortly.`
        : `${label} is unavailable (503). Try again shortly.`;
      return new ProviderError({ kind: 'unavailable', provider, status, scalingFromZero, actions: ['retry', 'showLog'], message });
    }
    if (status >= 500 || status === 424) {
      return new ProviderError({ kind: 'unavailable', provider, status, actions: ['retry', 'showLog'], message: `${label} failed with a server error (${status}). Try again shortly.${said}` });
    }
    return new ProviderError({ kind: 'badRequest', provider, status, actions: ['showLog'], message: `${label} answered ${status}.${said}` });
  }

  const name = errName(e);
  // openai's error classes set no `name` (and bundling mangles class names): use instanceof.
  if (isSdkError(e, 'APIConnectionTimeoutError')) {
    return new ProviderError({ kind: 'timeout', provider, actions: ['retry', 'showLog'], message: `${label} did not answer in time. Try again.` });
  }
  if (name === 'SyntaxError') {
    return new ProviderError({ kind: 'unavailable', provider, actions: ['showLog', 'openSettings'], message: `${label} sent a response Tandem could not read. Is ${hostOf(ctx.baseUrl)} the right kind of server?` });
  }
  const code = causeCode(e);
  const why = (code && NETWORK_WORDS[code]) ?? 'the connection failed';
  if (isSdkError(e, 'APIConnectionError') || name === 'TypeError' || code) {
    return new ProviderError({ kind: 'network', provider, actions: ['retry', 'openSettings'], message: `Could not reach ${hostOf(ctx.baseUrl)}: ${why}. Check the address and your network.` });
  }
  const msg = e instanceof Error ? scrubSecrets(e.message, ctx.keys).slice(0, 200) : 'unknown error';
  return new ProviderError({ kind: 'network', provider, actions: ['retry', 'showLog'], message: `${label} request failed: ${msg}` });
}

/** `e instanceof` one of openai's error classes; false while openai is not loaded (nothing can have thrown one). */
function isSdkError(e: unknown, cls: 'APIUserAbortError' | 'APIConnectionTimeoutError' | 'APIConnectionError'): boolean {
  const lib = loadedSdk();
  return lib !== undefined && e instanceof lib[cls];
}
