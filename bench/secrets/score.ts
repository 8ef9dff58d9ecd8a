// Scores the redactor on the third-party corpora: recall per corpus and per kind, false
// positives per corpus (look-alike lines of the fixtures, real secret-free files), exact
// round trip. Misses and false positives are listed by their first 4 characters only.
import { findSecrets } from '../../src/core/privacy/secretPatterns';
import { redact, restore } from '../../src/core/privacy/redact';
import type { AmbiguousLine, CorpusCase, SecretCorpus } from './corpus';

export interface Tally {
  caught: number;
  total: number;
  pct: number;
}

export interface SecretsScore {
  recall: { overall: Tally; byCorpus: Record<string, Tally>; byKind: Record<string, Tally> };
  /** Placeholder-shaped values (`xxxx`, `AAAA…`): reported apart, in neither recall nor false positives. */
  placeholderValues: Tally;
  falsePositives: {
    fixtureLines: Record<string, { flagged: number; lines: number; pct: number }>;
    fixtureOverall: { flagged: number; lines: number; pct: number };
    ambiguousLinesSkipped: number;
    realFiles: Record<string, { flagged: number; segments: number }>;
  };
  roundTrip: { exact: number; total: number };
  misses: string[];
  falsePositiveList: string[];
}

const SEGMENT = 2000;

export function score(corpus: SecretCorpus): SecretsScore {
  const byCorpus: Record<string, Tally> = {};
  const byKind: Record<string, Tally> = {};
  const overall = tally();
  const placeholderValues = tally();
  const fixtureLines: SecretsScore['falsePositives']['fixtureLines'] = {};
  const fixtureOverall = { flagged: 0, lines: 0, pct: 0 };
  const realFiles: SecretsScore['falsePositives']['realFiles'] = {};
  const misses: string[] = [];
  const falsePositiveList: string[] = [];
  let ambiguousLinesSkipped = 0;
  let exact = 0;
  let total = 0;

  for (const c of corpus.cases) {
    const r = redact(c.text);
    total++;
    if (restore(r.text, r.secrets) === c.text) exact++;
    if (c.secrets.length > 0) {
      for (const s of c.secrets) {
        const caught = !r.text.includes(s.value);
        if (s.placeholder) {
          count(placeholderValues, caught);
          continue;
        }
        count(overall, caught);
        count((byCorpus[c.corpus] ??= tally()), caught);
        count((byKind[`${c.corpus}/${c.kind}`] ??= tally()), caught);
        if (!caught) misses.push(`${c.corpus} ${c.id} (${s.kind}${s.guessed ? ', guessed' : ''}): ${s.value.slice(0, 4)}…`);
      }
      continue;
    }
    const fp = (fixtureLines[c.corpus] ??= { flagged: 0, lines: 0, pct: 0 });
    const flaggedLines = linesTouched(c.text, findSecrets(c.text));
    c.text.split('\n').forEach((line, i) => {
      if (line.trim() === '') return;
      if (isAmbiguous(corpus.ambiguous, c, line)) {
        ambiguousLinesSkipped++;
        return;
      }
      fp.lines++;
      fixtureOverall.lines++;
      if (flaggedLines.has(i)) {
        fp.flagged++;
        fixtureOverall.flagged++;
        falsePositiveList.push(`${c.corpus} ${c.id}: ${line.trim().slice(0, 4)}…`);
      }
    });
  }
  for (const f of corpus.negativeFiles) {
    const r = redact(f.text);
    total++;
    if (restore(r.text, r.secrets) === f.text) exact++;
    const spans = findSecrets(f.text);
    const out = (realFiles[f.name] = { flagged: 0, segments: 0 });
    let at = 0;
    for (const line of f.text.split('\n')) {
      const lineEnd = at + line.length;
      if (line.trim() !== '') {
        for (let s = at; s < lineEnd; s += SEGMENT) {
          out.segments++;
          const e = Math.min(lineEnd, s + SEGMENT);
          const hit = spans.find((sp) => sp.start < e && sp.end > s);
          if (hit) {
            out.flagged++;
            falsePositiveList.push(`${f.name} (${hit.kind}): ${f.text.slice(hit.start, hit.start + 4)}…`);
          }
        }
      }
      at = lineEnd + 1;
    }
  }
  for (const t of [overall, placeholderValues, ...Object.values(byCorpus), ...Object.values(byKind)]) t.pct = pct(t.caught, t.total);
  for (const t of [fixtureOverall, ...Object.values(fixtureLines)]) t.pct = pct(t.flagged, t.lines);
  return {
    recall: { overall, byCorpus, byKind },
    placeholderValues,
    falsePositives: { fixtureLines, fixtureOverall, ambiguousLinesSkipped, realFiles },
    roundTrip: { exact, total },
    misses,
    falsePositiveList,
  };
}

function linesTouched(text: string, spans: { start: number; end: number }[]): Set<number> {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const lineOf = (offset: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const out = new Set<number>();
  for (const s of spans) for (let l = lineOf(s.start); l <= lineOf(Math.max(s.start, s.end - 1)); l++) out.add(l);
  return out;
}

function isAmbiguous(list: AmbiguousLine[], c: CorpusCase, line: string): boolean {
  return list.some((a) => a.corpus === c.corpus && a.id === c.id && line.includes(a.line) && !(a.unless !== undefined && line.includes(a.unless)));
}

function tally(): Tally {
  return { caught: 0, total: 0, pct: 0 };
}

function count(t: Tally, caught: boolean): void {
  t.total++;
  if (caught) t.caught++;
}

function pct(n: number, d: number): number {
  return d === 0 ? 100 : Math.round((n / d) * 1000) / 10;
}
