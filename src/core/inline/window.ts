/**
 * Context windows around the cursor, sized by a token budget and cut at line boundaries.
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
  return { prefix, suffix, linePrefix: current.slice(0, ch), lineSuffix: current.slice(ch), startLine, endLine };
}

/** A `LineSource` over an array of lines (tests, benchmark). */
export function linesOf(text: string): LineSource {
  const lines = text.split('\n');
  return { lineCount: lines.length, lineText: (l) => lines[l] ?? '' };
}
