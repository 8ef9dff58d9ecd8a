import { findSecrets } from '../privacy/secretPatterns';

/**
 * Context windows around the cursor, sized by a token budget and cut at line boundaries.
 * A cut never falls inside a secret: secrets are looked for in a margin around the window
 * first, and an edge that would cut one moves out of it (the fragment stays out), because
 * a fragment (base64 lines under a BEGIN line above the window, the tail of a key on a
 * minified line) no longer looks like a secret to the redactor.
 *
 * The document is reached line by line (`LineSource`), never as one string: on a
 * keystroke we read only the lines that go into the window, so the cost does not grow
 * with the file (a 50,000-line file costs what a 100-line one does).
 */
export interface LineSource {
  readonly lineCount: number;
  lineText(line: number): string;
}

export interface CursorPosition {
  line: number;
  character: number;
}

export interface WindowBudget {
  /** Characters allowed before the cursor. */
  prefixChars: number;
  /** Characters allowed after the cursor. */
  suffixChars: number;
}

export interface ContextWindow {
  prefix: string;
  suffix: string;
  /** Text of the cursor's line before / after the cursor (for the mid-word and single-line rules). */
  linePrefix: string;
  lineSuffix: string;
  /** First line included in the prefix, last line included in the suffix. */
  startLine: number;
  endLine: number;
}

export function buildWindow(doc: LineSource, pos: CursorPosition, budget: WindowBudget): ContextWindow {
  const current = doc.lineText(pos.line);
  const ch = Math.min(pos.character, current.length);
  let linePrefix = current.slice(0, ch);
  let lineSuffix = current.slice(ch);
  // A single huge line (minified code) is cut inside the line: the only place we do.
  if (linePrefix.length > budget.prefixChars) linePrefix = linePrefix.slice(linePrefix.length - budget.prefixChars);
  if (lineSuffix.length > budget.suffixChars) lineSuffix = lineSuffix.slice(0, budget.suffixChars);

  const before: string[] = [];
  let used = linePrefix.length;
  let startLine = pos.line;
  for (let l = pos.line - 1; l >= 0; l--) {
    const text = doc.lineText(l);
    if (used + text.length + 1 > budget.prefixChars) break;
    before.push(text);
    used += text.length + 1;
    startLine = l;
  }
  before.reverse();

  const after: string[] = [];
  used = lineSuffix.length;
  let endLine = pos.line;
  for (let l = pos.line + 1; l < doc.lineCount; l++) {
    const text = doc.lineText(l);
    if (used + text.length + 1 > budget.suffixChars) break;
    after.push(text);
    used += text.length + 1;
    endLine = l;
  }

  const prefix = before.length ? `${before.join('\n')}\n${linePrefix}` : linePrefix;
  const suffix = after.length ? `${lineSuffix}\n${after.join('\n')}` : lineSuffix;
  const win = { prefix, suffix, linePrefix: current.slice(0, ch), lineSuffix: current.slice(ch), startLine, endLine };
  return secretSafe(doc, win, ch - linePrefix.length, current.length - ch - lineSuffix.length, pos.line);
}

/** How far around the window secrets are looked for: a 4096-bit RSA key is about 3,300 characters. */
const MARGIN_CHARS = 8192;
const MARGIN_LINES = 128;

/**
 * Moves each edge of the window that falls inside a secret out of it (the window shrinks).
 * `headCut`/`tailCut`: characters of the cursor's line left out before/after the window.
 */
function secretSafe(doc: LineSource, win: ContextWindow, headCut: number, tailCut: number, line: number): ContextWindow {
  const current = doc.lineText(line);
  const before = headCut > 0 ? current.slice(Math.max(0, headCut - MARGIN_CHARS), headCut) : marginLines(doc, win.startLine - 1, -1);
  const after = tailCut > 0 ? current.slice(current.length - tailCut, current.length - tailCut + MARGIN_CHARS) : marginLines(doc, win.endLine + 1, 1);
  if (before === '' && after === '') return win;
  const text = before + win.prefix + win.suffix + after;
  const ws = before.length;
  const wc = ws + win.prefix.length;
  const we = wc + win.suffix.length;
  let start = ws;
  let prefixEnd = wc;
  let suffixStart = wc;
  let end = we;
  for (const s of findSecrets(text)) {
    if (s.start < ws && s.end > ws) {
      start = Math.max(start, Math.min(s.end, wc));
      // The secret runs past the cursor: its rest after the cursor stays out too.
      if (s.end > wc) suffixStart = Math.max(suffixStart, Math.min(s.end, we));
    }
    if (s.start < we && s.end > we) {
      end = Math.min(end, Math.max(s.start, wc));
      if (s.start < wc) prefixEnd = Math.min(prefixEnd, Math.max(s.start, start));
    }
  }
  if (start === ws && end === we && prefixEnd === wc && suffixStart === wc) return win;
  const lines = (from: number, to: number): number => (to > from ? text.slice(from, to).split('\n').length - 1 : 0);
  return {
    ...win,
    prefix: text.slice(start, prefixEnd),
    suffix: text.slice(suffixStart, Math.max(suffixStart, end)),
    startLine: win.startLine + lines(ws, start),
    endLine: win.endLine - lines(end, we),
  };
}

/** Up to MARGIN_CHARS of whole lines from `from` on, going `step` (-1 up, 1 down), with the joining line break. */
function marginLines(doc: LineSource, from: number, step: 1 | -1): string {
  const out: string[] = [];
  let used = 0;
  for (let l = from; l >= 0 && l < doc.lineCount && out.length < MARGIN_LINES && used < MARGIN_CHARS; l += step) {
    const t = doc.lineText(l);
    out.push(t);
    used += t.length + 1;
  }
  if (out.length === 0) return '';
  return step < 0 ? `${out.reverse().join('\n')}\n` : `\n${out.join('\n')}`;
}

/** A `LineSource` over an array of lines (tests, benchmark). */
export function linesOf(text: string): LineSource {
  const lines = text.split('\n');
  return { lineCount: lines.length, lineText: (l) => lines[l] ?? '' };
}
