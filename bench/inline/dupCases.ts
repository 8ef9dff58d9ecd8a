import { postProcess } from '../../src/core/inline/postprocess';
import type { CursorContext } from '../../src/core/inline/postprocess';
import { FIM_TEMPLATES } from '../../src/core/fim/templates';
import { CORPUS, splitHole } from './corpus';

/**
 * Cases where the model repeats the suffix: real positions in the corpus files, the
 * true middle M, and a model answer of M followed by the code that already comes after
 * the cursor. Post-processing must return M (or a prefix of it) and nothing of the suffix.
 */
export interface DupCase {
  kind: 'same-line' | 'empty-line' | 'block-opener';
  prefix: string;
  suffix: string;
  middle: string;
  answer: string;
}

function ctxOf(prefix: string, suffix: string): CursorContext {
  const ls = prefix.lastIndexOf('\n');
  const nl = suffix.indexOf('\n');
  return { prefix, suffix, linePrefix: prefix.slice(ls + 1), lineSuffix: nl < 0 ? suffix : suffix.slice(0, nl) };
}

export function buildCases(): DupCase[] {
  const cases: DupCase[] = [];
  for (const file of CORPUS) {
    const lines = splitHole(file).full.split('\n');
    const at = (from: number, to: number) => lines.slice(from, to).join('\n');
    for (let i = 1; i < lines.length - 3; i++) {
      const line = lines[i];
      const indent = line.slice(0, line.length - line.trimStart().length);
      // Same line: the cursor after an opening paren, the editor's auto-closed rest to its right.
      const m = /^(.*?\()([^()]+)(\)[;,]?\s*\{?)$/.exec(line);
      if (m) {
        const prefix = `${at(0, i)}\n${m[1]}`;
        const suffix = `${m[3]}\n${at(i + 1, lines.length)}`;
        cases.push({ kind: 'same-line', prefix, suffix, middle: m[2], answer: `${m[2]}${m[3]}\n${lines[i + 1]}` });
      }
      // Empty line: the person is about to write line i; the answer runs on into lines i+1, i+2.
      if (line.trim().length > 3 && !/^[)\]}]/.test(line.trim())) {
        const prefix = `${at(0, i)}\n${indent}`;
        const suffix = `\n${at(i + 1, lines.length)}`;
        cases.push({ kind: 'empty-line', prefix, suffix, middle: line.trimStart(), answer: `${line.trimStart()}\n${at(i + 1, i + 3)}` });
      }
      // Block opener: the body's first line is the hole; the answer repeats the next lines.
      if (/[{:]\s*$/.test(line) && lines[i + 1].trim() && lines[i + 2] !== undefined) {
        const prefix = at(0, i + 1);
        const suffix = `\n${at(i + 2, lines.length)}`;
        const middle = `\n${lines[i + 1]}`;
        cases.push({ kind: 'block-opener', prefix, suffix, middle, answer: `${middle}\n${at(i + 2, i + 4)}` });
      }
    }
  }
  return cases;
}

const norm = (s: string) => s.split('\n').map((l) => l.trimEnd()).join('\n').trimEnd();

export function runDupCases() {
  const cases = buildCases();
  let duplicated = 0;
  let duplicatedLines = 0;
  let exact = 0;
  let shortened = 0;
  const byKind: Record<string, { cases: number; duplicated: number; exact: number }> = {};
  const failures: { kind: string; middle: string; got: string | undefined }[] = [];
  for (const c of cases) {
    const got = postProcess(`${c.answer}<|endoftext|>`, ctxOf(c.prefix, c.suffix), { tokens: FIM_TEMPLATES.starcoder });
    const out = norm(got ?? '');
    const mid = norm(c.middle);
    const k = (byKind[c.kind] ??= { cases: 0, duplicated: 0, exact: 0 });
    k.cases++;
    if (out === mid) {
      exact++;
      k.exact++;
      continue;
    }
    if (mid.startsWith(out)) {
      shortened++;
      continue;
    }
    // Beyond the true middle: count the shown lines that repeat the code after the cursor.
    const extra = out.startsWith(mid) ? out.slice(mid.length) : out;
    const suffixLines = new Set(c.suffix.split('\n').map((l) => l.trim()).filter(Boolean).slice(0, 4));
    const restOfLine = c.suffix.split('\n')[0].trim();
    const repeated = extra.split('\n').filter((l) => l.trim() && (suffixLines.has(l.trim()) || (restOfLine && l.includes(restOfLine)))).length;
    if (repeated > 0) {
      duplicated++;
      duplicatedLines += repeated;
      k.duplicated++;
    }
    if (failures.length < 10) failures.push({ kind: c.kind, middle: c.middle, got });
  }
  return { cases: cases.length, duplicatedCases: duplicated, duplicatedLines, duplicateRatePct: Math.round((duplicated / cases.length) * 1000) / 10, exact, exactPct: Math.round((exact / cases.length) * 1000) / 10, shortened, byKind, examplesNotExact: failures };
}
