import { firstStrayCloser, openBrackets } from './brackets';

/**
 * Turns a model's raw answer into the text to show at the cursor, or undefined when
 * there is nothing worth showing. Pure and O(completion + window).
 */
export interface TokenSet {
  /** Generation ends at the first of these. */
  readonly stop: readonly string[];
  /** Removed wherever they appear (FIM markers, EOS text sent by TGI). */
  readonly special: readonly string[];
}

export interface CursorContext {
  prefix: string;
  suffix: string;
  /** The cursor line's text before and after the cursor. */
  linePrefix: string;
  lineSuffix: string;
}

/** Words and symbols after which the next lines are a block body. */
const BLOCK_OPENER = /(?:[{([:]|=>|\bdo|\bthen|\belse|\btry|\bbegin)\s*$/;
/** Text right of the cursor that a completion may sit before: closers and punctuation only. */
const CLOSERS_ONLY = /^[\s)\]}>"'`;,.:]*$/;

/** Line breaks (blank lines) and then the first line with code. */
const NEXT_LINE = /^(?:[ \t]*\n)+[^\n]*\S[^\n]*/;

/** Multi-line on an empty line or right after a block opener; one line otherwise. */
export function isMultiline(ctx: Pick<CursorContext, 'linePrefix' | 'lineSuffix'>): boolean {
  if (!CLOSERS_ONLY.test(ctx.lineSuffix)) return false;
  if (ctx.linePrefix.trim() === '') return true;
  return BLOCK_OPENER.test(ctx.linePrefix);
}

export function cutAtStop(text: string, tokens: TokenSet): string {
  let end = text.length;
  for (const stop of tokens.stop) {
    const i = stop ? text.indexOf(stop) : -1;
    if (i >= 0 && i < end) end = i;
  }
  let out = text.slice(0, end);
  for (const tok of tokens.special) if (tok) out = out.split(tok).join('');
  return out;
}

export interface PostProcessOptions {
  tokens?: TokenSet;
  /** Force single- or multi-line; default: `isMultiline(ctx)`. */
  multiline?: boolean;
}

export function postProcess(raw: string, ctx: CursorContext, opts: PostProcessOptions = {}): string | undefined {
  let text = opts.tokens ? cutAtStop(raw, opts.tokens) : raw;
  text = text.replace(/\r\n/g, '\n');
  const multiline = opts.multiline ?? isMultiline(ctx);

  if (!multiline) {
    // A one-line context: the answer ends at its first line break. At the end of a line,
    // though, the statement may be complete and the model rightly starts on the next line:
    // that next line is the suggestion (people pause there before pressing Enter).
    const next = ctx.lineSuffix.trim() === '' ? NEXT_LINE.exec(text) : null;
    const nl = text.indexOf('\n');
    if (next) text = next[0];
    else if (nl >= 0) text = text.slice(0, nl);
  } else {
    text = stopAtDedent(text, ctx.linePrefix);
  }

  text = dropRepeatedLineSuffix(text, ctx.lineSuffix);
  text = dropRepeatedSuffixLines(text, ctx);

  const stray = firstStrayCloser(text, openBrackets(ctx.prefix));
  if (stray !== undefined) text = text.slice(0, stray);

  text = text
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .trimEnd();
  // A completion that only re-indents or repeats the cursor's whitespace shows nothing useful.
  if (text.trim() === '') return undefined;
  return text;
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/**
 * In a block, stop where the code goes back out of it: a line indented less than the
 * cursor's line belongs to the enclosing code, which is already in the file.
 */
function stopAtDedent(text: string, linePrefix: string): string {
  const lines = text.split('\n');
  const base = linePrefix.trim() === '' ? linePrefix.length : indentOf(linePrefix);
  for (let k = 1; k < lines.length; k++) {
    const l = lines[k];
    if (l.trim() !== '' && indentOf(l) < base) return lines.slice(0, k).join('\n');
  }
  return text;
}

function isPunctuation(s: string): boolean {
  return /^[^\p{L}\p{N}_$]*$/u.test(s);
}

/**
 * The duplicate-suffix bug, same line: the cursor sits before `);` (often auto-closed
 * by the editor) and the model writes `a, b);` - showing that as-is makes `a, b););`.
 * A tail of the completion is dropped when it is the text right of the cursor (or, for
 * punctuation, its start) and what stays closes every bracket it opened.
 */
function dropRepeatedLineSuffix(text: string, lineSuffix: string): string {
  const rest = lineSuffix.trim();
  if (!rest) return text;
  const body = text.trimEnd();
  const ownClosed = (head: string) => openBrackets(head).length === 0;

  if (body.endsWith(rest)) {
    const head = body.slice(0, body.length - rest.length);
    if (ownClosed(head)) return head;
  }
  const firstLineEnd = body.indexOf('\n') < 0 ? body.length : body.indexOf('\n');
  for (let i = 0; i < firstLineEnd; i++) {
    if (body.startsWith(rest, i) && ownClosed(body.slice(0, i))) return body.slice(0, i);
  }
  for (let k = Math.min(rest.length - 1, body.length); k > 0; k--) {
    const part = rest.slice(0, k);
    if (isPunctuation(part) && body.endsWith(part)) {
      const head = body.slice(0, body.length - k);
      if (ownClosed(head)) return head;
    }
  }
  return text;
}

/** A line worth matching on its own (not just `}` or `end`-like noise). */
function isDistinctive(line: string): boolean {
  return line.replace(/[^\p{L}\p{N}_$]/gu, '').length >= 3 && line.length >= 4;
}

/**
 * The duplicate-suffix bug, next lines: FIM models often finish the hole and then keep
 * writing the code that follows it (`return x;\n}`), which is already below the cursor.
 * Cut the completion where its lines start repeating the suffix's first lines.
 */
function dropRepeatedSuffixLines(text: string, ctx: CursorContext): string {
  const lines = text.split('\n');
  if (lines.length === 1 && ctx.linePrefix.trim() !== '') return text;
  const following = ctx.suffix
    .split('\n')
    .slice(1)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .slice(0, 3);
  if (!following.length) return text;
  // On an empty line the first completion line is a whole line and may itself repeat the suffix.
  const start = ctx.linePrefix.trim() === '' ? 0 : 1;
  for (let k = start; k < lines.length; k++) {
    if (lines[k].trim() !== following[0]) continue;
    const rest = lines.slice(k).map((l) => l.trim()).filter((l) => l !== '');
    const n = Math.min(rest.length, following.length);
    let same = true;
    for (let j = 0; j < n; j++) if (rest[j] !== following[j]) same = false;
    if (!same) continue;
    const head = lines.slice(0, k).join('\n');
    // Two or more repeated lines with code in them (not just `}` `}`) are the suffix, even inside an open block.
    const strong = n >= 2 && rest.slice(0, n).some((l) => /[\p{L}\p{N}_$]/u.test(l));
    if (isDistinctive(following[0]) || strong || openBrackets(head).length === 0) return head;
  }
  return text;
}
