import { CURSOR, parseInlineAnswer } from './inlinePrompt';

/**
 * A chat model's inline answer, passed on line by line while it streams, where that cannot
 * differ from parsing the whole answer (parseInlineAnswer): the ghost text's first line then
 * shows when the model has written it, not after its last token.
 *
 * Whether an answer may stream is decided on its first line with code:
 * - a fence, a cursor marker or an echo of the code before the cursor (the last five lines,
 *   or the cursor line's start) is only parsed whole, as before;
 * - so is a sentence ending in ':' ("Here is the completion:"), which usually introduces a
 *   fence whose inside is the answer.
 * While streaming, a fence line or a copy of the line after the cursor is held back; at the
 * end the whole answer is parsed, and whatever that adds after the lines already passed on
 * follows (when it disagrees with them, they stand and nothing more is added).
 */
export class InlineAnswerStream {
  private raw = '';
  private sent = '';
  /** Passed lines not shown yet: the whitespace after the last one waits for the next code. */
  private ready = '';
  private mode: 'undecided' | 'stream' | 'whole' = 'undecided';
  /** Characters of `raw` already looked at line by line. */
  private scanned = 0;

  /** The last lines before the cursor, trimmed (an answer opening with one of them is an echo). */
  private readonly before: string[];
  /** The first line after the cursor, trimmed (a copy of it at the end is dropped by the parse). */
  private readonly after: string;

  constructor(private readonly prefix: string, private readonly suffix: string) {
    // The window may be thousands of lines: split only its ends, once.
    let at = prefix.length;
    for (let i = 0; i < 5 && at > 0; i++) at = prefix.lastIndexOf('\n', at - 1);
    this.before = prefix.slice(at + 1).split('\n').map((l) => l.trim());
    const rest = suffix.trimStart();
    const end = rest.indexOf('\n');
    this.after = (end < 0 ? rest : rest.slice(0, end)).trim();
  }

  /** The next piece of the answer; returns the text that may be shown now ('' for none yet). */
  push(piece: string): string {
    this.raw += piece;
    if (this.mode === 'whole') return '';
    let out = '';
    for (;;) {
      const end = this.raw.indexOf('\n', this.scanned);
      if (end < 0) break;
      const line = this.raw.slice(this.scanned, end + 1);
      if (this.mode === 'undecided') {
        if (line.trim() === '') {
          // Blank lines before the first line with code wait for its verdict.
          this.scanned = end + 1;
          continue;
        }
        this.mode = this.streamable(line) ? 'stream' : 'whole';
        if (this.mode === 'whole') return '';
        // The blank lines before it go with it.
        out += this.raw.slice(0, this.scanned);
      }
      if (this.holdsBack(line)) {
        this.mode = 'whole';
        break;
      }
      out += line;
      this.scanned = end + 1;
    }
    // As parseInlineAnswer reads it (a CR and its LF may come in two pieces).
    this.ready += out.replace(/\r\n/g, '\n');
    // The line break after the last line waits until the next line shows code: the whole
    // parse drops it when the next line turns out to be a copy of the code after the cursor.
    let now = this.ready.replace(/\s+$/, '');
    if (now !== this.ready && this.mode === 'stream' && this.nextShowsCode()) now = this.ready;
    this.ready = this.ready.slice(now.length);
    this.sent += now;
    return now;
  }

  /** The answer is complete: what is left to show after what `push` passed on. */
  end(): string {
    const whole = parseInlineAnswer(this.raw, this.prefix, this.suffix);
    if (!this.sent) return whole;
    return whole.startsWith(this.sent) ? whole.slice(this.sent.length) : '';
  }

  private streamable(line: string): boolean {
    const code = line.trim();
    if (/^(```|~~~)/.test(code) || code.includes(CURSOR)) return false;
    if (/^[A-Z][^(){}[\]=;<>"`]*\s[^(){}[\]=;<>"`]*:$/.test(code)) return false;
    if (this.before.includes(code)) return false;
    const cursorLine = this.before[this.before.length - 1] ?? '';
    return !(cursorLine.length >= 3 && code.startsWith(cursorLine));
  }

  /** The line being written has begun with something that is not held back. */
  private nextShowsCode(): boolean {
    const begun = this.raw.slice(this.scanned).trim();
    if (begun === '') return false;
    const mayBeHeld = /^[`~]/.test(begun) || CURSOR.startsWith(begun.slice(0, CURSOR.length)) || (this.after !== '' && this.after.startsWith(begun));
    return !mayBeHeld;
  }

  /** A line the whole-answer parse may remove: a fence, a marker, or the line after the cursor repeated. */
  private holdsBack(line: string): boolean {
    const code = line.trim();
    return /^(```|~~~)/.test(code) || code.includes(CURSOR) || (this.after !== '' && code === this.after);
  }
}
