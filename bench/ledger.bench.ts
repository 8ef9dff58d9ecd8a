// Usage ledger benchmark: parse and aggregate a year of heavy use (100,000 records).
// Runnable alone: `npx tsx bench/ledger.bench.ts`; `npm run bench` calls run().
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEFAULT_CONFIG } from '../src/core/config';
import type { UsageRecord } from '../src/core/llm/types';
import { aggregate } from '../src/core/usage/aggregate';
import { Ledger } from '../src/core/usage/ledger';
import { toUsageRecord } from '../src/core/usage/record';
import { USAGE_RANGES } from '../src/core/usage/view';

export const RECORDS = 100_000;

/** Deterministic synthetic records spread over the 365 days before `now`, oldest first. */
export function syntheticRecords(n: number, now: Date): UsageRecord[] {
  const config = { ...DEFAULT_CONFIG, huggingface: { ...DEFAULT_CONFIG.huggingface, hourlyCostUsd: 1 } };
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const span = 365 * 86_400_000;
  const out: UsageRecord[] = [];
  for (let i = 0; i < n; i++) {
    const provider = rnd() < 0.6 ? 'openai' : 'huggingface';
    const feature = rnd() < 0.85 ? 'inline' : rnd() < 0.7 ? 'explain' : 'refactor';
    const outcome = rnd() < 0.94 ? 'ok' : rnd() < 0.5 ? 'error' : 'cancelled';
    const input = Math.round(200 + rnd() * 3000);
    out.push(toUsageRecord({
      time: new Date(now.getTime() - span + (span * i) / n).toISOString(),
      provider,
      model: provider === 'openai' ? (feature === 'inline' ? 'gpt-4.1-nano' : 'gpt-4.1-mini-2025-04-14') : 'bigcode/starcoder2-15b',
      feature,
      inputTokens: input, cachedInputTokens: Math.round(input * rnd() * 0.5), outputTokens: Math.round(rnd() * 300), estimated: rnd() < 0.02,
      latencyMs: 80 + rnd() * 900,
      firstTokenMs: 40 + rnd() * 300,
      outcome,
      accepted: feature === 'inline' && outcome === 'ok' ? rnd() < 0.3 : undefined,
    }, config, `r${i}`));
  }
  return out;
}

export async function run(): Promise<Record<string, number>> {
  const now = new Date();
  const records = syntheticRecords(RECORDS, now);
  const dir = mkdtempSync(path.join(tmpdir(), 'tandem-ledger-bench-'));
  try {
    // Write the records as the ledger lays them out: one segment per month.
    const byMonth = new Map<string, string[]>();
    for (const r of records) {
      const k = r.time.slice(0, 7);
      const lines = byMonth.get(k) ?? [];
      lines.push(JSON.stringify(r));
      byMonth.set(k, lines);
    }
    mkdirSync(dir, { recursive: true });
    for (const [k, lines] of byMonth) writeFileSync(path.join(dir, `usage-${k}.jsonl`), lines.join('\n') + '\n');

    const ledger = new Ledger(dir);
    let t0 = performance.now();
    const { records: read } = await ledger.readAll();
    const coldReadMs = performance.now() - t0;
    if (read.length !== RECORDS) throw new Error(`read ${read.length} records, expected ${RECORDS}`);

    await ledger.append(records[records.length - 1]);
    t0 = performance.now();
    await ledger.readAll();
    const warmReadMs = performance.now() - t0;

    const config = { ...DEFAULT_CONFIG, huggingface: { ...DEFAULT_CONFIG.huggingface, hourlyCostUsd: 1 } };
    const figures: Record<string, number> = { records: RECORDS, coldReadMs, warmReadMs };
    for (const range of USAGE_RANGES) {
      aggregate(read, { range, now, config }); // warm-up
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        t0 = performance.now();
        aggregate(read, { range, now, config });
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      figures[`aggregate_${range}_medianMs`] = times[2];
    }
    return Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, Math.round(v * 10) / 10]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  run().then((f) => console.log(JSON.stringify(f, null, 2)), (e) => {
    console.error(e);
    process.exit(1);
  });
}
