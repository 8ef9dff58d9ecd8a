// The secret-redaction benchmark: scores the redactor on the third-party corpora in
// `<repo>/../shared/realworld-secrets/corpus/` (read at run time, never copied here; skipped
// with a note when absent) and times redaction of a 2,000-line window. Writes its own
// section of bench/RESULTS.md, keeping the others. Alone: `npm run bench -- secrets`.
import { readFileSync, readdirSync, statSync, existsSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import * as path from 'node:path';
import { redact } from '../../src/core/privacy/redact';
import { CORPUS_DIR, REPO_ROOT, loadCorpus } from './corpus';
import type { SecretsScore } from './score';
import { score } from './score';

const START = '<!-- secrets-bench:start -->';
const END = '<!-- secrets-bench:end -->';
const WINDOW_LINES = 2000;

export interface SecretsBench {
  corpus: { dir: string; present: boolean; cases?: number; negativeFiles?: number; missingFiles?: string[] };
  score?: SecretsScore;
  /** Wall-clock median/p95 per run, and CPU time per run (median of 20 batches of 10): on a shared machine the CPU time is the redactor's own cost. */
  speed: { lines: number; chars: number; runs: number; medianMs: number; p95Ms: number; cpuMsPerRun: number; loadAverage1m: number };
  targets: Record<string, { target: string; measured: string; met: boolean }>;
}

export function runSecretsBench(): SecretsBench {
  const corpus = loadCorpus();
  const s = corpus ? score(corpus) : undefined;
  const speed = redactionSpeed();
  const targets: SecretsBench['targets'] = {
    speed: { target: `< 5 ms for a ${WINDOW_LINES.toLocaleString('en')}-line window`, measured: `${speed.cpuMsPerRun} ms CPU per run; wall clock median ${speed.medianMs} ms, p95 ${speed.p95Ms} ms (1-minute load average ${speed.loadAverage1m})`, met: speed.cpuMsPerRun < 5 },
  };
  if (s) {
    const worst = Object.entries(s.recall.byCorpus).sort((a, b) => a[1].pct - b[1].pct)[0];
    const realFp = Object.values(s.falsePositives.realFiles).reduce((n, f) => n + f.flagged, 0);
    targets.recallOverall = { target: '≥ 95%', measured: `${s.recall.overall.pct}% (${s.recall.overall.caught}/${s.recall.overall.total})`, met: s.recall.overall.pct >= 95 };
    targets.recallEveryCorpus = { target: '≥ 90% in every corpus', measured: worst ? `lowest ${worst[0]} ${worst[1].pct}%` : 'none', met: Object.values(s.recall.byCorpus).every((t) => t.pct >= 90) };
    targets.falsePositivesRealFiles = { target: '0', measured: String(realFp), met: realFp === 0 };
    targets.falsePositivesFixtureLines = { target: '≤ 3% of look-alike lines', measured: `${s.falsePositives.fixtureOverall.pct}% (${s.falsePositives.fixtureOverall.flagged}/${s.falsePositives.fixtureOverall.lines})`, met: s.falsePositives.fixtureOverall.pct <= 3 };
    targets.roundTrip = { target: 'exact on every case', measured: `${s.roundTrip.exact}/${s.roundTrip.total}`, met: s.roundTrip.exact === s.roundTrip.total };
  }
  return {
    corpus: corpus ? { dir: corpus.dir, present: true, cases: corpus.cases.length, negativeFiles: corpus.negativeFiles.length, missingFiles: corpus.missingFiles } : { dir: CORPUS_DIR, present: false },
    ...(s ? { score: s } : {}),
    speed,
    targets,
  };
}

/** A window of our own source code (2,000 lines), redacted as a prompt would be. */
function redactionSpeed(): SecretsBench['speed'] {
  const lines: string[] = [];
  for (const file of sourceFiles(path.join(REPO_ROOT, 'src'))) {
    lines.push(...readFileSync(file, 'utf8').split('\n'));
    if (lines.length >= WINDOW_LINES) break;
  }
  const text = lines.slice(0, WINDOW_LINES).join('\n');
  for (let i = 0; i < 20; i++) redact(text);
  const times: number[] = [];
  const cpu: number[] = [];
  for (let batch = 0; batch < 20; batch++) {
    const c = process.cpuUsage();
    for (let i = 0; i < 10; i++) {
      const t = performance.now();
      redact(text);
      times.push(performance.now() - t);
    }
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000 / 10);
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const ms = (x: number): number => Math.round(x * 1000) / 1000;
  return { lines: Math.min(WINDOW_LINES, lines.length), chars: text.length, runs: times.length, medianMs: ms(times[Math.floor(times.length / 2)]), p95Ms: ms(times[Math.floor(times.length * 0.95)]), cpuMsPerRun: ms(cpu[Math.floor(cpu.length / 2)]), loadAverage1m: Math.round(os.loadavg()[0] * 10) / 10 };
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? sourceFiles(p) : n.endsWith('.ts') ? [p] : [];
  });
}

