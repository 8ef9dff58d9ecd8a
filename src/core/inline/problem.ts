import type { ProviderId } from '../config';
import { isRecord } from '../config';
import { keyCommandName, PROVIDERS } from '../providers';

/**
 * What the status bar says when an inline completion failed: a few words for the
 * item and the fix for its tooltip. Completions fail silently in the editor (no
 * notification on every keystroke), so this is where a person learns why.
 */
export interface InlineProblem {
  summary: string;
  fix: string;
}

function hhmm(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** undefined for failures that say nothing about the provider's health (our own abort). */
export function inlineProblem(err: unknown, provider: ProviderId, now = Date.now()): InlineProblem | undefined {
  const kind = isRecord(err) && typeof err.kind === 'string' ? err.kind : 'unknown';
  const facts = PROVIDERS[provider];
  const keyCommand = keyCommandName(provider);
  const where = facts.endpointSetting;
  switch (kind) {
    case 'cancelled':
      return undefined;
    case 'auth':
      return { summary: 'key rejected', fix: `Run "${keyCommand}" with a valid key.` };
    case 'rateLimited': {
      const until = isRecord(err) && typeof err.until === 'number' ? err.until : isRecord(err) && typeof err.retryAfterMs === 'number' ? now + err.retryAfterMs : undefined;
      return { summary: until !== undefined ? `rate-limited until ${hhmm(until)}` : 'rate-limited', fix: 'Completions resume by themselves; lower the typing load or switch provider.' };
    }
    case 'unavailable':
      return { summary: 'endpoint down', fix: `The server answered that it is unavailable (or starting). Check ${where}, or run "Tandem: Test Connection".` };
    case 'network':
      return { summary: 'endpoint unreachable', fix: `Nothing answered at ${where}. Check the address and your network, or run "Tandem: Test Connection".` };
    case 'timeout':
      return { summary: 'completions time out', fix: 'The model took over 5 s to answer a completion; a smaller or less busy model helps.' };
    case 'notFound':
      return { summary: 'model not found', fix: `Check ${facts.modelSettings.completion}${facts.cloud ? '' : ' against the served model'}.` };
    case 'badRequest':
      return { summary: 'request rejected', fix: `The server rejected the completion request: ${isRecord(err) && typeof err.message === 'string' ? err.message : 'see the log'}.` };
    default:
      return { summary: 'completion failed', fix: 'See "Tandem: Show Log" for details.' };
  }
}
