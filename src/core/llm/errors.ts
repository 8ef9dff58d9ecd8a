import type { ProviderId } from '../config';
import { scrubUrlCredentials } from '../net/urlCredentials';
import { PROVIDERS } from '../providers';
import type { ErrorAction, ProviderErrorKind, Usage } from './types';

/**
 * The one error type callers of a provider see. The message is for a person (what
 * happened, what to do), never a stack or raw JSON, and never contains a key.
 */
export class ProviderError extends Error {
  readonly kind: ProviderErrorKind;
  readonly provider: ProviderId;
  readonly actions: ErrorAction[];
  /** HTTP status when there was one. */
  readonly status?: number;
  /** rateLimited: how long the server asked us to wait, and the absolute time (ms since epoch). */
  readonly retryAfterMs?: number;
  readonly until?: number;
  /** badRequest: the endpoint's limit when known (e.g. max_input_tokens). */
  readonly limit?: { name: string; value: number };
  /** unavailable: the endpoint is starting from zero replicas. */
  readonly scalingFromZero?: boolean;
  /** Usage as far as known when the request failed (for the ledger). */
  usage?: Usage;
  latencyMs?: number;
  firstTokenMs?: number;
  /** False when the request never left the machine (no key, limit check): no usage record. */
  requestSent?: boolean;

  constructor(init: {
    kind: ProviderErrorKind; provider: ProviderId; message: string; actions?: ErrorAction[]; status?: number;
    retryAfterMs?: number; until?: number; limit?: { name: string; value: number }; scalingFromZero?: boolean;
  }) {
    super(scrubUrlCredentials(init.message));
    this.name = 'ProviderError';
    this.kind = init.kind;
    this.provider = init.provider;
    this.actions = init.actions ?? [];
    this.status = init.status;
    this.retryAfterMs = init.retryAfterMs;
    this.until = init.until;
    this.limit = init.limit;
    this.scalingFromZero = init.scalingFromZero;
  }
}

export function isProviderError(e: unknown): e is ProviderError {
  return e instanceof ProviderError;
}

const KEY_PATTERNS = [/\bsk-[A-Za-z0-9_-]{6,}/g, /\bhf_[A-Za-z0-9]{6,}/g, /\b(Bearer)\s+[A-Za-z0-9._~+/=-]{6,}/gi];

/** Removes anything that looks like a key, credentials in URLs, and the configured keys themselves. */
export function scrubSecrets(text: string, keys: readonly (string | undefined)[] = []): string {
  let out = scrubUrlCredentials(text);
  for (const k of keys) if (k && k.length >= 4) out = out.split(k).join('[redacted]');
  for (const p of KEY_PATTERNS) out = out.replace(p, (_m, bearer?: string) => (typeof bearer === 'string' ? `${bearer} [redacted]` : '[redacted]'));
  return out;
}

/** Who a person should think of: "OpenAI", or the server's host. */
export function providerLabel(provider: ProviderId, baseUrl: string): string {
  return PROVIDERS[provider].serverLabel(hostOf(baseUrl));
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the configured address';
  }
}

/** `retry-after-ms` wins over `retry-after` (seconds or an HTTP date). */
export function retryAfterFrom(headers: { get(name: string): string | null } | undefined, now: number): number | undefined {
  if (!headers) return undefined;
  const ms = Number(headers.get('retry-after-ms'));
  if (headers.get('retry-after-ms') !== null && Number.isFinite(ms) && ms >= 0) return ms;
  const raw = headers.get('retry-after');
  if (raw === null) return undefined;
  const secs = Number(raw);
  if (Number.isFinite(secs) && secs >= 0) return secs * 1000;
  const date = Date.parse(raw);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

/** Local wall-clock time; the status bar uses HH:MM (the status bar's own format), messages about short waits keep the seconds. */
export function clockTime(ms: number, withSeconds = true): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return withSeconds ? `${hm}:${pad(d.getSeconds())}` : hm;
}

/** A short, readable server message: the `error` text out of JSON bodies, scrubbed and cut. */
export function serverMessage(body: unknown, keys: readonly (string | undefined)[]): string | undefined {
  let text: string | undefined;
  if (typeof body === 'string') {
    try {
      return serverMessage(JSON.parse(body), keys);
    } catch {
      text = body.trim() || undefined;
    }
  } else if (body && typeof body === 'object') {
    const o: Record<string, unknown> = { ...body };
    const err = o.error;
    if (typeof err === 'string') text = err;
    else if (err && typeof err === 'object' && 'message' in err && typeof err.message === 'string') text = err.message;
    else if (typeof o.message === 'string') text = o.message;
  }
  if (!text) return undefined;
  if (/^\s*</.test(text)) return undefined; // an HTML error page says nothing useful
  const clean = scrubSecrets(text.replace(/\s+/g, ' ').trim(), keys);
  return clean.length > 200 ? `${clean.slice(0, 197)}...` : clean;
}
