// The usage ledger `npm run screenshots` starts with: a month of seeded records, so that the
// usage dashboard and its recommendation have something realistic to show.
const fs = require('fs');
const path = require('path');

/** A month of plausible work: completions on OpenAI for two weeks, then on the private endpoint; explanations on OpenAI. */
function seedRecords(now) {
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const records = [];
  for (let d = 29; d >= 0; d--) {
    const day = new Date(now);
    day.setDate(day.getDate() - d);
    if (day.getDay() === 0 || day.getDay() === 6) continue;
    const privateInline = d < 15;
    for (let i = 0; i < 120 + Math.floor(rand() * 80); i++) {
      const t = new Date(day);
      t.setHours(9 + Math.floor(rand() * 8), Math.floor(rand() * 60), Math.floor(rand() * 60));
      if (t > now) continue;
      const input = 900 + Math.floor(rand() * 600);
      const output = 8 + Math.floor(rand() * 40);
      const error = rand() < (privateInline ? 0.01 : 0.02);
      const latency = privateInline ? 140 + rand() * 160 : 300 + rand() * 350;
      const computeMs = privateInline ? latency * 0.7 : undefined;
      const cost = privateInline ? (0.8 * (computeMs ?? 0)) / 3_600_000 : (input * 0.1 + output * 0.4) / 1e6;
      records.push({
        time: t.toISOString(), provider: privateInline ? 'huggingface' : 'openai', model: privateInline ? 'bigcode/starcoder2-15b' : 'gpt-4.1-nano',
        feature: 'inline', inputTokens: input, cachedInputTokens: 0, outputTokens: output, estimated: false, costUsd: cost,
        latencyMs: Math.round(latency), firstTokenMs: Math.round(latency * 0.8), outcome: error ? 'error' : rand() < 0.05 ? 'cancelled' : 'ok',
        ...(error ? {} : { accepted: rand() < (privateInline ? 0.31 : 0.27) }), ...(computeMs ? { computeMs: Math.round(computeMs) } : {}),
        id: `seed-${records.length}`,
      });
    }
    for (let i = 0; i < 8 + Math.floor(rand() * 10); i++) {
      const t = new Date(day);
      t.setHours(9 + Math.floor(rand() * 8), Math.floor(rand() * 60));
      if (t > now) continue;
      const input = 1500 + Math.floor(rand() * 4000);
      const cached = rand() < 0.3 ? 1024 : 0;
      const output = 200 + Math.floor(rand() * 700);
      const latency = 2500 + rand() * 6000;
      records.push({
        time: t.toISOString(), provider: 'openai', model: 'gpt-4.1-mini', feature: rand() < 0.7 ? 'explain' : 'refactor',
        inputTokens: input, cachedInputTokens: cached, outputTokens: output, estimated: false,
        costUsd: ((input - cached) * 0.4 + cached * 0.1 + output * 1.6) / 1e6, latencyMs: Math.round(latency), firstTokenMs: Math.round(400 + rand() * 500),
        outcome: rand() < 0.03 ? 'error' : 'ok', id: `seed-${records.length}`,
      });
    }
  }
  return records.sort((a, b) => a.time.localeCompare(b.time));
}

function writeLedger(userDataDir, records) {
  const dir = path.join(userDataDir, 'User', 'globalStorage', 'tandem-dev.tandem', 'usage');
  fs.mkdirSync(dir, { recursive: true });
  const byMonth = new Map();
  for (const r of records) {
    const name = `usage-${r.time.slice(0, 7)}.jsonl`;
    byMonth.set(name, (byMonth.get(name) ?? '') + `${JSON.stringify(r)}\n`);
  }
  for (const [name, text] of byMonth) fs.writeFileSync(path.join(dir, name), text);
}

module.exports = { seedRecords, writeLedger };
