import { isBoolean, isNumber, isRecord, isString } from '../config';
import { isProviderId } from '../providers';
import type { UsageRecord } from '../llm/types';

/** A later line that marks an earlier inline completion accepted (the ledger is append-only). */
export interface AcceptPatch {
  patch: string;
  accepted: boolean;
}

export type LedgerLine = { kind: 'record'; record: UsageRecord } | { kind: 'patch'; patch: AcceptPatch };

const OUTCOMES: readonly string[] = ['ok', 'error', 'cancelled'];

/** One ledger line, or undefined for a torn, corrupt or foreign line (skipped, never fatal). */
export function parseLedgerLine(line: string): LedgerLine | undefined {
  if (line.length < 2) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!isRecord(v)) return undefined;
  if (isString(v.patch) && isBoolean(v.accepted)) return { kind: 'patch', patch: { patch: v.patch, accepted: v.accepted } };
  if (!isUsageRecord(v)) return undefined;
  // Every time is kept in toISOString() form, so the aggregation can compare times as strings.
  if (!CANONICAL_TIME.test(v.time)) v.time = new Date(Date.parse(v.time)).toISOString();
  return { kind: 'record', record: v };
}

const CANONICAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function isUsageRecord(v: Record<string, unknown>): v is Record<string, unknown> & UsageRecord {
  return (
    isString(v.time) && !Number.isNaN(Date.parse(v.time)) &&
    isProviderId(v.provider) &&
    isString(v.model) && isString(v.feature) &&
    isCount(v.inputTokens) && isCount(v.cachedInputTokens) && isCount(v.outputTokens) &&
    isBoolean(v.estimated) && isNumber(v.costUsd) && v.costUsd >= 0 && isCount(v.latencyMs) &&
    (v.firstTokenMs === undefined || isCount(v.firstTokenMs)) &&
    isString(v.outcome) && OUTCOMES.includes(v.outcome) &&
    (v.accepted === undefined || isBoolean(v.accepted)) &&
    (v.id === undefined || isString(v.id)) &&
    (v.priceKnown === undefined || isBoolean(v.priceKnown)) &&
    (v.computeMs === undefined || isCount(v.computeMs)) &&
    (v.errorKind === undefined || isString(v.errorKind)) &&
    (v.fallbackFrom === undefined || isProviderId(v.fallbackFrom))
  );
}

function isCount(v: unknown): v is number {
  return isNumber(v) && v >= 0;
}