export function secretsMarkdown(b: SecretsBench): string {
  const out = [START, '## Secret redaction', '', 'Produced by `npm run bench` or alone by `npm run bench -- secrets` (bench/secrets/). The third-party corpora are read at run time from `../shared/realworld-secrets/corpus/` beside the repository and are not copied into it; secrets below are shown by their first 4 characters only.', ''];
  if (!b.corpus.present) out.push(`**Corpus skipped:** \`${b.corpus.dir}\` not found, so recall and false positives were not measured.`, '');
  out.push("| target | measured | met |", "|---|---|---|", ...Object.values(b.targets).map((t) => `| ${labelOf(b, t)} | ${t.measured} | ${t.met ? 'yes' : '**no**'} |`), '');
  out.push(`Redaction speed: \`redact()\` on ${b.speed.lines.toLocaleString('en')} lines (${b.speed.chars.toLocaleString('en')} characters) of this repository's own source, ${b.speed.runs} runs after warm-up: ${b.speed.cpuMsPerRun} ms of CPU time per run (median of 20 batches of 10), wall clock median ${b.speed.medianMs} ms and p95 ${b.speed.p95Ms} ms with a 1-minute load average of ${b.speed.loadAverage1m} on ${os.cpus().length} cores. The target is judged on the CPU time, which other work on a shared machine does not inflate as much as the wall clock.`, '');
  const s = b.score;
  if (s) {
    out.push(`Corpus: ${b.corpus.cases} fixture cases and ${b.corpus.negativeFiles} secret-free real files${b.corpus.missingFiles?.length ? ` (not found: ${b.corpus.missingFiles.join(', ')})` : ''}. A secret counts as caught when its value no longer appears in the redacted text; a look-alike line counts as a false positive when anything on it was replaced. Placeholder-shaped values (\`xxxx\`, \`AAAA…\`) are counted apart (${s.placeholderValues.caught}/${s.placeholderValues.total} replaced), and ${s.falsePositives.ambiguousLinesSkipped} lines listed as ambiguous by the corpus count on neither side.`, '');
    out.push('| corpus | recall |', '|---|---|', ...Object.entries(s.recall.byCorpus).map(([c, t]) => `| ${c} | ${t.pct}% (${t.caught}/${t.total}) |`), `| **all** | ${s.recall.overall.pct}% (${s.recall.overall.caught}/${s.recall.overall.total}) |`, '');
    out.push('| false positives | flagged |', '|---|---|', ...Object.entries(s.falsePositives.fixtureLines).map(([c, t]) => `| ${c} (look-alike lines) | ${t.flagged}/${t.lines} (${t.pct}%) |`), ...Object.entries(s.falsePositives.realFiles).map(([f, t]) => `| ${f} (real file, 2,000-character segments) | ${t.flagged}/${t.segments} |`), '');
    const missedKinds = Object.entries(s.recall.byKind).filter(([, t]) => t.caught < t.total);
    out.push(`Recall per kind: ${Object.keys(s.recall.byKind).length - missedKinds.length} of ${Object.keys(s.recall.byKind).length} kinds fully caught; the others:`, '', '| corpus/kind | recall |', '|---|---|', ...missedKinds.map(([k, t]) => `| ${k} | ${t.caught}/${t.total} |`), '');
    out.push('Misses:', '', ...(s.misses.length ? s.misses.map((m) => `- ${m}`) : ['- none']), '', 'False positives:', '', ...(s.falsePositiveList.length ? s.falsePositiveList.map((m) => `- ${m}`) : ['- none']), '');
  }
  out.push(END);
  return out.join('\n');
}

function labelOf(b: SecretsBench, t: { target: string }): string {
  const key = Object.entries(b.targets).find(([, v]) => v === t)?.[0] ?? '';
  const names: Record<string, string> = { speed: 'redactor speed', recallOverall: 'recall overall', recallEveryCorpus: 'recall per corpus', falsePositivesRealFiles: 'false positives on real files', falsePositivesFixtureLines: 'false positives on look-alike lines', roundTrip: 'restore exact' };
  return `${names[key] ?? key}: ${t.target}`;
}

/** Puts the section into RESULTS.md in place of the previous one (or at the end), keeping the rest. */
export function writeSecretsSection(resultsMd: string, b: SecretsBench): void {
  const old = existsSync(resultsMd) ? readFileSync(resultsMd, 'utf8') : '# Benchmark results\n';
  const section = secretsMarkdown(b);
  const a = old.indexOf(START);
  const e = old.indexOf(END);
  const next = a >= 0 && e > a ? `${old.slice(0, a)}${section}${old.slice(e + END.length)}` : `${old.trimEnd()}\n\n${section}\n`;
  writeFileSync(resultsMd, next);
}

/** Runs the benchmark, updates bench/RESULTS.md and prints the targets. */
export function secretsBenchMain(): SecretsBench {
  const b = runSecretsBench();
  if (!b.corpus.present) process.stderr.write(`bench: secrets corpus not found at ${b.corpus.dir}; recall and false positives skipped (it is third-party data and is not kept in this repository)\n`);
  writeSecretsSection(path.join(REPO_ROOT, 'bench', 'RESULTS.md'), b);
  process.stdout.write(`${JSON.stringify(b.targets, null, 2)}\n`);
  return b;
}
