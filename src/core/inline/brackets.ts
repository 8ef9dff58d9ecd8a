/**
 * A rough bracket scanner: enough to tell whether a completion closes what it opened.
 * It skips quoted strings and `//` comments on a line (a `(` in a string is not code)
 * and resets string state at every newline, so one stray apostrophe cannot poison the rest.
 */
const OPENERS: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}' };
const CLOSERS: Readonly<Record<string, string>> = { ')': '(', ']': '[', '}': '{' };

export function isCloser(ch: string): boolean {
  return ch in CLOSERS;
}

export interface BracketEvent {
  index: number;
  ch: string;
}

/** Calls `visit` for every bracket outside strings and line comments. */
export function forEachBracket(text: string, visit: (e: BracketEvent) => boolean | void): void {
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      quote = '';
      continue;
    }
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      quote = c;
      continue;
    }
    if (c === '/' && text[i + 1] === '/') {
      const nl = text.indexOf('\n', i);
      if (nl < 0) return;
      i = nl - 1;
      continue;
    }
    if (c in OPENERS || c in CLOSERS) {
      if (visit({ index: i, ch: c }) === false) return;
    }
  }
}

/** Brackets opened in `text` and not closed in it, innermost last. Closers of outer brackets are ignored. */
export function openBrackets(text: string): string[] {
  const stack: string[] = [];
  forEachBracket(text, ({ ch }) => {
    if (ch in OPENERS) stack.push(ch);
    else if (stack.length && stack[stack.length - 1] === CLOSERS[ch]) stack.pop();
  });
  return stack;
}

/**
 * Where a completion closes a bracket that neither it nor the code before the cursor
 * opened (a `]` for a `(`, or a `}` with nothing open): the completion is wrong from there.
 */
export function firstStrayCloser(completion: string, prefixOpen: readonly string[]): number | undefined {
  const own: string[] = [];
  const outer = [...prefixOpen];
  let stray: number | undefined;
  forEachBracket(completion, ({ index, ch }) => {
    if (ch in OPENERS) {
      own.push(ch);
      return;
    }
    const want = CLOSERS[ch];
    if (own.length) {
      if (own[own.length - 1] === want) {
        own.pop();
        return;
      }
    } else if (outer.length && outer[outer.length - 1] === want) {
      outer.pop();
      return;
    }
    stray = index;
    return false;
  });
  return stray;
}
