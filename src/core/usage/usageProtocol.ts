import type { ProviderId } from '../config';
import { isProviderId } from '../providers';
import type { UsageRange, UsageView } from './view';
import { USAGE_RANGES } from './view';

/**
 * The typed messages between the extension and the usage webview, imported by both sides.
 * Handshake: the webview posts `ready` once its script runs (messages posted before that are
 * lost), and the extension answers with `data`; from then on it pushes `data` on every change.
 */
export type ToUsageWebview =
  | { type: 'data'; view: UsageView }
  | { type: 'error'; message: string };

export type ExportFormat = 'csv' | 'json';

export type FromUsageWebview =
  | { type: 'ready'; range: UsageRange }
  | { type: 'range'; range: UsageRange }
  | { type: 'export'; format: ExportFormat }
  | { type: 'clear' }
  | { type: 'openSettings'; query: string }
  /** Apply the recommended per-feature split (tandem.inline.provider / tandem.chat.provider). */
  | { type: 'applySplit'; inline: ProviderId; chat: ProviderId };

/** Messages from the webview are untrusted input: check them before acting. */
export function isFromUsageWebview(v: unknown): v is FromUsageWebview {
  if (typeof v !== 'object' || v === null || !('type' in v)) return false;
  switch (v.type) {
    case 'ready':
    case 'range':
      return 'range' in v && isUsageRange(v.range);
    case 'export':
      return 'format' in v && (v.format === 'csv' || v.format === 'json');
    case 'clear':
      return true;
    case 'applySplit':
      return 'inline' in v && isProviderId(v.inline) && 'chat' in v && isProviderId(v.chat);
    case 'openSettings':
      return 'query' in v && typeof v.query === 'string' && /^tandem\.[\w.]*$/.test(v.query);
    default:
      return false;
  }
}

export function isUsageRange(v: unknown): v is UsageRange {
  return USAGE_RANGES.some((r) => r === v);
}

export function isToUsageWebview(v: unknown): v is ToUsageWebview {
  if (typeof v !== 'object' || v === null || !('type' in v)) return false;
  if (v.type === 'data') return 'view' in v && typeof v.view === 'object' && v.view !== null;
  return v.type === 'error' && 'message' in v && typeof v.message === 'string';
}
