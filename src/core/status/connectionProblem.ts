import type { ConnectionResult } from '../connection/probe';
import { isKeyAction, PROVIDERS } from '../providers';
import type { ProviderProblem } from './problem';

/**
 * What a connection test found, as the status bar's problem for that provider (undefined:
 * nothing wrong, or nothing the item should say). A 401 it found shows as a rejected key at
 * once, instead of a healthy item until the next request fails.
 */
export function problemFromConnection(r: Pick<ConnectionResult, 'provider' | 'ok' | 'detail' | 'actions'>, hasKey: boolean): ProviderProblem | undefined {
  if (r.ok || r.actions.length === 0) return undefined;
  const fix = r.detail;
  if (r.actions.some(isKeyAction)) {
    const noun = PROVIDERS[r.provider].keyNoun;
    if (!hasKey) return { kind: 'noKey', summary: `no ${noun}`, fix };
    return { kind: 'keyRejected', summary: `${noun} rejected`, fix };
  }
  if (/^Cannot reach\b/.test(r.detail)) return { kind: 'unreachable', summary: 'unreachable', fix };
  if (/\(429\)/.test(r.detail)) return { kind: 'rateLimited', summary: 'rate-limited', fix };
  if (/\b50\d\b/.test(r.detail)) return { kind: 'unavailable', summary: 'unavailable', fix };
  // "No private endpoint is set" is already the router's own state.
  if (/^No private endpoint/.test(r.detail)) return undefined;
  return { kind: 'other', summary: 'check failed', fix };
}
