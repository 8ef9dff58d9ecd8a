/**
 * Re-indents a proposed replacement so it sits where the selection was.
 * Models return code at their own indentation (usually flush left, sometimes
 * exactly as the selection appeared, with the first line's indentation
 * missing because the selection began after it). Invariant: re-indenting the
 * original selection returns it unchanged.
 */
export interface IndentTarget {
  /** The selected text as it is in the document. */
  original: string;
  /** Document text on the selection's first line before the selection start. */
  linePrefix: string;
  /** The document's end of line. */
  eol: '\n' | '\r\n';
  /** How the editor indents (tabs vs spaces), for converting the model's spaces. */
  insertSpaces: boolean;
  tabSize: number;
}

export function reindent(proposal: string, target: IndentTarget): string {
  const original = target.original.replace(/\r\n/g, '\n');
  const lines = proposal.replace(/\r\n/g, '\n').split('\n');
  // Whole-line selections end with a newline; the replacement keeps exactly that shape.
  const endsWithNewline = original.endsWith('\n');
  while (lines.length > 1 && lines[lines.length - 1].trim() === '') lines.pop();
  while (lines.length > 1 && lines[0].trim() === '') lines.shift();

  const prefixIsIndent = /^\s*$/.test(target.linePrefix);
  const origLines = original.replace(/\n$/, '').split('\n');
  const origFirstWs = leadingWs(origLines[0]);
  const origRestMin = minIndent(origLines.slice(1));

  let result: string[];
  if (!prefixIsIndent) {
    // The selection starts mid-line: the first line continues the document's text as is.
    const base = commonIndent(origLines.slice(1)) ?? '';
    const rest = lines.slice(1);
    const dedent = commonIndent(rest) ?? '';
    result = [lines[0].trimStart(), ...rest.map((l) => (l.trim() ? base + convert(l.slice(dedent.length), target) : ''))];
  } else {
    // Effective text: the first line with the indentation before the selection.
    const effOrig = [target.linePrefix + origLines[0], ...origLines.slice(1)];
    const base = commonIndent(effOrig) ?? '';
    const firstWs = leadingWs(lines[0]);
    const restMin = minIndent(lines.slice(1));
    const echo = target.linePrefix !== '' && firstWs === '' && origFirstWs === '' &&
      origRestMin !== undefined && origRestMin > 0 && restMin !== undefined && restMin >= origRestMin;
    const eff = echo ? [target.linePrefix + lines[0], ...lines.slice(1)] : lines;
    const dedent = commonIndent(eff) ?? '';
    const placed = eff.map((l) => (l.trim() ? base + convert(l.slice(dedent.length), target) : ''));
    // The first line goes after the prefix already in the document.
    placed[0] = placed[0].startsWith(target.linePrefix) ? placed[0].slice(target.linePrefix.length) : placed[0].trimStart();
    result = placed;
  }
  const text = result.join('\n') + (endsWithNewline ? '\n' : '');
  return target.eol === '\r\n' ? text.replace(/\n/g, '\r\n') : text;
}

function leadingWs(line: string): string {
  return /^[ \t]*/.exec(line)?.[0] ?? '';
}

function minIndent(lines: readonly string[]): number | undefined {
  const ws = lines.filter((l) => l.trim()).map((l) => leadingWs(l).length);
  return ws.length ? Math.min(...ws) : undefined;
}

/** The longest whitespace prefix shared by every non-blank line (string-wise, so tabs and spaces never mix up). */
function commonIndent(lines: readonly string[]): string | undefined {
  let common: string | undefined;
  for (const l of lines) {
    if (!l.trim()) continue;
    const ws = leadingWs(l);
    if (common === undefined) common = ws;
    else {
      let i = 0;
      while (i < common.length && i < ws.length && common[i] === ws[i]) i++;
      common = common.slice(0, i);
    }
  }
  return common;
}

/** The model's relative indentation in the editor's style (tabs in a tab-indented file). */
function convert(line: string, target: IndentTarget): string {
  const ws = leadingWs(line);
  const body = line.slice(ws.length);
  if (target.insertSpaces) return ws.replace(/\t/g, ' '.repeat(target.tabSize)) + body;
  const width = [...ws].reduce((n, ch) => n + (ch === '\t' ? target.tabSize : 1), 0);
  return '\t'.repeat(Math.floor(width / target.tabSize)) + ' '.repeat(width % target.tabSize) + body;
}
