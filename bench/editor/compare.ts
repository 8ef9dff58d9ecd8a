import type { EditorRun } from './report';

/**
 * The before/after table of RESULTS.md's editor section: for each path, trace and mode,
 * the figures of every run whose label starts with `before` next to those of every run
 * whose label starts with `after` (one value per run, so the spread between runs shows),
 * and the change in mean requests per 100 keystrokes.
 */
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};
const list = (xs: (number | undefined)[]) => (xs.length ? xs.map((x) => (x === undefined || Number.isNaN(x) ? '–' : String(x))).join(' / ') : '–');
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

export function comparisonLines(runs: Record<string, EditorRun>): string[] {
  const pick = (prefix: string) => Object.entries(runs).filter(([l]) => l.startsWith(prefix)).map(([, r]) => r);
  const before = pick('before');
  const after = pick('after');
  if (!before.length || !after.length) return [];
  const keys = new Set<string>();
  for (const r of [...before, ...after]) for (const [w, t] of Object.entries(r.results)) for (const k of Object.keys(t)) keys.add(`${w} ${k}`);
  const lines = [
    '### Before and after (issue 19)',
    '',
    `Runs labelled before* (main at ca11809) against after* (this branch), one value per run in the order ${[...before, ...after].map((r) => `${r.time.slice(11, 16)} seed ${r.seed ?? 7}`).join(', ')}. Share = pause → ghost text minus the model's own time; "fresh" = the pauses served by a request sent during the pause; "–": no such pause in that run (all served from memory).`,
    '',
    '| path | trace | mode | requests / 100 keys, before → after | change | share, fresh, median: before → after | share, all pauses, median: before → after | ghost text at pauses (%) before → after | wrong, before → after |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const k of [...keys].sort()) {
    const [which, trace] = k.split(' ');
    const [lang, mode] = trace.split('/');
    const of = (rs: EditorRun[]) => rs.map((r) => r.results[which]?.[trace]).filter((m) => m !== undefined);
    const b = of(before);
    const a = of(after);
    if (!b.length || !a.length) continue;
    const change = Math.round(((mean(a.map((m) => m.per100)) - mean(b.map((m) => m.per100))) / mean(b.map((m) => m.per100))) * 100);
    const share = (ms: typeof b) => list(ms.map((m) => (m.shareFresh.n ? m.shareFresh.p50 : undefined)));
    const wrong = (ms: typeof b) => (mode === 'correct' ? list(ms.map((m) => m.wrong)) : '–');
    lines.push(`| ${which === 'fim' ? 'private FIM' : 'OpenAI chat'} | ${lang} | ${mode} | ${list(b.map((m) => m.per100))} → ${list(a.map((m) => m.per100))} | ${change > 0 ? '+' : ''}${change}% | ${share(b)} → ${share(a)} | ${list(b.map((m) => m.shareAll.p50))} → ${list(a.map((m) => m.shareAll.p50))} | ${list(b.map((m) => m.ghostRate))} → ${list(a.map((m) => m.ghostRate))} | ${wrong(b)} → ${wrong(a)} |`);
  }
  const pooled = (rs: EditorRun[]) => median(rs.flatMap((r) => Object.values(r.results).flatMap((t) => Object.entries(t).filter(([k]) => k.endsWith('/correct')).map(([, m]) => m.shareFresh.p50).filter((x) => Number.isFinite(x)))));
  lines.push('', `Median over the correct-mode rows' fresh-share medians: before ${pooled(before)} ms, after ${pooled(after)} ms.`, '');
  return lines;
}
