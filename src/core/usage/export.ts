import type { UsageRecord } from '../llm/types';
import { scrubUrlCredentials } from '../net/urlCredentials';

/** Column order of the CSV export: the contract's fields, then the ledger's own. */
export const CSV_COLUMNS = [
  'time', 'provider', 'model', 'feature', 'inputTokens', 'cachedInputTokens', 'outputTokens', 'estimated',
  'costUsd', 'priceKnown', 'latencyMs', 'firstTokenMs', 'computeMs', 'outcome', 'errorKind', 'fallbackFrom', 'accepted', 'id',
] as const;

/** RFC 4180: CRLF line ends, a header row, fields with comma, quote or line break quoted, quotes doubled. */
export function toCsv(records: readonly UsageRecord[]): string {
  const rows = [CSV_COLUMNS.join(',')];
  for (const r of records) rows.push(CSV_COLUMNS.map((c) => csvField(cell(r, c))).join(','));
  // A model name or error kind is the user's text: no URL credentials leave in a file.
  return scrubUrlCredentials(rows.join('\r\n') + '\r\n');
}

function cell(r: UsageRecord, c: (typeof CSV_COLUMNS)[number]): string {
  if (c === 'priceKnown') return String(r.priceKnown !== false);
  const v = r[c];
  return v === undefined ? '' : String(v);
}

export function csvField(v: string): string {
  // A leading = + - @ would make a spreadsheet run the model name as a formula.
  const safe = /^[=+\-@\t\r]/.test(v) && !/^-?\d/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A JSON array of the records, oldest first, as `TandemApi.usage()` returns them. */
export function toJson(records: readonly UsageRecord[]): string {
  return scrubUrlCredentials(JSON.stringify(records, null, 2) + '\n');
}
