import fs from 'node:fs';
import { comparisonLines } from './compare';
import type { Stats, TraceMetrics } from './metrics';

const START = '<!-- editor-bench:start -->';
const END = '<!-- editor-bench:end -->';

export interface EditorRun {
  time: string;
  vsix: string;
  keys: number;
  /** The trace's seed (bench/inline/trace.ts; 7 when not recorded). */
  seed?: number;
  load: number[];
  /** Per path, when the paths were run separately (`--path`): the load at its start and end. */
  loads?: Record<string, number[]>;
  results: Record<string, Record<string, TraceMetrics>>;
}

const s = (x: Stats) => (x.n ? `${x.p50} / ${x.p95} (n=${x.n})` : '–');

/** Why pauses had no ghost text (runs before the count was kept: –). */
function causes(m: TraceMetrics): string {
  if (!m.causes) return '–';
  const rest = Object.entries(m.causes).filter(([c]) => c !== 'shown');
  return rest.length ? rest.map(([c, n]) => `${c}: ${n}`).join(', ') : 'none';
}

/** Replaces (or appends) the editor benchmark's section of RESULTS.md. */
export function writeEditorSection(file: string, runs: Record<string, EditorRun>): void {
  const lines = [
    START,
    '## Editor benchmark (real keystrokes in code-server)',
    '',
    'Produced by `npm run bench:editor` (bench/editor.ts); raw figures in bench/editor-results.json. Typing traces of bench/inline/trace.ts (the first keystrokes of the Python and TypeScript corpus files) replayed as Playwright key events into code-server with the packaged VSIX installed; auto-closing and auto-indent off so the text typed is the file (the indent after Enter is inserted as one edit). Loopback model: 150 ms to the first token, then 10 ms per 4-character token; "correct" always continues the file, "seventy" answers a wrong line at a deterministic 30% of positions. A pause is a wait of ≥ 500 ms before the next key; latency runs from the key event to the ghost text appearing in the DOM. "Share" is latency minus the model\'s own time to the shown line (for an answer from memory, all of it). Times in ms, median / p95. Causes: no request reached the model, empty answer (the model found nothing to continue), aborted by the extension before its first line, answer late (first line after the next key), dropped by post-processing (the extension\'s own rules, replayed on the answer, leave nothing), answered, not shown (kept by post-processing, yet no ghost text in the DOM).',
    '',
    '| build | path | trace | mode | keys | requests / 100 keys | aborted | ghost text at pauses | pause → ghost, all | fresh | share, all | share, fresh | key → request | model time (fresh) | wrong | pauses without ghost text, by cause |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  const notes: string[] = [];
  for (const [label, run] of Object.entries(runs)) {
    const load = run.loads
      ? Object.entries(run.loads).map(([w, l]) => `${w} ${l.join(' at the start, ')} at the end`).join('; ')
      : `${run.load.join(' at the start, ')} at the end`;
    notes.push(`- ${label}: ${run.time}, ${run.vsix}, first ${run.keys} keystrokes per trace, seed ${run.seed ?? 7}; 1-minute load average ${load} (2 cores shared with other developers' test runs).`);
    for (const [which, traces] of Object.entries(run.results)) {
      for (const [trace, m] of Object.entries(traces)) {
        const [lang, mode] = trace.split('/');
        lines.push(`| ${label} | ${which === 'fim' ? 'private FIM' : 'OpenAI chat'} | ${lang} | ${mode} | ${m.keystrokes} | ${m.per100} | ${m.abortedShare}% | ${m.ghostRate}% of ${m.pauses} | ${s(m.all)} | ${s(m.fresh)} | ${s(m.shareAll)} | ${s(m.shareFresh)} | ${s(m.beforeRequest)} | ${s(m.modelFresh)} | ${mode === 'correct' ? m.wrong : '–'} | ${causes(m)} |`);
      }
    }
  }
  lines.push('', ...notes, '', ...comparisonLines(runs), END);
  const section = lines.join('\n');
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmark results\n';
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  const next = a >= 0 && b > a ? text.slice(0, a) + section + text.slice(b + END.length) : `${text.trimEnd()}\n\n${section}\n`;
  fs.writeFileSync(file, next);
}
